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
