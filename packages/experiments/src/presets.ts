import type { SweepGrid } from './spec.js';

/** Optimiser steps of gd-match (see the note on convergence in docs/gd-match.md). */
const GD_MATCH_STEPS = 3000;

/**
 * `--preset transitions`: the paper's two transitions (model.md §6) on the select
 * task, for max-ent solutions and trained networks.
 *
 * - grid "contexts": K = 1..10 at weight scale 0.5 (small sigma, where §6 says
 *   specialization falls far below its prior for K >= 3), trained from init scale
 *   0.05 (rich regime) and 2 (lazy regime, model.md §10);
 * - grid "weightScale": K = 3, sigma = 0.25..4 in factors of sqrt 2, trained from
 *   init scale = sigma (`match`): training starts from the max-ent prior p0 itself,
 *   so the small-sigma end is the rich regime and the large-sigma end the lazy one.
 */
export const PRESETS: Readonly<Record<string, readonly SweepGrid[]>> = Object.freeze({
  transitions: Object.freeze([
    {
      name: 'contexts',
      axes: [
        { field: 'contexts', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] },
        { field: 'weightScale', values: [0.5] },
      ],
      initScales: [0.05, 2],
    },
    {
      name: 'weightScale',
      axes: [
        { field: 'contexts', values: [3] },
        {
          field: 'weightScale',
          values: [0.25, 0.353553390593, 0.5, 0.707106781187, 1, 1.41421356237, 2, 2.82842712475, 4],
        },
      ],
      initScales: ['match'],
    },
  ] satisfies SweepGrid[]),
  'gd-match': Object.freeze(gdMatchGrids([1, 2, 3, 5, 8], [0, 1e-4, 3e-4, 1e-3], [1, 2, 4])),
});

/**
 * `--preset gd-match`: do gradient-trained networks match the max-ent solution,
 * and in which regime (model.md §15)? The select task at K = 1, 2, 3, 5, 8,
 * trained in the rich regime (init scale 0.05) with L2 weight decay 0, 1e-4,
 * 3e-4, 1e-3 (grid "rich") and in the lazy regime (init scales 1, 2, 4, no weight
 * decay; grid "lazy"), each compared with the max-ent family over sigma by the
 * joint match. The max-ent points (sigma = 1) are the solutions compared with.
 */
function gdMatchGrids(contexts: number[], weightDecays: number[], lazyInitScales: number[]): SweepGrid[] {
  const axes = [
    { field: 'contexts' as const, values: contexts },
    { field: 'weightScale' as const, values: [1] },
  ];
  return [
    { name: 'rich', axes, initScales: [0.05], weightDecays },
    { name: 'lazy', axes, initScales: lazyInitScales, weightDecays: [0] },
  ];
}

/**
 * `--quick`: a reduced copy of a preset that still runs every stage, for a first
 * look and for CI (gd-match: K = 2, 3, 5; weight decay 0 and 3e-4; lazy init scale
 * 2; 2 seeds of N = 500 neurons, shorter training).
 */
export const QUICK_PRESETS: Readonly<Record<string, { readonly grids: readonly SweepGrid[]; readonly training: Readonly<Record<string, number>>; readonly replicates: number }>> =
  Object.freeze({
    'gd-match': Object.freeze({ grids: gdMatchGrids([2, 3, 5], [0, 3e-4], [2]), training: Object.freeze({ neurons: 500, steps: 1500 }), replicates: 2 }),
  });

/** Trained replicates per setting a preset runs unless `--seeds` overrides it. */
export const PRESET_REPLICATES: Readonly<Record<string, number>> = Object.freeze({ 'gd-match': 3 });

/**
 * Training settings a preset sets unless flags override them. transitions: N =
 * 1000 neurons, so that at K = 3 each of the 8 populations holds about 125
 * neurons and the in-sample bias of the empirical selectivity (of order
 * (P - 1) / n, README) stays near 0.02. gd-match: N = 1000 as in the
 * observations of model.md §15, and the steps below.
 */
export const PRESET_TRAINING: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze({
  transitions: Object.freeze({ neurons: 1000 }),
  'gd-match': Object.freeze({ neurons: 1000, steps: GD_MATCH_STEPS }),
});

export const PRESET_NAMES = Object.keys(PRESETS);
