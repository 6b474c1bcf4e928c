import { createRng } from '@maxent/core';

/**
 * Indices of a uniformly random subset of `size` of `0..total-1`, in increasing
 * order, from a seeded stream (partial Fisher-Yates shuffle): the same seed picks
 * the same points on every machine. All indices when `size >= total`.
 */
export function subsampleIndices(total: number, size: number, seed: number | string): Int32Array {
  const all = new Int32Array(total);
  for (let i = 0; i < total; i++) all[i] = i;
  if (size >= total) return all;
  const rng = createRng(seed);
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.next() * (total - i));
    const swap = all[i];
    all[i] = all[j];
    all[j] = swap;
  }
  return all.slice(0, size).sort();
}
