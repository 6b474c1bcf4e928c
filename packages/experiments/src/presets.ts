import type { SweepGrid } from './spec.js';

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
});

/**
 * Training settings a preset sets unless flags override them. transitions: N =
 * 1000 neurons, so that at K = 3 each of the 8 populations holds about 125
 * neurons and the in-sample bias of the empirical selectivity (of order
 * (P - 1) / n, README) stays near 0.02.
 */
export const PRESET_TRAINING: Readonly<Record<string, Readonly<Record<string, number>>>> = Object.freeze({
  transitions: Object.freeze({ neurons: 1000 }),
});

export const PRESET_NAMES = Object.keys(PRESETS);
