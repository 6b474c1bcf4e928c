import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { linearFit, rnnStudySummary } from './rnnStudy.js';
import type { RnnSweepRow } from './rnnSweep.js';

function row(index: number, regularizer: 'l1' | 'sernn', gamma: number, learnt: boolean, final: Record<string, number>): RnnSweepRow {
  return { index, regularizer, gamma, seed: index, stoppedBy: 'epochs', learnt, final: { testAccuracy: learnt ? 0.95 : 0.625, ...final }, epochs: [], eigenvalues: { real: [], imaginary: [] } };
}

describe('rnnStudySummary', () => {
  const rows = [
    row(0, 'l1', 0.01, true, { totalWeight: 100, shannonEntropy: 5, modularity: 0.2, leadingEigenvalue: 1.2, spectralEntropy: 6 }),
    row(1, 'l1', 0.01, false, { totalWeight: 300, shannonEntropy: 6, modularity: 0.1, leadingEigenvalue: 1, spectralEntropy: 6.2 }),
    row(2, 'l1', 0.03, true, { totalWeight: 40, shannonEntropy: 4, modularity: 0.3, leadingEigenvalue: 1.1, spectralEntropy: 5.5 }),
    row(3, 'sernn', 0.3, true, { totalWeight: 110, shannonEntropy: 4.5, modularity: 0.4, leadingEigenvalue: 1.0, spectralEntropy: 6.1 }),
    // Total weight 70: 1.43 x from 100 and 1.75 x from 40, so unmatched.
    row(4, 'sernn', 0.3, true, { totalWeight: 70, shannonEntropy: 3, modularity: 0.5, leadingEigenvalue: 0.9, spectralEntropy: 6 }),
    row(5, 'sernn', 1, true, { totalWeight: 42, shannonEntropy: 4.2, modularity: 0.35, leadingEigenvalue: 1.3, spectralEntropy: 5.6 }),
  ];
  const summary = rnnStudySummary(rows);

  it('counts every run per group and gamma, and averages the learnt ones', () => {
    const cell = summary.cells.find((c) => c.regularizer === 'l1' && c.gamma === 0.01)!;
    expect([cell.runs, cell.learnt]).toEqual([2, 1]);
    expect(cell.mean.totalWeight).toBe(100);
  });

  it('pairs seRNN with L1 networks of total weight within x1.25 and compares them', () => {
    const m = summary.matched;
    expect(m.list.map((pair) => [pair.sernn, pair.l1])).toEqual([
      [3, 0],
      [5, 2],
    ]);
    expect(m.seRnnHigherModularity).toBe(1);
    expect(m.seRnnLowerEntropy).toBe(0.5);
    expect(m.seRnnSmallerLeadingEigenvalue).toBe(0.5);
    expect(m.seRnnHigherSpectralEntropy).toBe(1);
    expectAllClose(m.meanDifference.modularity!, (0.2 + 0.05) / 2, { rtol: 1e-12 });
  });

  it('linearFit recovers slope and correlation of exact lines and needs 3 points', () => {
    const fit = linearFit([
      [1, 3],
      [2, 1],
      [4, -3],
    ]);
    expectAllClose(fit.slope!, -2, { rtol: 1e-12 });
    expectAllClose(fit.correlation!, -1, { rtol: 1e-12 });
    expect(linearFit([[1, 2], [2, 3]]).slope).toBeNull();
  });
});
