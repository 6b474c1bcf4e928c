import { describe, expect, it } from 'vitest';
import { createRng } from '../rng.js';
import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { expectAllClose } from '#testing';
import { tridiagonalLeadingPair } from './tridiagonal.js';

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

describe('tridiagonalLeadingPair', () => {
  it.each([1, 2, 3, 10, 57])('matches the dense solver on a random %s x %s tridiagonal', (k) => {
    const rng = createRng(k);
    const alpha = Float64Array.from({ length: k }, () => rng.normal());
    const beta = Float64Array.from({ length: k }, () => rng.normal());
    const rows = Array.from({ length: k }, (_, i) =>
      Array.from({ length: k }, (_, j) => (i === j ? alpha[i] : Math.abs(i - j) === 1 ? beta[Math.min(i, j)] : 0)),
    );
    const pair = tridiagonalLeadingPair(alpha, beta, k);
    expect(pair).not.toBeNull();
    const reference = denseReference(rows);
    expectAllClose(pair!.value, reference.value, { rtol: 1e-12, atol: 1e-12 });
    expectAllClose(alignSign(pair!.vector, reference.vector), reference.vector, { atol: 1e-9 });
  });

  it('handles a zero off-diagonal (decoupled blocks) and the -1, 2, -1 matrix with known spectrum', () => {
    const split = tridiagonalLeadingPair(Float64Array.from([1, 5, 2]), Float64Array.from([0, 0, 0]), 3)!;
    expect(split.value).toBe(5);
    expectAllClose(alignSign(split.vector, [0, 1, 0]), [0, 1, 0], { atol: 1e-15 });
    // Eigenvalues 2 - 2 cos(pi j / (k + 1)); the largest has eigenvector sin(pi k i / (k + 1)).
    const k = 20;
    const pair = tridiagonalLeadingPair(new Float64Array(k).fill(2), new Float64Array(k).fill(-1), k)!;
    expectAllClose(pair.value, 2 - 2 * Math.cos((Math.PI * k) / (k + 1)), { rtol: 1e-13 });
    const expected = Array.from({ length: k }, (_, i) => Math.sin((Math.PI * k * (i + 1)) / (k + 1)));
    const size = Math.hypot(...expected);
    const unit = expected.map((x) => x / size);
    expectAllClose(alignSign(pair.vector, unit), unit, { atol: 1e-10 });
  });
});
