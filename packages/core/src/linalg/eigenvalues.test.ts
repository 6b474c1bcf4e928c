import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { createRng } from '../rng.js';
import { InvalidInputError } from '../errors.js';
import type { Mat } from '../matrix.js';
import { denseEigenvalues, eigenvalues } from './eigenvalues.js';

function mat(rows: number[][]): Mat {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

/** Eigenvalues as [re, im] pairs sorted by real then imaginary part, for comparison. */
function sortedPairs(matrix: Mat, solver = eigenvalues): number[] {
  const { real, imaginary } = solver(matrix);
  return Array.from(real, (re, k) => [re, imaginary[k]] as const)
    .sort((x, y) => x[0] - y[0] || x[1] - y[1])
    .flat();
}

describe('eigenvalues with known spectra', () => {
  it('reads an upper-triangular spectrum off the diagonal', () => {
    const triangular = mat([
      [3, 1, -4, 2],
      [0, -2, 5, 7],
      [0, 0, 0.5, -1],
      [0, 0, 0, 6],
    ]);
    expectAllClose(sortedPairs(triangular), [-2, 0, 0.5, 0, 3, 0, 6, 0], { atol: 1e-12 });
  });

  it('reads a lower-triangular spectrum off the diagonal', () => {
    const triangular = mat([
      [1, 0, 0],
      [9, -5, 0],
      [-3, 2, 4],
    ]);
    expectAllClose(sortedPairs(triangular), [-5, 0, 1, 0, 4, 0], { atol: 1e-12 });
  });

  it.each([0.3, 1, 2.5])('gives r e^{+-i theta} for a scaled rotation (theta = %s)', (theta) => {
    const r = 1.7;
    const rotation = mat([
      [r * Math.cos(theta), -r * Math.sin(theta)],
      [r * Math.sin(theta), r * Math.cos(theta)],
    ]);
    const re = r * Math.cos(theta);
    const im = r * Math.sin(theta);
    expectAllClose(sortedPairs(rotation), [re, -im, re, im], { atol: 1e-12 });
  });

  it('finds the roots 1..6 as eigenvalues of the (non-normal) companion matrix of prod (x - k)', () => {
    // Coefficients of (x-1)(x-2)...(x-6), highest power first, expanded in the test.
    let coefficients = [1];
    for (let root = 1; root <= 6; root++) {
      const next = [...coefficients, 0];
      for (let i = 0; i < coefficients.length; i++) next[i + 1] -= root * coefficients[i];
      coefficients = next;
    }
    const n = 6;
    const companion = Array.from({ length: n }, (_, i) =>
      Array.from({ length: n }, (_, j) => (i === 0 ? -coefficients[j + 1] : i === j + 1 ? 1 : 0)),
    );
    // Roots of a degree-6 polynomial are sensitive to rounding (Wilkinson): 1e-8.
    expectAllClose(sortedPairs(mat(companion)), [1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0], { atol: 1e-8 });
  });

  it('handles a block-diagonal mix of a rotation block and real eigenvalues', () => {
    const matrix = mat([
      [0, -2, 0, 0],
      [2, 0, 0, 0],
      [0, 0, -3, 1],
      [0, 0, 0, 0.5],
    ]);
    expectAllClose(sortedPairs(matrix), [-3, 0, 0, -2, 0, 2, 0.5, 0], { atol: 1e-12 });
  });
});

describe('Hessenberg QR against ml-matrix EigenvalueDecomposition (independent route)', () => {
  it.each([
    [5, 1, 1],
    [17, 2, 1],
    [60, 3, 1],
    [41, 4, 0.3],
    // Long sweeps: the bulge chase's groups of four steps, and the shorter
    // groups at the end of each sweep; and a sparse matrix.
    [150, 5, 1],
    [120, 6, 0.15],
  ])('agrees on a random n x n matrix, n = %s (seed %s, density %s)', (n, seed, density) => {
    const rng = createRng(seed);
    const data = new Float64Array(n * n);
    for (let index = 0; index < data.length; index++) data[index] = rng.next() < density ? rng.normal() : 0;
    const matrix: Mat = { rows: n, cols: n, data };
    expectAllClose(sortedPairs(matrix), sortedPairs(matrix, denseEigenvalues), { atol: 1e-9 });
  });

  it('finds the repeated eigenvalues 2 + 2 cos(2 pi k / n) of a symmetric circulant', () => {
    const n = 12;
    const row = [2, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const matrix: Mat = { rows: n, cols: n, data: Float64Array.from({ length: n * n }, (_, index) => row[(index % n - Math.floor(index / n) + n) % n]) };
    // Eigenvalues of this symmetric circulant: 2 + 2 cos(2 pi k / n).
    const expected = Array.from({ length: n }, (_, k) => 2 + 2 * Math.cos((2 * Math.PI * k) / n)).sort((x, y) => x - y);
    expectAllClose(sortedPairs(matrix), expected.flatMap((value) => [value, 0]), { atol: 1e-12 });
  });
});

describe('eigenvalues edges', () => {
  it('gives the entry of a 1 x 1 matrix', () => {
    expect(Array.from(eigenvalues(mat([[-2.5]])).real)).toEqual([-2.5]);
  });

  it('rejects non-square, empty and non-finite input naming the argument', () => {
    expect(() => eigenvalues({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow(InvalidInputError);
    expect(() => eigenvalues({ rows: 1, cols: 2, data: new Float64Array(2) })).toThrow('invalid `A`: must be a square matrix, got 1x2');
    expect(() => eigenvalues({ rows: 0, cols: 0, data: new Float64Array(0) }, 'M')).toThrow('invalid `M`: must be a non-empty square matrix');
    expect(() => eigenvalues(mat([[Number.POSITIVE_INFINITY]]))).toThrow(
      'invalid `A`: must hold only finite numbers, got Infinity at row 0, column 0',
    );
  });
});
