import type { Rng } from '@maxent/core';

/**
 * Walker's alias method (Vose's construction, 1991): O(n) setup, then two uniforms
 * per draw from a discrete law, whatever n is.
 */
export interface AliasTable {
  readonly size: number;
  /** Probability of keeping column i (else its alias). */
  readonly keep: Float64Array;
  readonly alias: Int32Array;
}

/** Builds the table for non-negative `weights` (normalised here; their sum must be positive). */
export function createAliasTable(weights: ArrayLike<number>): AliasTable {
  const size = weights.length;
  let total = 0;
  for (let i = 0; i < size; i++) total += weights[i];
  if (!(total > 0) || !Number.isFinite(total)) throw new RangeError('createAliasTable: weights must have a positive finite sum');
  const scaled = new Float64Array(size);
  for (let i = 0; i < size; i++) scaled[i] = (weights[i] * size) / total;
  const keep = new Float64Array(size);
  const alias = new Int32Array(size);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < size; i++) (scaled[i] < 1 ? small : large).push(i);
  while (small.length > 0 && large.length > 0) {
    const low = small.pop() as number;
    const high = large.pop() as number;
    keep[low] = scaled[low];
    alias[low] = high;
    scaled[high] = scaled[high] + scaled[low] - 1;
    (scaled[high] < 1 ? small : large).push(high);
  }
  // Leftovers are 1 up to rounding.
  for (const i of large) {
    keep[i] = 1;
    alias[i] = i;
  }
  for (const i of small) {
    keep[i] = 1;
    alias[i] = i;
  }
  return { size, keep, alias };
}

/**
 * One draw: a uniform column, kept with probability keep[column], else its alias.
 * Two uniforms (not the fractional part of one): the keep test keeps its full
 * resolution however many columns there are.
 */
export function drawAlias(table: AliasTable, rng: Rng): number {
  const column = Math.floor(rng.next() * table.size);
  return rng.next() < table.keep[column] ? column : table.alias[column];
}
