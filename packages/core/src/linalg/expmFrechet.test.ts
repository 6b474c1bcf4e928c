import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Mat } from '../matrix.js';
import { createRng } from '../rng.js';
import { expectAllClose } from '#testing';
import { expm } from './expm.js';
import { expmFrechet, expmFrechetOfValidated, expmFrechetScratchLength } from './expmFrechet.js';
import { createFloat64Arena } from './float64Arena.js';

const rng = createRng('expm-frechet');
function randomMat(n: number, scale: number): Mat {
  return { rows: n, cols: n, data: Float64Array.from({ length: n * n }, () => scale * rng.normal()) };
}

/** The 2n x 2n block identity expm([[A, E], [0, A]]) = [[e^A, L], [0, e^A]], by the plain expm. */
function byBlockIdentity(a: Mat, e: Mat): { exp: Float64Array; frechet: Float64Array } {
  const n = a.rows;
  const big = new Float64Array(4 * n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      big[i * 2 * n + j] = a.data[i * n + j];
      big[i * 2 * n + n + j] = e.data[i * n + j];
      big[(n + i) * 2 * n + n + j] = a.data[i * n + j];
    }
  }
  const result = expm({ rows: 2 * n, cols: 2 * n, data: big }).data;
  const exp = new Float64Array(n * n);
  const frechet = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      exp[i * n + j] = result[i * 2 * n + j];
      frechet[i * n + j] = result[i * 2 * n + n + j];
    }
  }
  return { exp, frechet };
}

/** Central difference (e^(A + hE) - e^(A - hE)) / 2h: O(h^2) truncation. */
function byFiniteDifference(a: Mat, e: Mat, h: number): Float64Array {
  const shifted = (sign: number) => expm({ rows: a.rows, cols: a.cols, data: a.data.map((value, index) => value + sign * h * e.data[index]) }).data;
  const plus = shifted(1);
  const minus = shifted(-1);
  return plus.map((value, index) => (value - minus[index]) / (2 * h));
}

function scaleOf(values: Float64Array): number {
  return values.reduce((largest, value) => Math.max(largest, Math.abs(value)), 0);
}

describe('expmFrechet', () => {
  // Norms across the degrees 3..13 and into scaling and squaring.
  it.each([
    [4, 0.003],
    [5, 0.05],
    [6, 0.2],
    [8, 0.5],
    [10, 1],
    [12, 3],
    [20, 1.5],
  ])('n=%i scale=%f: e^A equals expm and L equals the block identity', (n, scale) => {
    const a = randomMat(n, scale);
    const e = randomMat(n, 1);
    const result = expmFrechet(a, e);
    const reference = byBlockIdentity(a, e);
    expectAllClose(result.exp.data, expm(a).data, { rtol: 1e-11, atol: 1e-13 * scaleOf(reference.exp) });
    expectAllClose(result.frechet.data, reference.frechet, { rtol: 1e-9, atol: 1e-11 * scaleOf(reference.frechet) });
  });

  it('agrees with the block identity on nearly defective matrices (a perturbed Jordan block)', () => {
    for (const epsilon of [1e-6, 1e-10]) {
      const n = 6;
      const a: Mat = { rows: n, cols: n, data: new Float64Array(n * n) };
      for (let i = 0; i < n; i++) {
        a.data[i * n + i] = 0.7 + epsilon * i;
        if (i + 1 < n) a.data[i * n + i + 1] = 1;
      }
      const e = randomMat(n, 1);
      const reference = byBlockIdentity(a, e);
      expectAllClose(expmFrechet(a, e).frechet.data, reference.frechet, { rtol: 1e-9, atol: 1e-11 * scaleOf(reference.frechet) });
    }
  });

  it('agrees with a central finite difference of expm itself', () => {
    const a = randomMat(7, 0.8);
    const e = randomMat(7, 1);
    const fd = byFiniteDifference(a, e, 1e-5);
    expectAllClose(expmFrechet(a, e).frechet.data, fd, { rtol: 1e-6, atol: 1e-7 * scaleOf(fd) });
  });

  it('is linear in E and L(A, A) = A e^A (A commutes with itself)', () => {
    const a = randomMat(5, 0.6);
    const result = expmFrechet(a, a);
    const exp = expm(a).data;
    const product = new Float64Array(25);
    for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) for (let k = 0; k < 5; k++) product[i * 5 + j] += a.data[i * 5 + k] * exp[k * 5 + j];
    expectAllClose(result.frechet.data, product, { rtol: 1e-11, atol: 1e-13 });
    const doubled = expmFrechet(a, { rows: 5, cols: 5, data: a.data.map((value) => 2 * value) });
    expectAllClose(doubled.frechet.data, product.map((value) => 2 * value), { rtol: 1e-11, atol: 1e-13 });
  });

  it('rejects mismatched sizes and non-finite entries, naming the field', () => {
    expect(() => expmFrechet(randomMat(3, 1), randomMat(4, 1))).toThrow(InvalidInputError);
    expect(() => expmFrechet(randomMat(3, 1), randomMat(4, 1))).toThrow(/invalid `E`: must be 3x3/);
    const bad = randomMat(2, 1);
    bad.data[1] = Number.NaN;
    expect(() => expmFrechet(randomMat(2, 1), bad)).toThrow(/invalid `E`: must hold only finite numbers/);
  });
});

describe('expmFrechetOfValidated in a Float64Arena', () => {
  // 1-norms across every Padé degree (3, 5, 7, 9, 13) and with squarings.
  it.each([0.01, 0.1, 0.5, 1.5, 4, 40])('norm scale %f: fits in expmFrechetScratchLength, and SIMD and JavaScript kernels give the same bits', (scale) => {
    const n = 9;
    const a = randomMat(n, scale / n);
    const e = randomMat(n, 1);
    const plain = expmFrechetOfValidated(a.data, e.data, n);
    for (const kernel of ['simd', 'javascript'] as const) {
      const arena = createFloat64Arena(expmFrechetScratchLength(n), kernel);
      // Twice over the same scratch: released views come back zeroed.
      for (let round = 0; round < 2; round++) {
        const mark = arena.mark();
        const result = expmFrechetOfValidated(a.data, e.data, n, arena);
        expect(result.exp.data.buffer).toBe(arena.allocate(0).buffer);
        expect(Array.from(result.exp.data)).toEqual(Array.from(plain.exp.data));
        expect(Array.from(result.frechet.data)).toEqual(Array.from(plain.frechet.data));
        arena.release(mark);
      }
    }
    // And the plain result is the exponential's derivative (block identity, as above).
    const reference = byBlockIdentity(a, e);
    expectAllClose(plain.frechet.data, reference.frechet, { rtol: 1e-10, atol: 1e-12 });
  });
});
