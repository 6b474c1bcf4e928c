import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError, type Mat } from '@maxent/core';
import { expectAllClose } from '#testing';
import { communicabilityEntropy } from './communicability.js';
import { leadingEigenvalue, logLeadingEigenvalue, spectralEntropy, spectralRadius } from './spectralMeasures.js';
import { shannonEntropy } from './entropy.js';
import { modularity } from './modularity.js';
import { totalWeight } from './totalWeight.js';
import { weightMetrics } from './weightMetrics.js';

function randomWeights(n: number, seed: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(n * n);
  for (let index = 0; index < data.length; index++) data[index] = rng.normal() / Math.sqrt(n);
  return { rows: n, cols: n, data };
}

describe('weightMetrics', () => {
  it('agrees with each measure computed on its own', () => {
    const w = randomWeights(30, 3);
    const all = weightMetrics(w, { gamma: 1.2 });
    expect(all.shannonEntropy).toBe(shannonEntropy(w));
    expect(all.communicabilityEntropy).toBe(communicabilityEntropy(w));
    expect(all.modularity).toEqual(modularity(w, { gamma: 1.2 }));
    expect(all.leadingEigenvalue).toBe(leadingEigenvalue(w));
    expect(all.logLeadingEigenvalue).toBe(logLeadingEigenvalue(w));
    expect(all.spectralRadius).toBe(spectralRadius(w));
    expect(all.spectralEntropy).toBe(spectralEntropy(w));
    expect(all.totalWeight).toBe(totalWeight(w));
  });

  // Closed forms worked out by hand (model.md §11), independent of the kernels
  // and of the single measures: they fail if a measure changes its definition
  // (a natural log for log2, a lost normalisation), which the agreement test
  // above cannot see.
  it.each([3, 6])('gives the closed forms of a uniform W = 0.4 J (N = %s)', (n) => {
    const all = weightMetrics({ rows: n, cols: n, data: new Float64Array(n * n).fill(0.4) });
    // Every row of |W| is uniform over N entries: log2(N) bits, the mean row entropy.
    expectAllClose(all.shannonEntropy, Math.log2(n), { rtol: 1e-14 });
    // S = 0.4 N I, so S^-1/2 |W| S^-1/2 = J / N, idempotent: C = I + (e - 1) J / N.
    // Each row of C sums to e: a diagonal share (1 + (e - 1) / N) / e and N - 1 shares (e - 1) / (N e).
    const diagonal = (1 + (Math.E - 1) / n) / Math.E;
    const off = (Math.E - 1) / (n * Math.E);
    expectAllClose(all.communicabilityEntropy, -diagonal * Math.log2(diagonal) - (n - 1) * off * Math.log2(off), { rtol: 1e-13 });
    // 0.4 J has the eigenvalue 0.4 N once and 0 (N - 1 times, computed at rounding level).
    expectAllClose(all.leadingEigenvalue, 0.4 * n, { rtol: 1e-14 });
    expectAllClose(all.logLeadingEigenvalue as number, Math.log(0.4 * n), { rtol: 1e-13 });
    expectAllClose(all.spectralRadius, 0.4 * n, { rtol: 1e-14 });
    expectAllClose(all.spectralEntropy as number, 0, { atol: 1e-12 });
    // One community: Q = (1/m) sum_ij (A_ij - k_i k_j / m) = 0.
    expect(Array.from(all.modularity.communities)).toEqual(new Array(n).fill(0));
    expectAllClose(all.modularity.q as number, 0, { atol: 1e-14 });
    expectAllClose(all.totalWeight, 0.4 * n * n, { rtol: 1e-14 });
  });

  it('gives the closed forms of two disconnected signed blocks [[1, 1], [1, 1]] and [[2, -2], [-2, 2]]', () => {
    const all = weightMetrics({
      rows: 4,
      cols: 4,
      data: Float64Array.from([1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 2, -2, 0, 0, -2, 2]),
    });
    // Every row of |W| is uniform over two entries: 1 bit.
    expectAllClose(all.shannonEntropy, 1, { rtol: 1e-14 });
    // S^-1/2 |W| S^-1/2 = diag(J/2, J/2), so C = diag(I + (e - 1) J / 2, same); each
    // row is ((e + 1) / 2, (e - 1) / 2), summing to e.
    const [p, q] = [(Math.E + 1) / (2 * Math.E), (Math.E - 1) / (2 * Math.E)];
    expectAllClose(all.communicabilityEntropy, -p * Math.log2(p) - q * Math.log2(q), { rtol: 1e-13 });
    // Eigenvalues 2, 0 (first block) and 4, 0 (second): moduli shares 1/3 and 2/3.
    expectAllClose(all.leadingEigenvalue, 4, { rtol: 1e-14 });
    expectAllClose(all.logLeadingEigenvalue as number, Math.log(4), { rtol: 1e-13 });
    expectAllClose(all.spectralRadius, 4, { rtol: 1e-14 });
    expectAllClose(all.spectralEntropy as number, Math.log2(3) - 2 / 3, { rtol: 1e-13 });
    // m = 12; each block holds L = m / 3 of the weight with K_out = K_in = L:
    // Q = 2 (L / m - L^2 / m^2) = 2 (1/3 - 1/9) = 4/9.
    expect(Array.from(all.modularity.communities)).toEqual([0, 0, 1, 1]);
    expectAllClose(all.modularity.q as number, 4 / 9, { rtol: 1e-14 });
    expectAllClose(all.totalWeight, 12, { rtol: 0 });
  });

  it('gives the documented values for the zero matrix', () => {
    const zero: Mat = { rows: 3, cols: 3, data: new Float64Array(9) };
    expect(weightMetrics(zero)).toEqual({
      shannonEntropy: 0,
      communicabilityEntropy: 0,
      modularity: { q: null, communities: new Int32Array(3) },
      leadingEigenvalue: 0,
      logLeadingEigenvalue: null,
      spectralRadius: 0,
      spectralEntropy: null,
      totalWeight: 0,
    });
  });

  it('handles a 1 x 1 matrix', () => {
    const all = weightMetrics({ rows: 1, cols: 1, data: Float64Array.from([-2]) });
    expect(all.shannonEntropy).toBe(0);
    expect(all.communicabilityEntropy).toBe(0);
    expect(all.leadingEigenvalue).toBe(-2);
    expect(all.logLeadingEigenvalue).toBeNull();
    expect(all.spectralRadius).toBe(2);
    expect(all.spectralEntropy).toBe(0);
    expect(all.totalWeight).toBe(2);
    expect(Array.from(all.modularity.communities)).toEqual([0]);
  });

  it('sums |W| for the total weight', () => {
    expectAllClose(totalWeight({ rows: 2, cols: 2, data: Float64Array.from([1, -2.5, 0, 4]) }), 7.5, { rtol: 0 });
  });

  it.each([
    [{ rows: 2, cols: 3, data: new Float64Array(6) }, 'invalid `W`: must be a square matrix, got 2x3'],
    [{ rows: 0, cols: 0, data: new Float64Array(0) }, 'invalid `W`: must be a non-empty square matrix, got 0x0'],
    [{ rows: 2, cols: 2, data: Float64Array.from([0, 0, Number.NaN, 0]) }, 'got NaN at row 1, column 0'],
    [{ rows: 2, cols: 2, data: Float64Array.from([0, 0, 0, -Infinity]) }, 'got -Infinity at row 1, column 1'],
    [{ rows: 2, cols: 2, data: new Float64Array(3) }, 'data holds 3 values'],
  ])('rejects %o', (matrix, message) => {
    expect(() => weightMetrics(matrix)).toThrow(InvalidInputError);
    expect(() => weightMetrics(matrix)).toThrow(message);
  });
});
