// The transitions panel's computation (runs in the Web Worker): max-ent
// solutions along K and along sigma around the current setting, as the rows of
// a `sweep` file (the same rows `maxent sweep` writes), for the figures of the
// paper's two transitions (model.md §6).
import { resultEnvelope, type Progress } from '@maxent/core';
import type { MaxentConfig } from '@maxent/constraints';
import { runSweepPoint, sweepPoints, type SweepGrid } from '@maxent/experiments';
import type { SweepFile } from '@maxent/figures';
import { stateToRawConfig } from '../state/configFile.js';
import type { ViewerState } from '../state/viewerState.js';
import { VIEWER_VERSIONS } from './versions.js';

/** K along the specialization curve: 1..10 for binary gains, 1..5 for continuous ones (each K costs a Monte Carlo solve). */
export function transitionContexts(state: ViewerState): number[] {
  const largest = state.nonlinearity === 'relu' || state.nonlinearity === 'linear' ? 10 : 5;
  return Array.from({ length: Math.max(largest, Math.min(state.contexts, 12)) }, (_, i) => i + 1);
}

/** sigma along the selectivity curve: 13 values evenly spaced in log from 0.05 to 20, and the current one. */
export function transitionWeightScales(state: ViewerState): number[] {
  const grid = Array.from({ length: 13 }, (_, i) => Number((0.05 * 400 ** (i / 12)).toPrecision(6)));
  return [...new Set([...grid, state.weightScale])].sort((a, b) => a - b);
}

/** The two grids: K at the current sigma (built-in tasks only, where K is a setting) and sigma at the current task. */
export function transitionGrids(state: ViewerState): SweepGrid[] {
  const grids: SweepGrid[] = [];
  if (state.task !== 'matrix') {
    grids.push({
      name: 'contexts',
      axes: [
        { field: 'contexts', values: transitionContexts(state) },
        { field: 'weightScale', values: [state.weightScale] },
      ],
      initScales: [],
    });
  }
  grids.push({ name: 'weightScale', axes: [{ field: 'weightScale', values: transitionWeightScales(state) }], initScales: [] });
  return grids;
}

export interface TransitionsOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: Progress) => void;
}

/**
 * The sweep rows of the two grids. The base is the raw config without an
 * estimator, so each point takes the default estimator of its own K (model.md §7).
 * The K curve of a select-of setting is drawn on the select task (P must stay
 * <= K along it); the sigma curve is always at the current task.
 */
export function transitionsSweep(state: ViewerState, options: TransitionsOptions = {}): SweepFile {
  const pointsOf = (base: ViewerState, grids: SweepGrid[]) =>
    grids.length === 0 ? [] : sweepPoints({ base: stateToRawConfig(base) as unknown as MaxentConfig, grids, training: null, matchWeightScale: false, seed: state.seed, preset: null });
  const [byContexts, bySigma] = [transitionGrids(state).filter((grid) => grid.name === 'contexts'), transitionGrids(state).filter((grid) => grid.name !== 'contexts')];
  const points = [...pointsOf(state.task === 'select-of' ? { ...state, task: 'select' } : state, byContexts), ...pointsOf(state, bySigma)].map((point, index) => ({ ...point, index }));
  const rows = [];
  for (const [done, point] of points.entries()) {
    options.signal?.throwIfAborted();
    options.onProgress?.({ done, total: points.length });
    rows.push(runSweepPoint(point, options.signal));
  }
  options.onProgress?.({ done: points.length, total: points.length });
  return { ...resultEnvelope('sweep', { viewer: 'transitions', base: stateToRawConfig(state) }, state.seed, VIEWER_VERSIONS), preset: null, rows } as unknown as SweepFile;
}
