import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { createRng } from '../rng.js';
import { invertSmallMatrix } from './smallInverse.js';

describe('invertSmallMatrix', () => {
  it('2 x 2: the closed-form inverse and log |det|', () => {
    const [a, b, c, d] = [2, -1.5, 0.5, 3];
    const result = invertSmallMatrix(Float64Array.of(a, b, c, d), 2, 1e-14);
    const det = a * d - b * c;
    expectAllClose(result?.inverse ?? [], [d / det, -b / det, -c / det, a / det], { rtol: 1e-14 });
    expectAllClose(result?.logDeterminant ?? NaN, Math.log(Math.abs(det)), { rtol: 1e-14 });
  });

  it('needs pivoting: a zero leading entry is no obstacle, and log |det| of a permutation is 0', () => {
    const result = invertSmallMatrix(Float64Array.of(0, 1, 1, 0), 2, 1e-14);
    expectAllClose(result?.inverse ?? [], [0, 1, 1, 0], { atol: 0 });
    expect(result?.logDeterminant).toBe(0);
  });

  it.each([3, 4, 6])('random %i x %i: A A^-1 = I to 1e-12', (R) => {
    const rng = createRng(R);
    const a = Float64Array.from({ length: R * R }, () => rng.normal());
    const inverse = invertSmallMatrix(a, R, 1e-14)?.inverse ?? new Float64Array(R * R);
    const product = new Float64Array(R * R);
    for (let i = 0; i < R; i++) for (let j = 0; j < R; j++) for (let k = 0; k < R; k++) product[i * R + j] += a[i * R + k] * inverse[k * R + j];
    expectAllClose(product, Float64Array.from({ length: R * R }, (_, k) => (k % (R + 1) === 0 ? 1 : 0)), { atol: 1e-12 });
  });

  it('a singular matrix (a pivot at or below the floor) is null', () => {
    expect(invertSmallMatrix(Float64Array.of(1, 2, 2, 4), 2, 1e-14)).toBeNull();
    expect(invertSmallMatrix(Float64Array.of(1e-20, 0, 0, 1), 2, 1e-14)).toBeNull();
    expect(invertSmallMatrix(Float64Array.of(1e-20, 0, 0, 1), 2, 1e-300)).not.toBeNull();
  });
});
