import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../errors.js';
import type { Mat } from '../matrix.js';
import { createRng } from '../rng.js';
import { expectAllClose } from '#testing';
import { expm, expmPlan } from './expm.js';

function mat(rows: number[][]): Mat {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

/** Plain triple loop, independent of the kernel under test. */
function naiveProduct(a: Mat, b: Mat): Float64Array {
  const n = a.rows;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) sum += a.data[i * n + k] * b.data[k * n + j];
      out[i * n + j] = sum;
    }
  }
  return out;
}

/** sum_k A^k / k! to 40 terms: exact to rounding for ||A|| <= 2. */
function powerSeries(a: Mat): Float64Array {
  const n = a.rows;
  const sum = new Float64Array(n * n);
  let term: Mat = { rows: n, cols: n, data: new Float64Array(n * n) };
  for (let i = 0; i < n; i++) term.data[i * n + i] = 1;
  for (let k = 1; k <= 40; k++) {
    for (let index = 0; index < sum.length; index++) sum[index] += term.data[index];
    const next = naiveProduct(term, a);
    for (let index = 0; index < next.length; index++) next[index] /= k;
    term = { rows: n, cols: n, data: next };
  }
  return sum;
}

function randomMatrix(n: number, seed: number, oneNormTarget: number): Mat {
  const rng = createRng(seed);
  const data = new Float64Array(n * n);
  for (let index = 0; index < data.length; index++) data[index] = rng.normal();
  const sums = new Float64Array(n);
  for (let index = 0; index < data.length; index++) sums[index % n] += Math.abs(data[index]);
  const scale = oneNormTarget / Math.max(...sums);
  for (let index = 0; index < data.length; index++) data[index] *= scale;
  return { rows: n, cols: n, data };
}

function identityData(n: number): Float64Array {
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) out[i * n + i] = 1;
  return out;
}

describe('expm closed forms', () => {
  it('exponentiates a diagonal matrix entrywise', () => {
    const d = [-3, -0.5, 0, 0.25, 2, 7];
    const a = mat(d.map((value, i) => d.map((_, j) => (i === j ? value : 0))));
    const expected = d.map((value, i) => d.map((_, j) => (i === j ? Math.exp(value) : 0))).flat();
    expectAllClose(expm(a).data, expected, { rtol: 1e-14, atol: 1e-300 });
  });

  it('sums a nilpotent matrix to its finite series I + N + N^2/2 + N^3/6', () => {
    const [p, q, r, s, t, u] = [2, -1, 3, 0.5, 4, -2];
    const nilpotent = mat([
      [0, p, q, r],
      [0, 0, s, t],
      [0, 0, 0, u],
      [0, 0, 0, 0],
    ]);
    // Worked out by hand: (N^2)_{02} = p s, (N^2)_{03} = p t + q u, (N^2)_{13} = s u, (N^3)_{03} = p s u.
    const expected = [
      [1, p, q + (p * s) / 2, r + (p * t + q * u) / 2 + (p * s * u) / 6],
      [0, 1, s, t + (s * u) / 2],
      [0, 0, 1, u],
      [0, 0, 0, 1],
    ].flat();
    expectAllClose(expm(nilpotent).data, expected, { rtol: 1e-14, atol: 1e-14 });
  });

  it.each([0.001, 0.3, 1, Math.PI / 2, 3, 12.5, 100])('turns the rotation generator of angle %s into a rotation', (angle) => {
    const generator = mat([
      [0, -angle],
      [angle, 0],
    ]);
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    expectAllClose(expm(generator).data, [c, -s, s, c], { atol: 1e-13 * Math.max(1, angle) });
  });
});

describe('expm against the power series for small norms', () => {
  // One case per Padé degree below 13, and one needing degree 13 without squaring.
  it.each([
    [0.01, 3],
    [0.2, 5],
    [0.8, 7],
    [1.9, 9],
    [2.5, 13],
  ] as const)('matches sum A^k/k! at 1-norm %s (degree %s)', (norm, degree) => {
    const a = randomMatrix(7, 11 + degree, norm);
    expect(expmPlan(norm).degree).toBe(degree);
    expectAllClose(expm(a).data, powerSeries(a), { rtol: 1e-13, atol: 1e-14 });
  });
});

/** A skew-symmetric part of 1-norm about `skewNorm` plus a general part of 1-norm `generalNorm`. */
function skewPlus(n: number, seed: number, skewNorm: number, generalNorm: number): Mat {
  const random = randomMatrix(n, seed, skewNorm / 2);
  const general = randomMatrix(n, seed + 1, generalNorm);
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) data[i * n + j] = random.data[i * n + j] - random.data[j * n + i] + general.data[i * n + j];
  }
  return { rows: n, cols: n, data };
}

describe('expm(A) expm(-A) = I', () => {
  it.each([
    ['moderate norm', randomMatrix(8, 5, 1.5)],
    ['norm about 40, scaled and squared', skewPlus(8, 6, 40, 1)],
  ])('%s', (_, a) => {
    const negative: Mat = { rows: a.rows, cols: a.cols, data: a.data.map((value) => -value) };
    const product = naiveProduct(expm(a), expm(negative));
    // For a generic matrix e^A and e^-A are large and ill-conditioned; scale the
    // tolerance by their norms (the error of a product of two rounded factors).
    const size = (m: Mat) => Math.max(...Array.from(m.data, Math.abs));
    const scale = size(expm(a)) * size(expm(negative)) * a.rows;
    expect(scale).toBeLessThan(1e3);
    expectAllClose(product, identityData(a.rows), { atol: 1e-13 * scale });
  });

  it('holds to 1e-12 for a large-norm skew-symmetric generator (orthogonal exponential)', () => {
    const n = 9;
    const random = randomMatrix(n, 21, 60);
    const skew = new Float64Array(n * n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) skew[i * n + j] = random.data[i * n + j] - random.data[j * n + i];
    }
    const a: Mat = { rows: n, cols: n, data: skew };
    expect(expmPlan(60).squarings).toBeGreaterThan(2);
    const negative: Mat = { rows: n, cols: n, data: skew.map((value) => -value) };
    expectAllClose(naiveProduct(expm(a), expm(negative)), identityData(n), { atol: 1e-12 });
    // Orthogonality too: e^A (e^A)^T = I.
    const e = expm(a);
    const transposed: Mat = { rows: n, cols: n, data: new Float64Array(n * n) };
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) transposed.data[j * n + i] = e.data[i * n + j];
    expectAllClose(naiveProduct(e, transposed), identityData(n), { atol: 1e-12 });
  });
});

describe('expm plan and edges', () => {
  it('uses the degree thresholds of Higham 2005 and squarings beyond theta_13', () => {
    expect(expmPlan(0)).toEqual({ degree: 3, squarings: 0 });
    expect(expmPlan(0.0149)).toEqual({ degree: 3, squarings: 0 });
    expect(expmPlan(0.016)).toEqual({ degree: 5, squarings: 0 });
    expect(expmPlan(5.37)).toEqual({ degree: 13, squarings: 0 });
    expect(expmPlan(5.38)).toEqual({ degree: 13, squarings: 1 });
    expect(expmPlan(5.371920351148152 * 2 ** 4 * 1.01)).toEqual({ degree: 13, squarings: 5 });
  });

  it('gives the identity for the zero matrix and e^a for 1 x 1', () => {
    expectAllClose(expm(mat([[0, 0], [0, 0]])).data, [1, 0, 0, 1], { rtol: 0 });
    expectAllClose(expm(mat([[-7.25]])).data, [Math.exp(-7.25)], { rtol: 1e-14 });
  });

  it('rejects non-square and non-finite input naming the argument', () => {
    expect(() => expm({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow(InvalidInputError);
    expect(() => expm({ rows: 2, cols: 3, data: new Float64Array(6) })).toThrow('invalid `A`: must be a square matrix, got 2x3');
    expect(() => expm(mat([[1, Number.NaN], [0, 1]]))).toThrow('invalid `A`: must hold only finite numbers, got NaN at row 0, column 1');
  });
});

describe('expm of a large-norm general matrix', () => {
  it('squares (s > 0) and still matches the power series of the scaled matrix squared back', () => {
    // e^A = (e^{A/2^k})^(2^k): an independent route through the power series.
    const a = skewPlus(6, 31, 30, 1);
    const k = 5;
    const scaled: Mat = { rows: 6, cols: 6, data: a.data.map((value) => value / 2 ** k) };
    let power: Mat = { rows: 6, cols: 6, data: powerSeries(scaled) };
    for (let step = 0; step < k; step++) power = { rows: 6, cols: 6, data: naiveProduct(power, power) };
    const norm = Math.max(...Array.from({ length: 6 }, (_, j) => a.data.filter((_, index) => index % 6 === j).reduce((s, v) => s + Math.abs(v), 0)));
    expect(expmPlan(norm).squarings).toBeGreaterThan(0);
    expectAllClose(expm(a).data, power.data, { atol: 1e-11 });
  });
});
