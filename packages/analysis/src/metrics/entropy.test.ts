import { describe, expect, it } from 'vitest';
import { type Mat } from '@maxent/core';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { expectAllClose } from '#testing';
import { communicability, communicabilityEntropy } from './communicability.js';
import { shannonEntropy } from './entropy.js';

function mat(rows: number[][]): Mat {
  return { rows: rows.length, cols: rows[0].length, data: Float64Array.from(rows.flat()) };
}

function filled(n: number, value: (i: number, j: number) => number): Mat {
  return mat(Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => value(i, j))));
}

describe('shannonEntropy', () => {
  it.each([2, 3, 8, 50])('gives log2(N) for uniform rows (N = %s), whatever the sign and scale', (n) => {
    const uniform = filled(n, (i, j) => (i + 1) * ((i + j) % 2 === 0 ? 1 : -1));
    expectAllClose(shannonEntropy(uniform), Math.log2(n), { rtol: 1e-13 });
  });

  it('gives 0 for one-hot rows', () => {
    expect(shannonEntropy(filled(5, (i, j) => (j === (i * 2) % 5 ? -3.5 : 0)))).toBe(0);
  });

  it('averages row entropies worked out by hand, a zero row counting as 0', () => {
    // Row 0: p = (1/4, 1/4, 1/2) -> 1.5 bits; row 1: one-hot -> 0; row 2: zero row -> 0.
    const matrix = mat([
      [1, -1, 2],
      [0, 0, 4],
      [0, 0, 0],
    ]);
    expectAllClose(shannonEntropy(matrix), 1.5 / 3, { rtol: 1e-14 });
  });

  it('is 0 for the zero matrix', () => {
    expect(shannonEntropy(filled(4, () => 0))).toBe(0);
  });

  it('rejects a non-square matrix naming the field', () => {
    expect(() => shannonEntropy({ rows: 2, cols: 1, data: new Float64Array(2) }, 'weights')).toThrow(
      'invalid `weights`: must be a square matrix, got 2x1',
    );
    expect(() => shannonEntropy({ rows: 0, cols: 0, data: new Float64Array(0) })).toThrow('non-empty');
  });
});

describe('communicability', () => {
  it('has the closed form I + (e - 1) J / N for the all-ones matrix', () => {
    // |W| = J, S = N I, so the normalised matrix is J/N, idempotent: e^{J/N} = I + (e-1) J/N.
    const n = 6;
    const expected = filled(n, (i, j) => (i === j ? 1 : 0) + (Math.E - 1) / n);
    expectAllClose(communicability(filled(n, () => -2)).data, expected.data, { rtol: 1e-13 });
    const diagonal = 1 + (Math.E - 1) / n;
    const off = (Math.E - 1) / n;
    const total = diagonal + (n - 1) * off;
    const rowEntropy = -(diagonal / total) * Math.log2(diagonal / total) - (n - 1) * (off / total) * Math.log2(off / total);
    expectAllClose(communicabilityEntropy(filled(n, () => 1)), rowEntropy, { rtol: 1e-13 });
  });

  it('matches V e^Lambda V^T for a symmetric matrix with equal strengths (independent route)', () => {
    // A circulant with equal row sums keeps S^-1/2 |W| S^-1/2 symmetric.
    const n = 7;
    const weights = [0, 3, 1, 0.5, 0.5, 1, 3];
    const w = filled(n, (i, j) => weights[(j - i + n) % n]);
    const strength = weights.reduce((s, x) => s + x, 0);
    const normalised = new Matrix(n, n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) normalised.set(i, j, w.data[i * n + j] / strength);
    const eig = new EigenvalueDecomposition(normalised, { assumeSymmetric: true });
    const v = eig.eigenvectorMatrix;
    const exponential = Matrix.diag(eig.realEigenvalues.map(Math.exp));
    const expected = v.mmul(exponential).mmul(v.transpose());
    expectAllClose(communicability(w).data, expected.to1DArray(), { rtol: 1e-12, atol: 1e-14 });
    // Its entropy, written out as the mean of - sum_j p_ij log2 p_ij over the rows of V e^Lambda V^T.
    const rows = expected.to2DArray();
    const entropy =
      rows.reduce((total, row) => {
        const sum = row.reduce((s, x) => s + Math.abs(x), 0);
        return total - row.reduce((h, x) => h + (Math.abs(x) / sum) * Math.log2(Math.abs(x) / sum), 0);
      }, 0) / n;
    expectAllClose(communicabilityEntropy(w), entropy, { rtol: 1e-12 });
  });

  it('gives a node with zero out-strength the unit row e_i (S^-1/2 = 0 for it)', () => {
    const matrix = mat([
      [0, 2, 1],
      [1, 0, 1],
      [0, 0, 0],
    ]);
    const c = communicability(matrix);
    expectAllClose(c.data.subarray(6, 9), [0, 0, 1], { rtol: 0 });
    // Its column vanishes from the normalised matrix too, so C_02 and C_12 are exp of the 2x2 block only.
    expectAllClose([c.data[2], c.data[5]], [0, 0], { rtol: 0 });
  });

  it('gives communicability entropy 0 for the zero matrix (C = I, one-hot rows)', () => {
    expect(communicabilityEntropy(filled(3, () => 0))).toBe(0);
  });
});
