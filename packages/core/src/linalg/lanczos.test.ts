import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { expectAllClose } from '#testing';
import { InvalidInputError } from '../errors.js';
import { leadingSymmetricEigenpair, leadingSymmetricEigenpairOfValidated } from './lanczos.js';

/** Largest eigenpair from ml-matrix's dense symmetric decomposition (the independent route). */
function denseReference(rows: number[][]): { value: number; vector: number[] } {
  const decomposition = new EigenvalueDecomposition(new Matrix(rows), { assumeSymmetric: true });
  const values = decomposition.realEigenvalues;
  const best = values.indexOf(Math.max(...values));
  return { value: values[best], vector: decomposition.eigenvectorMatrix.getColumn(best) };
}

/** Eigenvectors are defined up to sign: flip `vector` to agree with `reference`. */
function alignSign(vector: ArrayLike<number>, reference: ArrayLike<number>): number[] {
  let dot = 0;
  for (let i = 0; i < vector.length; i++) dot += vector[i] * reference[i];
  return Array.from(vector, (x) => (dot < 0 ? -x : x));
}

function randomSymmetric(n: number, seed: number): number[][] {
  const rng = createRng(seed);
  const rows = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      const value = rng.normal();
      rows[i][j] = value;
      rows[j][i] = value;
    }
  }
  return rows;
}

describe('leadingSymmetricEigenpair (Lanczos)', () => {
  it.each([2, 5, 39, 40, 120])('matches the dense solver on a random symmetric %s x %s matrix', (n) => {
    const rows = randomSymmetric(n, 100 + n);
    const result = leadingSymmetricEigenpair({ rows: n, cols: n, data: Float64Array.from(rows.flat()) });
    const reference = denseReference(rows);
    expectAllClose(result.value, reference.value, { rtol: 1e-10 });
    expectAllClose(alignSign(result.vector, reference.vector), reference.vector, { atol: 1e-7 });
  });

  it('finds the all-ones vector at the top of minus a graph Laplacian (zero row sums, as subgroup matrices have)', () => {
    // -L is negative semidefinite with eigenvalue 0 on ones: the leading pair.
    const n = 60;
    const rows = randomSymmetric(n, 7).map((row) => row.map(Math.abs));
    for (let i = 0; i < n; i++) rows[i][i] -= rows[i].reduce((s, x) => s + x, 0);
    const result = leadingSymmetricEigenpairOfValidated({ rows: n, cols: n, data: Float64Array.from(rows.flat()) });
    expectAllClose(result.value, 0, { atol: 1e-10 });
    const unit = new Array<number>(n).fill(1 / Math.sqrt(n));
    expectAllClose(alignSign(result.vector, unit), unit, { atol: 1e-7 });
  });
});

describe('leadingSymmetricEigenpair edges', () => {
  it('finds the top pair of a 2 x 2 worked by hand and of a 1 x 1, leaving the input unchanged', () => {
    const data = Float64Array.from([3, 1, 1, 3]);
    const pair = leadingSymmetricEigenpair({ rows: 2, cols: 2, data });
    // [[3, 1], [1, 3]]: eigenvalues 2 and 4, the top one on (1, 1) / sqrt 2.
    expectAllClose(pair.value, 4, { rtol: 1e-14 });
    expectAllClose(alignSign(pair.vector, [1, 1]), [Math.SQRT1_2, Math.SQRT1_2], { rtol: 1e-14 });
    expect(Array.from(data)).toEqual([3, 1, 1, 3]);
    const single = leadingSymmetricEigenpair({ rows: 1, cols: 1, data: Float64Array.from([-2]) });
    expect(single.value).toBe(-2);
    expect(Math.abs(single.vector[0])).toBe(1);
  });

  it('rejects non-square, non-finite and non-symmetric input naming the argument and the entry', () => {
    expect(() => leadingSymmetricEigenpair({ rows: 2, cols: 1, data: new Float64Array(2) })).toThrow(InvalidInputError);
    expect(() => leadingSymmetricEigenpair({ rows: 1, cols: 1, data: Float64Array.from([Number.NaN]) }, 'B')).toThrow(
      'invalid `B`: must hold only finite numbers, got NaN at row 0, column 0',
    );
    const skewed = { rows: 3, cols: 3, data: Float64Array.from([1, 2, 0, 2, 1, 0.5, 0, 0.25, 1]) };
    expect(() => leadingSymmetricEigenpair(skewed)).toThrow(
      'invalid `A`: must be symmetric, got 0.5 at row 1, column 2 and 0.25 at row 2, column 1 (0-based)',
    );
  });
});
