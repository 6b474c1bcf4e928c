// The explore view: controls, the solve in the worker (restarted on every
// change), the summary numbers and the figures of the solution and its neurons.
import { InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import { chartPanel, type ChartPanel } from '../ui/chartPanel.js';
import { element, messageBox } from '../ui/dom.js';
import { formatNumber } from '../ui/numberFormat.js';
import type { ViewerState } from '../state/viewerState.js';
import { CancelledError, type WorkerClient } from '../worker/client.js';
import type { ExploreResult } from '../worker/explore.js';
import { EXPLORE_SLOTS, exploreFigures, summaryNumbers, type ExploreSlot } from './exploreFigures.js';

const SOLUTION_SLOTS = EXPLORE_SLOTS.filter((slot) => slot !== 'neurons');

export interface ExploreView {
  readonly root: HTMLElement;
  /** Solves the state (cancelling any solve still running); resolves with the result, or null on failure or cancel. */
  solve(state: ViewerState, startedAt?: number): Promise<ExploreResult | null>;
}

export function createExploreView(client: WorkerClient, controls: HTMLElement, extraActions: readonly HTMLElement[]): ExploreView {
  const status = element('p', { className: 'status', attributes: { 'aria-live': 'polite', 'data-status': 'idle' } });
  const problem = element('div', { className: 'problem' });
  const numbers = element('dl', { className: 'summary-numbers' });
  const notes = element('div', { className: 'notes' });
  const grid = element('div', { className: 'figure-grid' });
  const panels = new Map<ExploreSlot, ChartPanel>();
  const root = element('section', { className: 'explore', attributes: { id: 'explore', 'aria-label': 'explore' } }, [
    element('aside', {}, [controls, element('div', { className: 'actions' }, extraActions)]),
    element('div', { className: 'explore-main' }, [status, problem, numbers, notes, grid]),
  ]);
  let generation = 0;

  const setStatus = (text: string, kind: 'busy' | 'done' | 'failed') => {
    status.textContent = text;
    status.dataset.status = kind;
  };

  const show = (result: ExploreResult, startedAt: number) => {
    const { figures, notes: said } = exploreFigures(result);
    numbers.replaceChildren(
      ...summaryNumbers(result.solution).flatMap((entry) => [
        element('dt', { text: entry.label }),
        element('dd', { text: formatNumber(entry.value), attributes: { 'data-key': entry.key, 'data-value': String(entry.value) } }),
      ]),
    );
    notes.replaceChildren(...said.map((text) => messageBox('note', text)));
    const place = (slot: ExploreSlot) => {
      const figure = figures[slot];
      const panel = panels.get(slot);
      if (figure === undefined) {
        panel?.dispose();
        panel?.root.remove();
        panels.delete(slot);
      } else if (panel === undefined) {
        const created = chartPanel(figure);
        created.root.dataset.slot = slot;
        panels.set(slot, created);
        const after = EXPLORE_SLOTS.slice(EXPLORE_SLOTS.indexOf(slot) + 1).map((later) => panels.get(later)?.root).find((node) => node !== undefined);
        grid.insertBefore(created.root, after ?? null);
      } else panel.update(figure);
    };
    // The solution's charts first; the scatter (one series per gain pattern, 2^K of them) a frame later.
    for (const slot of SOLUTION_SLOTS) place(slot);
    grid.classList.remove('stale');
    const mine = generation;
    requestAnimationFrame(() => {
      const elapsed = performance.now() - startedAt;
      root.dataset.lastUpdateMs = elapsed.toFixed(1);
      setTimeout(() => {
        if (mine !== generation) return;
        place('neurons');
        requestAnimationFrame(() => {
          const scatter = performance.now() - startedAt;
          root.dataset.lastScatterMs = scatter.toFixed(1);
          root.dataset.updates = String(Number(root.dataset.updates ?? '0') + 1);
          setStatus(
            `solved in ${result.timing.solve.toFixed(0)} ms, ${result.network === null ? 'no neurons drawn' : `${result.network.neurons} neurons drawn in ${result.timing.sample.toFixed(0)} ms`}; ` +
              `from the change: ${elapsed.toFixed(0)} ms to the solution's charts, ${scatter.toFixed(0)} ms to the scatter`,
            'done',
          );
        });
      }, 0);
    });
  };

  return {
    root,
    async solve(state, startedAt = performance.now()) {
      const mine = ++generation;
      setStatus('solving…', 'busy');
      grid.classList.add('stale');
      try {
        const result = await client.run('explore', { type: 'explore', state }, (progress) => {
          if (mine !== generation) return;
          const stage = 'stage' in progress ? progress.stage : 'solve';
          setStatus(stage === 'solve' ? `solving… Newton step ${progress.done}` : `drawing neurons… ${progress.done} of ${progress.total}`, 'busy');
        });
        if (mine !== generation) return null;
        problem.replaceChildren();
        show(result, startedAt);
        return result;
      } catch (error) {
        if (error instanceof CancelledError || mine !== generation) return null;
        const what =
          error instanceof ProblemHasNoAnswerError
            ? `No solution at this setting (${error.reason}): `
            : error instanceof InvalidInputError
              ? 'Invalid setting: '
              : 'The solver failed: ';
        problem.replaceChildren(messageBox('error', `${what}${(error as Error).message}`));
        numbers.replaceChildren();
        setStatus('no solution', 'failed');
        // A setting handled, though without charts (tests and benchmarks wait for this count).
        root.dataset.updates = String(Number(root.dataset.updates ?? '0') + 1);
        return null;
      }
    },
  };
}
