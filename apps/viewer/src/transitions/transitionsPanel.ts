// The transitions panel: specialization against K and selectivity against
// sigma around the current setting, computed in the worker when the panel is
// open (and again on each change while it is), an opened sweep laid over them.
import type { SweepFile } from '@maxent/figures';
import { chartPanel, type ChartPanel } from '../ui/chartPanel.js';
import { element, messageBox } from '../ui/dom.js';
import type { ViewerState } from '../state/viewerState.js';
import { CancelledError, type WorkerClient } from '../worker/client.js';
import { transitionFigures, type CurrentValues } from './transitionFigures.js';

export interface TransitionsPanel {
  readonly root: HTMLElement;
  setState(state: ViewerState, current: CurrentValues | null): void;
  setOverlay(sweep: SweepFile | null): void;
}

export function createTransitionsPanel(client: WorkerClient): TransitionsPanel {
  const status = element('p', { className: 'status', attributes: { 'aria-live': 'polite', 'data-status': 'idle' } });
  const problem = element('div');
  const grid = element('div', { className: 'figure-grid' });
  const root = element('details', { className: 'transitions', attributes: { id: 'transitions' } }, [
    element('summary', { text: 'Transitions: specialization against K, selectivity against σ' }),
    status,
    problem,
    grid,
  ]);
  let state: ViewerState | null = null;
  let current: CurrentValues | null = null;
  let computed: SweepFile | null = null;
  let computedFor = '';
  let overlay: SweepFile | null = null;
  let panels: ChartPanel[] = [];

  const draw = () => {
    if (computed === null || state === null) return;
    const figures = transitionFigures(computed, overlay, state, current);
    if (panels.length === 0) {
      panels = figures.map((figure) => chartPanel(figure));
      grid.replaceChildren(...panels.map((panel) => panel.root));
    } else figures.forEach((figure, i) => panels[i].update(figure));
  };

  const compute = () => {
    if (!root.open || state === null) return;
    const key = JSON.stringify({ ...state, neurons: 0 });
    if (key === computedFor) {
      draw();
      return;
    }
    const asked = state;
    status.textContent = 'computing the transitions in the worker…';
    status.dataset.status = 'busy';
    client
      .run('transitions', { type: 'transitions', state: asked }, (progress) => {
        status.textContent = `computing the transitions in the worker… ${progress.done} of ${progress.total} solutions`;
      })
      .then((sweep) => {
        computed = sweep;
        computedFor = key;
        problem.replaceChildren();
        const failed = sweep.rows.filter((row) => typeof (row as { error?: unknown }).error === 'string').length;
        status.textContent = `${sweep.rows.length} solutions${failed > 0 ? `, ${failed} without an answer (gaps)` : ''}`;
        status.dataset.status = 'done';
        draw();
      })
      .catch((error: Error) => {
        if (error instanceof CancelledError) return;
        status.dataset.status = 'failed';
        problem.replaceChildren(messageBox('error', `The transitions could not be computed: ${error.message}`));
      });
  };
  root.addEventListener('toggle', compute);

  return {
    root,
    setState(next, values) {
      state = next;
      current = values;
      compute();
    },
    setOverlay(sweep) {
      overlay = sweep;
      if (sweep !== null) root.open = true;
      draw();
      compute();
    },
  };
}
