import type { Mat } from '@maxent/core';
import { assertSquareFinite } from '@maxent/core/internal';

/** sum_ij |W_ij| (model.md §11): the L1 cost of the spatially embedded RNN literature. */
export function totalWeight(matrix: Mat, field = 'W'): number {
  assertSquareFinite(matrix, field);
  return absoluteSum(matrix.data);
}

/** The computation behind {@link totalWeight}, for already validated data. */
export function absoluteSum(data: Float64Array): number {
  let sum = 0;
  for (let index = 0; index < data.length; index++) sum += Math.abs(data[index]);
  return sum;
}
