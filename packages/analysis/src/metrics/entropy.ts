import type { Mat } from '@maxent/core';
import { assertSquareFinite, scaledByPowerOfTwo, unitScaleExponent } from '@maxent/core/internal';

/**
 * Mean row entropy in bits of |W| (model.md §11): p_ij = |W_ij| / sum_j |W_ij|,
 * H = mean_i ( - sum_j p_ij log2 p_ij ) with 0 log 0 = 0. A zero row has no
 * distribution; it is given entropy 0 and still counts in the mean, so adding an
 * isolated node lowers H. Throws for non-square, empty or non-finite input.
 */
export function shannonEntropy(matrix: Mat, field = 'W'): number {
  assertSquareFinite(matrix, field);
  return meanRowEntropy(matrix.data, matrix.rows);
}

/**
 * The computation behind {@link shannonEntropy}, for already validated n x n
 * data. It runs on the data scaled (exactly, by a power of two) to largest
 * entry in [1, 2): the entropy does not depend on the scale, and the row sums
 * and |w| log2 |w| neither overflow nor underflow at any magnitude.
 */
export function meanRowEntropy(unscaled: Float64Array, n: number): number {
  const data = scaledByPowerOfTwo(unscaled, -unitScaleExponent(unscaled));
  let total = 0;
  for (let i = 0; i < n; i++) {
    const row = i * n;
    let sum = 0;
    for (let j = 0; j < n; j++) sum += Math.abs(data[row + j]);
    if (sum === 0) continue;
    // -sum p log2 p = log2(s) - (1/s) sum |w| log2 |w|: one log per non-zero entry.
    let weighted = 0;
    for (let j = 0; j < n; j++) {
      const value = Math.abs(data[row + j]);
      if (value > 0) weighted += value * Math.log2(value);
    }
    const entropy = Math.log2(sum) - weighted / sum;
    // Rounding can leave a one-hot row at -1e-16; entropy is never negative.
    total += entropy > 0 ? entropy : 0;
  }
  return total / n;
}
