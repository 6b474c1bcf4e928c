import { activeProbability, nonlinearity, type MaxentProblem } from '@maxent/constraints';

/**
 * Binary gain patterns g in {0,1}^K (model.md §6), indexed by an integer whose
 * bit k is g_k: pattern index i has g_k = (i >> k) & 1. Index 0 is the silent
 * pattern, index 2^K - 1 the pattern active in every context.
 */
export interface PatternTable {
  readonly contexts: number;
  /** 2^K. */
  readonly count: number;
  /** P0(g) for every pattern (model.md §6); 0 outside the support. */
  readonly prior: Float64Array;
  /** Number of active contexts |g| of every pattern. */
  readonly activeCount: Uint8Array;
  /** rho, the prior probability of a context being active. */
  readonly rho: number;
}

/**
 * The gain distribution of the exact estimator. relu: independent Bernoulli(rho)
 * gains with rho = Phi(mu_v / sigma_v) (model.md §6). linear: every gain is 1, a
 * point mass on the all-active pattern (model.md §7), which the same machinery
 * handles as rho = 1.
 */
export function patternTable(problem: MaxentProblem): PatternTable {
  const contexts = problem.contexts;
  const count = 2 ** contexts;
  const rho = nonlinearity(problem.nonlinearity).binaryGains ? activeProbability(problem) : 1;
  const activeCount = new Uint8Array(count);
  for (let i = 1; i < count; i++) activeCount[i] = activeCount[i & (i - 1)] + 1;
  // rho^|g| (1 - rho)^(K - |g|) depends only on |g|: one power per count.
  const byCount = new Float64Array(contexts + 1);
  for (let c = 0; c <= contexts; c++) byCount[c] = rho ** c * (1 - rho) ** (contexts - c);
  const prior = new Float64Array(count);
  for (let i = 0; i < count; i++) prior[i] = byCount[activeCount[i]];
  return { contexts, count, prior, activeCount, rho };
}

/** The pattern with index `index` as K zeros and ones. */
export function patternBits(index: number, contexts: number): number[] {
  const bits = new Array<number>(contexts);
  for (let k = 0; k < contexts; k++) bits[k] = (index >> k) & 1;
  return bits;
}

/**
 * In place, values[S] <- sum over supersets T of S of values[T] (the zeta
 * transform over the subset lattice, K 2^(K-1) additions). For binary gains
 * E[w(g) g_k g_l ...] = sum over g containing {k, l, ...} of w(g), so after the
 * transform every such moment is one lookup (used by dual.ts).
 */
export function supersetSums(values: Float64Array, contexts: number): void {
  const count = values.length;
  for (let k = 0; k < contexts; k++) {
    const bit = 1 << k;
    for (let block = 0; block < count; block += bit << 1) {
      const end = block + bit;
      for (let i = block; i < end; i++) values[i] += values[i + bit];
    }
  }
}

/**
 * Split of the pattern index into low and high bits, so a(g) = lambda^T g is
 * a(low) + a(high) from two small tables: no rounding drift across the 2^K
 * patterns (unlike incremental Gray-code updates) and no allocation in the loop.
 */
export function lowBitCount(contexts: number): number {
  return Math.min(contexts, Math.max(0, Math.ceil(contexts / 2)));
}

/**
 * a(g) for every g over the given `bits` rows of lambda starting at row `firstRow`,
 * written into `out` (2^bits x P row-major). Each entry is the parent's plus one
 * row (depth at most `bits` additions).
 */
export function axisTable(
  lambda: Float64Array,
  stimuli: number,
  firstRow: number,
  bits: number,
  out: Float64Array,
): void {
  const count = 1 << bits;
  for (let j = 0; j < stimuli; j++) out[j] = 0;
  for (let i = 1; i < count; i++) {
    const low = 31 - Math.clz32(i & -i);
    const parent = (i & (i - 1)) * stimuli;
    const row = (firstRow + low) * stimuli;
    const target = i * stimuli;
    for (let j = 0; j < stimuli; j++) out[target + j] = out[parent + j] + lambda[row + j];
  }
}
