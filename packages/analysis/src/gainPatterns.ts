/**
 * Binary gain patterns of relu neurons (model.md §6, §10): neuron i is active in
 * context k when v_ik > 0, so g_i = (1[v_i1 > 0], ..., 1[v_iK > 0]). relu'(0) is
 * taken as 0, as in @maxent/constraints: a neuron exactly at threshold is silent.
 */

/** Index of a pattern, sum_k g_k 2^k: context 0 is the lowest bit. */
export function patternIndex(pattern: ArrayLike<number>): number {
  let index = 0;
  for (let k = pattern.length - 1; k >= 0; k--) index = index * 2 + (pattern[k] ? 1 : 0);
  return index;
}

/** The pattern of an index (inverse of {@link patternIndex}). */
export function patternOfIndex(index: number, contexts: number): number[] {
  const pattern = new Array<number>(contexts);
  let rest = index;
  for (let k = 0; k < contexts; k++) {
    pattern[k] = rest % 2;
    rest = Math.floor(rest / 2);
  }
  return pattern;
}

/** A stable text key of a pattern ("0110"), to match populations across analyses. */
export function patternKey(pattern: ArrayLike<number>): string {
  let key = '';
  for (let k = 0; k < pattern.length; k++) key += pattern[k] ? '1' : '0';
  return key;
}

/**
 * Pattern index of every neuron from its context weights v (N x K, row-major).
 * Patterns are indexed with Math arithmetic rather than bit shifts so that K up
 * to 52 stays exact (K > 20 is impractical elsewhere, model.md §6).
 */
export function reluPatternIndices(v: Float64Array, neurons: number, contexts: number, out = new Float64Array(neurons)): Float64Array {
  for (let i = 0; i < neurons; i++) {
    let index = 0;
    const row = i * contexts;
    for (let k = contexts - 1; k >= 0; k--) index = index * 2 + (v[row + k] > 0 ? 1 : 0);
    out[i] = index;
  }
  return out;
}
