import type { RnnSweepGroup } from './rnnSweep.js';

/**
 * `maxent rnn sweep --preset sernn-study`: L1 against seRNN networks (model.md
 * §12), each regulariser over its own gamma range, as in the papers: the seRNN
 * penalty sum |W| . D . C is far smaller than sum |W| at the same W (C's
 * off-diagonal entries are of order 1/N), so its gammas sit about two decades
 * higher, and the two ranges are chosen to overlap in the total weight they
 * leave (the comparison is at matched total weight, not at equal gamma).
 * `--quick`: two gammas per group, 3 seeds (12 runs); full: 5 gammas, 5 seeds.
 */
export interface RnnPreset {
  readonly groups: readonly RnnSweepGroup[];
  readonly seeds: readonly number[];
  readonly epochs: number;
}

export const RNN_PRESETS: Readonly<Record<string, { readonly full: RnnPreset; readonly quick: RnnPreset }>> = Object.freeze({
  'sernn-study': {
    full: {
      groups: [
        { regularizer: 'l1', gammas: [0.001, 0.002, 0.004, 0.008, 0.016] },
        { regularizer: 'sernn', gammas: [0.03, 0.06, 0.12, 0.25, 0.5] },
      ],
      seeds: [1, 2, 3, 4, 5],
      epochs: 10,
    },
    quick: {
      groups: [
        { regularizer: 'l1', gammas: [0.003, 0.01] },
        { regularizer: 'sernn', gammas: [0.1, 0.3] },
      ],
      seeds: [1, 2, 3],
      epochs: 10,
    },
  },
});

export const RNN_PRESET_NAMES = Object.keys(RNN_PRESETS);
