import type { Mat } from '@maxent/core';
import { assertSquareFinite, expmOfValidated, scaledByPowerOfTwo, unitScaleExponent } from '@maxent/core/internal';
import { meanRowEntropy } from './entropy.js';

/**
 * Communicability C = expm(S^-1/2 |W| S^-1/2), S = diag(out-strengths, the row
 * sums of |W|), on both sides as in the published analysis (model.md §11). A node
 * with zero out-strength gets S^-1/2 = 0, so its row and column of the
 * normalised matrix vanish and its row of C is the unit vector e_i.
 */
export function communicability(matrix: Mat, field = 'W'): Mat {
  assertSquareFinite(matrix, field);
  return expmOfValidated(normalisedAbsolute(matrix));
}

/**
 * Shannon entropy (mean row entropy in bits, {@link shannonEntropy}) of the
 * communicability matrix, diagonal kept (model.md §11).
 */
export function communicabilityEntropy(matrix: Mat, field = 'W'): number {
  const c = communicability(matrix, field);
  return meanRowEntropy(c.data, c.rows);
}

/**
 * S^-1/2 |W| S^-1/2 with S the out-strengths; zero strength gives a zero
 * factor. Finite, square input (already validated) gives finite entries. The
 * result does not depend on the scale of W; it is computed from W scaled
 * exactly to largest entry in [1, 2), so strengths neither overflow nor underflow.
 */
export function normalisedAbsolute(matrix: Mat): Mat {
  const n = matrix.rows;
  const data = scaledByPowerOfTwo(matrix.data, -unitScaleExponent(matrix.data));
  const factor = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let strength = 0;
    for (let j = 0; j < n; j++) strength += Math.abs(data[i * n + j]);
    factor[i] = strength > 0 ? 1 / Math.sqrt(strength) : 0;
  }
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = i * n;
    const left = factor[i];
    for (let j = 0; j < n; j++) out[row + j] = left * Math.abs(data[row + j]) * factor[j];
  }
  return { rows: n, cols: n, data: out };
}
