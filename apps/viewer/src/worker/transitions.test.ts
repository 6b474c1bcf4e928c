import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../state/viewerState.js';
import { exploreSettings } from './explore.js';
import { transitionContexts, transitionGrids, transitionsSweep, transitionWeightScales } from './transitions.js';

describe('the transitions of the current setting', () => {
  it('sweeps K = 1..10 at the current sigma and 13 sigma from 0.05 to 20 plus the current one', () => {
    const state = { ...DEFAULT_STATE, weightScale: 0.7 };
    expect(transitionContexts(state)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const scales = transitionWeightScales(state);
    expect(scales).toHaveLength(14);
    expect(scales[0]).toBe(0.05);
    expect(scales.at(-1)).toBe(20);
    expect(scales).toContain(0.7);
    expect(transitionGrids({ ...state, task: 'matrix' }).map((grid) => grid.name)).toEqual(['weightScale']);
  });

  it('gives the rows of maxent sweep: the prior specialization is K / 2^K (rho = 1/2), and the current point equals the explore view', () => {
    const state = { ...DEFAULT_STATE, contexts: 4, weightScale: 0.5 };
    const sweep = transitionsSweep(state);
    const byContexts = sweep.rows.filter((row) => row.grid === 'contexts');
    expect(byContexts.map((row) => row.contexts)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const row of byContexts) expect(row.specializationPrior).toBeCloseTo(row.contexts / 2 ** row.contexts, 12);
    const here = exploreSettings({ ...state, neurons: 100 }).solution.summary;
    const atK = byContexts.find((row) => row.contexts === 4)!;
    expect(atK.specialization).toBeCloseTo(here.specialization!, 10);
    const atSigma = sweep.rows.find((row) => row.grid === 'weightScale' && row.weightScale === 0.5)!;
    expect(atSigma.selectivityNormalized).toBeCloseTo(here.selectivityNormalized!, 10);
    // Selectivity falls as sigma grows (model.md §6): the ends of the curve.
    const curve = sweep.rows.filter((row) => row.grid === 'weightScale');
    expect(curve[0].selectivityNormalized!).toBeGreaterThan(curve.at(-1)!.selectivityNormalized!);
  }, 60_000);

  it('draws the K curve of select-of on the select task and its sigma curve at P', () => {
    const sweep = transitionsSweep({ ...DEFAULT_STATE, task: 'select-of', contexts: 4, stimuli: 2, weightScale: 2 });
    expect(sweep.rows.filter((row) => row.grid === 'contexts').map((row) => (row as unknown as { stimuli: number }).stimuli)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new Set(sweep.rows.filter((row) => row.grid === 'weightScale').map((row) => (row as unknown as { stimuli: number }).stimuli))).toEqual(new Set([2]));
  }, 60_000);

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    expect(() => transitionsSweep(DEFAULT_STATE, { signal: controller.signal })).toThrow('stop');
  });
});
