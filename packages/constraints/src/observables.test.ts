import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { summarizePopulations } from './index.js';

describe('summarizePopulations', () => {
  it('counts active contexts and weights selectivity by energy (hand-computed)', () => {
    const summary = summarizePopulations(
      [
        { pattern: [0, 0], fraction: 0.25, energyShare: 0.1, selectivity: 0.5 },
        { pattern: [1, 0], fraction: 0.25, energyShare: 0.3, selectivity: 1 },
        { pattern: [0, 1], fraction: 0.25, energyShare: 0.3, selectivity: 1 },
        { pattern: [1, 1], fraction: 0.25, energyShare: 0.3, selectivity: 0.6 },
      ],
      2,
      2,
      0.5,
    );
    expectAllClose(summary.specialization, 0.6, { rtol: 1e-14 });
    expectAllClose(summary.specializationPrior, 0.5, { rtol: 1e-14 });
    // 0.1*0.5 + 0.6*1 + 0.3*0.6 = 0.83; normalised (0.83 - 0.5) / 0.5 = 0.66
    expectAllClose(summary.selectivity, 0.83, { rtol: 1e-14 });
    expectAllClose(summary.selectivityNormalized ?? NaN, 0.66, { rtol: 1e-13 });
    expectAllClose(summary.activeCount.byFraction, [0.25, 0.5, 0.25], { rtol: 1e-14 });
    expectAllClose(summary.activeCount.byEnergy, [0.1, 0.6, 0.3], { rtol: 1e-14 });
  });
  it('has no normalised selectivity for one stimulus', () => {
    const summary = summarizePopulations([{ pattern: [1], fraction: 1, energyShare: 1, selectivity: 1 }], 1, 1, 0.5);
    expect(summary.selectivityNormalized).toBeNull();
  });
});
