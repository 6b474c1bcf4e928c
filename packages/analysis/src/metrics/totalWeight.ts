import type { Mat } from '@maxent/core';
import { assertSquareFinite, timesPowerOfTwo, unitScaleExponent } from '@maxent/core/internal';

/** sum_ij |W_ij| (model.md §11): the L1 cost of the spatially embedded RNN literature. */
export function totalWeight(matrix: Mat, field = 'W'): number {
  assertSquareFinite(matrix, field);
  return absoluteSum(matrix.data);
}

/**
 * The computation behind {@link totalWeight}, for already validated data: summed
 * at unit scale (exact power-of-two scaling) and scaled back, so that only a
 * total beyond the double range is infinite.
 */
export function absoluteSum(data: Float64Array): number {
  const exponent = unitScaleExponent(data);
  let sum = 0;
  for (let index = 0; index < data.length; index++) sum += Math.abs(timesPowerOfTwo(data[index], -exponent));
  return timesPowerOfTwo(sum, exponent);
}
