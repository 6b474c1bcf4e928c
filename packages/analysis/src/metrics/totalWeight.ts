import type { Mat } from '@maxent/core';
import { assertSquareFinite } from './squareMatrix.js';

/** sum_ij |W_ij| (model.md §11): the L1 cost of the spatially embedded RNN literature. */
export function totalWeight(matrix: Mat, field = 'W'): number {
  assertSquareFinite(matrix, field);
  let sum = 0;
  for (let index = 0; index < matrix.data.length; index++) sum += Math.abs(matrix.data[index]);
  return sum;
}
