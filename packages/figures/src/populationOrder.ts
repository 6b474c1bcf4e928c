import { activeCount } from './palette.js';

/** Index of a gain pattern, sum_k g_k 2^k (context k is bit k). */
export function patternIndex(pattern: readonly number[]): number {
  let index = 0;
  for (let k = 0; k < pattern.length; k++) if (pattern[k] > 0) index += 2 ** k;
  return index;
}

/**
 * The populations a figure shows: the `limit` with the largest energy share (all
 * when there are fewer), ordered by the number of active contexts and then by
 * pattern index, so the same pattern sits in the same place in every figure.
 */
export function populationsToShow<T extends { readonly pattern: readonly number[]; readonly energyShare: number | null }>(
  populations: readonly T[],
  limit: number,
): T[] {
  const byEnergy = [...populations].sort((a, b) => (b.energyShare ?? -Infinity) - (a.energyShare ?? -Infinity));
  const shown = byEnergy.slice(0, limit);
  return shown.sort((a, b) => activeCount(a.pattern) - activeCount(b.pattern) || patternIndex(a.pattern) - patternIndex(b.pattern));
}
