import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { expectAllClose } from '#testing';
import { gemmAccumulate } from './gemm.js';

/** Plain triple loop over dense row-major operands, independent of the kernel under test. */
function naive(m: number, n: number, k: number, a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let l = 0; l < k; l++) sum += a[i * k + l] * b[l * n + j];
      out[i * n + j] = sum;
    }
  }
  return out;
}

describe('gemmAccumulate', () => {
  const rng = createRng('gemm');
  const random = (length: number) => Float64Array.from({ length }, () => rng.normal());

  // Sizes around the 4 x 4 blocking: remainders of rows and of the inner dimension.
  it.each([
    [1, 1, 1],
    [3, 5, 2],
    [4, 4, 4],
    [7, 9, 6],
    [13, 8, 11],
    [128, 100, 100],
  ])('m=%i n=%i k=%i matches the triple loop and accumulates', (m, n, k) => {
    const a = random(m * k);
    const b = random(k * n);
    const start = random(m * n);
    const c = Float64Array.from(start);
    gemmAccumulate(m, n, k, a, 0, k, b, 0, n, c, 0, n);
    const expected = naive(m, n, k, a, b).map((value, index) => value + start[index]);
    expectAllClose(c, expected, { rtol: 1e-12, atol: 1e-12 });
  });

  it('honours offsets and leading dimensions (a sub-block of larger buffers)', () => {
    const m = 5;
    const n = 6;
    const k = 7;
    const lda = 10;
    const ldb = 9;
    const ldc = 8;
    const a = random(3 + m * lda);
    const b = random(2 + k * ldb);
    const c = new Float64Array(1 + m * ldc);
    gemmAccumulate(m, n, k, a, 3, lda, b, 2, ldb, c, 1, ldc);
    const aDense = Float64Array.from({ length: m * k }, (_, index) => a[3 + Math.floor(index / k) * lda + (index % k)]);
    const bDense = Float64Array.from({ length: k * n }, (_, index) => b[2 + Math.floor(index / n) * ldb + (index % n)]);
    const expected = naive(m, n, k, aDense, bDense);
    for (let i = 0; i < m; i++) {
      expectAllClose(c.subarray(1 + i * ldc, 1 + i * ldc + n), expected.subarray(i * n, (i + 1) * n), { rtol: 1e-12, atol: 1e-12 });
      // Columns beyond n are not touched.
      expect(c[1 + i * ldc + n]).toBe(0);
    }
  });
});
