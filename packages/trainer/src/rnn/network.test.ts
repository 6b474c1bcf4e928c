import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { expectAllClose } from '#testing';
import { gridDistances, gridPositions } from './grid.js';
import { createRnnParameters, initializeRnn } from './network.js';

describe('initialisation (model.md §12)', () => {
  it('W is orthogonal (W W^T = I), W_in and W_out lie within the Glorot limits, biases are 0', () => {
    const p = createRnnParameters(8, 100, 4);
    initializeRnn(p, createRng('init'));
    const n = 100;
    const product = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) for (let k = 0; k < n; k++) product[i * n + j] += p.w[i * n + k] * p.w[j * n + k];
    const identity = Float64Array.from({ length: n * n }, (_, index) => (index % (n + 1) === 0 ? 1 : 0));
    expectAllClose(product, identity, { atol: 1e-12 });
    const inLimit = Math.sqrt(6 / 108);
    const outLimit = Math.sqrt(6 / 104);
    expect(Math.max(...Array.from(p.wIn, Math.abs))).toBeLessThanOrEqual(inLimit);
    expect(Math.max(...Array.from(p.wOut, Math.abs))).toBeLessThanOrEqual(outLimit);
    // Uniform on (-l, l): the variance is l^2 / 3 (800 draws: within 15%).
    const variance = p.wIn.reduce((sum, value) => sum + value * value, 0) / p.wIn.length;
    expect(Math.abs(variance / (inLimit ** 2 / 3) - 1)).toBeLessThan(0.15);
    expect(p.b.every((value) => value === 0) && p.bOut.every((value) => value === 0)).toBe(true);
  });

  it('places units on the grid, last axis fastest, with Euclidean distances', () => {
    const positions = gridPositions([5, 5, 4]);
    expect(Array.from(positions.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(positions.subarray(3, 6))).toEqual([0, 0, 1]);
    expect(Array.from(positions.subarray(99 * 3, 100 * 3))).toEqual([4, 4, 3]);
    const d = gridDistances([5, 5, 4]);
    expect(d[0 * 100 + 99]).toBeCloseTo(Math.sqrt(16 + 16 + 9), 12);
    expect(d[4 * 100 + 0]).toBe(1);
  });
});
