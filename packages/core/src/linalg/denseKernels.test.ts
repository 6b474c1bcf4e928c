import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { expectAllClose } from '#testing';
import { multiplyAccumulate, multiplySquare, oneNorm, solveInPlace } from './denseKernels.js';

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

// Sizes cover every remainder of the 4-row by 4-row blocking and, for the
// solve, one to several four-column panels with every remainder.
const SIZES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 13, 22, 37];

describe('dense kernels', () => {
  it.each(SIZES)('multiplySquare matches the triple loop at n = %s', (n) => {
    const a = random(n, n);
    const b = random(n, n + 50);
    const out = new Float64Array(n * n).fill(Number.NaN);
    multiplySquare(a, b, out, n);
    expectAllClose(out, naiveProduct(a, b, n), { rtol: 1e-12, atol: 1e-12 });
  });

  it.each([
    { i0: 0, i1: 11, k0: 0, k1: 11, j0: 0, j1: 11, sign: 1 as const },
    { i0: 2, i1: 9, k0: 1, k1: 10, j0: 3, j1: 8, sign: -1 as const },
    { i0: 5, i1: 6, k0: 0, k1: 3, j0: 0, j1: 11, sign: 1 as const },
    { i0: 0, i1: 7, k0: 4, k1: 4, j0: 0, j1: 11, sign: -1 as const },
    { i0: 3, i1: 11, k0: 2, k1: 9, j0: 10, j1: 11, sign: -1 as const },
  ])('multiplyAccumulate matches the triple loop on rows $i0-$i1, k $k0-$k1, columns $j0-$j1, sign $sign', ({ i0, i1, k0, k1, j0, j1, sign }) => {
    const n = 11;
    const a = random(n, 7);
    const b = random(n, 8);
    const out = random(n, 9);
    const expected = Float64Array.from(out);
    for (let i = i0; i < i1; i++) {
      for (let j = j0; j < j1; j++) {
        let sum = 0;
        for (let k = k0; k < k1; k++) sum += a[i * n + k] * b[k * n + j];
        expected[i * n + j] += sign * sum;
      }
    }
    multiplyAccumulate(a, b, out, n, i0, i1, k0, k1, j0, j1, sign);
    // Entries outside the block must be untouched, bit for bit.
    expectAllClose(out, expected, { rtol: 1e-13, atol: 1e-13 });
    for (let index = 0; index < n * n; index++) {
      const i = Math.floor(index / n);
      const j = index % n;
      if (i < i0 || i >= i1 || j < j0 || j >= j1) expect(out[index]).toBe(expected[index]);
    }
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
