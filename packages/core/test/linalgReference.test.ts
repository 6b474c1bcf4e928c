// expm and eigenvalues against SciPy / NumPy on fixed matrices. The fixture and
// the script that made it (with its versions and seed) are in fixtures/; to
// regenerate: python3 packages/core/test/fixtures/linalg_reference.py
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { eigenvalues, expm, type Mat } from '../src/index.js';

interface ExpmCase {
  readonly name: string;
  readonly oneNorm: number;
  readonly input: number[][];
  readonly expected: number[][];
}

interface EigvalsCase {
  readonly name: string;
  readonly input: number[][];
  readonly expected: { readonly real: number[]; readonly imaginary: number[] };
  /** Exact eigenvalues as [re, im], where the construction gives them. */
  readonly known?: [number, number][];
}

interface Fixture {
  readonly script: string;
  readonly numpy: string;
  readonly scipy: string;
  readonly seed: number;
  readonly expm: ExpmCase[];
  readonly eigvals: EigvalsCase[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/linalg-reference.json', import.meta.url), 'utf8')) as Fixture;
const EPSILON = 2 ** -52;

function toMat(rows: number[][]): Mat {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

function oneNorm(data: ArrayLike<number>, n: number): number {
  let best = 0;
  for (let j = 0; j < n; j++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += Math.abs(data[i * n + j]);
    best = Math.max(best, sum);
  }
  return best;
}

function frobenius(data: ArrayLike<number>): number {
  let sum = 0;
  for (let index = 0; index < data.length; index++) sum += data[index] * data[index];
  return Math.sqrt(sum);
}

/** ||actual - expected||_1 / ||expected||_1, the error measure of Higham's analysis. */
function relativeOneNormError(actual: ArrayLike<number>, expected: ArrayLike<number>, n: number): number {
  const difference = Float64Array.from(actual, (value, index) => value - expected[index]);
  return oneNorm(difference, n) / oneNorm(expected, n);
}

/** Plain triple loop, independent of the kernels under test. */
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

/**
 * The largest distance between two spectra matched as multisets: each
 * reference eigenvalue takes the nearest computed one not yet taken. Greedy
 * matching is exact when the errors are much smaller than the gaps between
 * eigenvalues, as here; sorting by real part instead would pair up the wrong
 * eigenvalues when two real parts are closer than the error.
 */
function worstMatchedDistance(real: ArrayLike<number>, imaginary: ArrayLike<number>, reference: readonly (readonly [number, number])[]): number {
  expect(real.length, 'number of eigenvalues').toBe(reference.length);
  const taken = new Uint8Array(real.length);
  let worst = 0;
  for (const [re, im] of reference) {
    let best = -1;
    let bestDistance = Infinity;
    for (let k = 0; k < real.length; k++) {
      const distance = Math.hypot(real[k] - re, imaginary[k] - im);
      if (taken[k] === 0 && distance < bestDistance) {
        best = k;
        bestDistance = distance;
      }
    }
    taken[best] = 1;
    worst = Math.max(worst, bestDistance);
  }
  return worst;
}

describe('reference fixture', () => {
  it('says where it came from', () => {
    expect(fixture.script).toBe('packages/core/test/fixtures/linalg_reference.py');
    expect(fixture.numpy).toMatch(/^\d+\.\d+/);
    expect(fixture.scipy).toMatch(/^\d+\.\d+/);
    expect(Number.isInteger(fixture.seed)).toBe(true);
    expect(fixture.expm).toHaveLength(8);
    expect(fixture.eigvals).toHaveLength(7);
  });
});

describe('expm against scipy.linalg.expm', () => {
  // A backward-stable expm has forward error about cond_exp(A) u, and
  // cond_exp(A) >= ||A|| (equality for normal A). SciPy (Al-Mohy & Higham 2009)
  // and ours (Higham 2005) pick different degrees and squarings, so they agree
  // to a small multiple of n u max(1, ||A||_1) in the relative 1-norm. The
  // factor 50 leaves room for non-normal inputs: the largest seen is
  // 18 n u max(1, ||A||_1), for the 2 x 2, where SciPy is the less accurate
  // one (4.9e-14 against 40-digit mpmath; ours 1e-15, checked against the
  // closed form below). The others stay below 0.5 n u max(1, ||A||_1).
  it.each(fixture.expm.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const a = toMat(c.input);
    const n = a.rows;
    expectAllClose(oneNorm(a.data, n), c.oneNorm, { rtol: 1e-15 });
    const error = relativeOneNormError(expm(a).data, c.expected.flat(), n);
    expect(error).toBeLessThanOrEqual(50 * n * EPSILON * Math.max(1, c.oneNorm));
  });

  it('matches the closed form of a 2 x 2: e^s (cosh q I + sinh q / q (A - s I))', () => {
    // A = [[1, 2], [3, 4]]: s = tr A / 2, q^2 = ((a - d) / 2)^2 + b c, since (A - s I)^2 = q^2 I.
    const c = fixture.expm.find((entry) => entry.name === '2x2')!;
    const [[a, b], [cc, d]] = c.input;
    const s = (a + d) / 2;
    const q = Math.sqrt(((a - d) / 2) ** 2 + b * cc);
    const ch = Math.cosh(q);
    const sh = Math.sinh(q) / q;
    const expected = [ch + sh * (a - s), sh * b, sh * cc, ch + sh * (d - s)].map((x) => Math.exp(s) * x);
    // Closed form evaluated in double: a few ulps of e^s cosh q ~ 1e2.
    expectAllClose(expm(toMat(c.input)).data, expected, { rtol: 1e-14 });
  });

  it('matches the closed form of a 3 x 3 Jordan block: e^l [[1, 1, 1/2], [0, 1, 1], [0, 0, 1]]', () => {
    const c = fixture.expm.find((entry) => entry.name === '3x3 Jordan block')!;
    const e = Math.exp(c.input[0][0]);
    expectAllClose(expm(toMat(c.input)).data, [e, e, e / 2, 0, e, e, 0, 0, e], { rtol: 1e-14, atol: 1e-300 });
  });

  it('matches the finite series I + N + ... + N^5 / 5! of the nilpotent 6 x 6', () => {
    const c = fixture.expm.find((entry) => entry.name === 'nilpotent 6x6')!;
    const nilpotent = toMat(c.input);
    const n = nilpotent.rows;
    const sum = new Float64Array(n * n);
    let term = new Float64Array(n * n);
    for (let i = 0; i < n; i++) term[i * n + i] = 1;
    for (let k = 1; k <= n; k++) {
      for (let index = 0; index < sum.length; index++) sum[index] += term[index];
      term = naiveProduct(term, nilpotent.data, n).map((value) => value / k);
    }
    // N^6 = 0 exactly (strictly upper triangular), so the series is exact up to rounding.
    expect(frobenius(term)).toBe(0);
    expect(relativeOneNormError(expm(nilpotent).data, sum, n)).toBeLessThanOrEqual(50 * n * EPSILON * Math.max(1, c.oneNorm));
  });
});

describe('eigenvalues against numpy.linalg.eigvals', () => {
  // A backward-stable QR iteration returns the exact eigenvalues of A + E with
  // ||E|| about c n u ||A||, which moves an eigenvalue by at most its condition
  // number times ||E|| (first order). Both NumPy (LAPACK dgeev) and ours are
  // backward stable; the eigenvalues of these matrices are well conditioned
  // (random, symmetric, a well-conditioned similarity, separated roots), so a
  // tolerance of 10 n u ||A||_F holds with margin: the largest seen is
  // 0.7 n u ||A||_F (the 5 x 5).
  it.each(fixture.eigvals.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const a = toMat(c.input);
    const n = a.rows;
    const { real, imaginary } = eigenvalues(a);
    const reference = c.expected.real.map((re, k) => [re, c.expected.imaginary[k]] as const);
    expect(worstMatchedDistance(real, imaginary, reference)).toBeLessThanOrEqual(10 * n * EPSILON * frobenius(a.data));
  });

  it.each(fixture.eigvals.filter((c) => c.known !== undefined).map((c) => [c.name, c] as const))(
    '%s: finds the eigenvalues it was built with',
    (_, c) => {
      const a = toMat(c.input);
      const { real, imaginary } = eigenvalues(a);
      // Same bound against the exact values (the complex-pair matrix is V B V^-1
      // formed in double, whose rounding is of the same order); seen: 0.11 of it.
      expect(worstMatchedDistance(real, imaginary, c.known!)).toBeLessThanOrEqual(10 * a.rows * EPSILON * frobenius(a.data));
    },
  );

  it('gives a symmetric matrix real eigenvalues', () => {
    const c = fixture.eigvals.find((entry) => entry.name === 'symmetric 30x30')!;
    const a = toMat(c.input);
    const { imaginary } = eigenvalues(a);
    expectAllClose(imaginary, new Float64Array(a.rows), { atol: 10 * a.rows * EPSILON * frobenius(a.data) });
  });
});
