import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { expectAllClose } from '#testing';
import { multiplySquare, oneNorm, solveInPlace } from './denseKernels.js';

function random(n: number, seed: number): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: n * n }, () => rng.normal());
}

function naiveProduct(a: Float64Array, b: Float64Array, n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a[i * n + k] * b[k * n + j];
      out[i * n + j] = sum;
    }
  }
  return out;
}

// Sizes cover every remainder of the 2-row and 4-column blocking.
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13];

describe('dense kernels', () => {
  it.each(SIZES)('multiplySquare matches the triple loop at n = %s', (n) => {
    const a = random(n, n);
    const b = random(n, n + 50);
    const out = new Float64Array(n * n).fill(Number.NaN);
    multiplySquare(a, b, out, n);
    expectAllClose(out, naiveProduct(a, b, n), { rtol: 1e-12, atol: 1e-12 });
  });

  it.each(SIZES)('solveInPlace gives X with Q X = P at n = %s', (n) => {
    const q = random(n, 100 + n);
    const p = random(n, 200 + n);
    const x = Float64Array.from(p);
    expect(solveInPlace(Float64Array.from(q), x, n)).toBe(true);
    expectAllClose(naiveProduct(q, x, n), p, { rtol: 1e-10, atol: 1e-10 });
  });

  it('reports a singular matrix', () => {
    expect(solveInPlace(Float64Array.from([1, 2, 2, 4]), Float64Array.from([1, 0, 0, 1]), 2)).toBe(false);
  });

  it('takes the largest absolute column sum as the 1-norm', () => {
    expect(oneNorm(Float64Array.from([1, -7, -2, 3]), 2)).toBe(10);
  });
});
