import { describe, expect, it } from 'vitest';
import { trainRnn } from './trainRnn.js';

// A small run (6 units, 5-step trials, a last batch smaller than the others, every
// penalty kind that multiplies matrices) on each product kernel: the kernels
// round alike (core's gemm.ts), so the runs must agree to the bit.
const settings = {
  grid: [3, 2],
  epochs: 2,
  trialsPerEpoch: 40,
  batch: 16,
  testTrials: 21,
  task: { goalSteps: 2, delaySteps: 1, choiceSteps: 2 },
};

describe('trainRnn kernels', () => {
  it.each(['l1', 'sernn'] as const)('%s: simd and javascript give the same bytes', (regularizer) => {
    const simd = trainRnn({ ...settings, regularizer, gamma: 0.01, seed: 3 }, { kernel: 'simd' });
    const javascript = trainRnn({ ...settings, regularizer, gamma: 0.01, seed: 3 }, { kernel: 'javascript' });
    expect(simd.epochs).toHaveLength(3);
    expect(JSON.stringify(simd.epochs.map((epoch) => ({ ...epoch, w: Array.from(epoch.w) })))).toBe(
      JSON.stringify(javascript.epochs.map((epoch) => ({ ...epoch, w: Array.from(epoch.w) }))),
    );
    expect(Array.from(simd.parameters.wIn)).toEqual(Array.from(javascript.parameters.wIn));
    // Training moved the weights (the comparison is not of two untouched initialisations).
    expect(simd.epochs[2].w).not.toEqual(simd.epochs[0].w);
  });

  it('rejects an unknown kernel, naming the option', () => {
    expect(() => trainRnn(settings, { kernel: 'gpu' as never })).toThrow(/invalid `kernel`: must be one of auto, simd, javascript, got gpu/);
  });
});

describe('trainRnn size limits', () => {
  it('refuses a test set too large for one run, naming testTrials (not the arena)', () => {
    // 10^6 test trials of 50 steps hold about 2 * 10^8 float64 entries (inputs and hidden states).
    expect(() => trainRnn({ epochs: 1, testTrials: 1_000_000 })).toThrow(/`testTrials`.*lower testTrials or batch/);
  });
});
