import type { Mat } from '@maxent/core';
import { summarizePopulations, type PopulationShare, type PopulationSummary } from '@maxent/constraints';
import { conditionalGaussian, outputWeightEnergy, selectivityIndex } from './conditional.js';
import { checkLambdaShape, createDualWorkspace, evaluateInDomain, type DualWorkspace } from './dual.js';
import { patternBits } from './patterns.js';
import type { MaxentProblem } from '@maxent/constraints';

/**
 * The law of the gain patterns under p_lambda (model.md §6), one entry per
 * pattern index i (bit k of i is g_k; see patterns.ts), over all 2^K patterns.
 * Patterns without prior mass have fraction 0, energy share 0 and NaN q.
 */
export interface PatternLaw {
  readonly contexts: number;
  readonly stimuli: number;
  /** 2^K. */
  readonly count: number;
  /** P0(g) (the pattern table's own array: read only). */
  readonly prior: Float64Array;
  /** pi(g) = P0(g) (1 - q)^(-1/2) / Ztilde. */
  readonly fraction: Float64Array;
  /** q(g) = sigma^4 |a(g)|^2. */
  readonly q: Float64Array;
  /** e(g) = E[w^2 |u|^2 | g]. */
  readonly energy: Float64Array;
  /** eps(g) = pi(g) e(g) / sum_g' pi(g') e(g'). */
  readonly energyShare: Float64Array;
  /** chi(g) = 1 / (P (1 - q) + q); 1/P where a(g) = 0. */
  readonly selectivity: Float64Array;
  /** Number of active contexts |g| (the pattern table's own array: read only). */
  readonly activeCount: Uint8Array;
  /** log Ztilde. */
  readonly logPartition: number;
}

/** The pattern law at lambda (binary gains). Throws InvalidInputError if lambda has the wrong shape or leaves the domain. */
export function patternLaw(problem: MaxentProblem, lambda: Mat): PatternLaw {
  checkLambdaShape(problem, lambda, 'lambda');
  const workspace = createDualWorkspace(problem);
  evaluateInDomain(workspace, lambda.data, 0, 'lambda');
  return patternLawFromWorkspace(workspace);
}

/** The pattern law at the workspace's last evaluation, which must lie in the domain (evaluateInDomain). */
export function patternLawFromWorkspace(workspace: DualWorkspace): PatternLaw {
  const { problem, patterns } = workspace;
  const { contexts: K, stimuli: P, weightScale } = problem;
  const count = patterns.count;
  const fraction = new Float64Array(count);
  const q = Float64Array.from(workspace.q);
  const energy = new Float64Array(count);
  const energyShare = new Float64Array(count);
  const selectivity = new Float64Array(count);
  let partition = 0;
  for (let i = 0; i < count; i++) partition += workspace.weight[i];
  let totalEnergy = 0;
  for (let i = 0; i < count; i++) {
    if (patterns.prior[i] === 0) continue;
    fraction[i] = workspace.weight[i] / partition;
    energy[i] = outputWeightEnergy(q[i], P, weightScale);
    totalEnergy += fraction[i] * energy[i];
    selectivity[i] = selectivityIndex(q[i], P);
  }
  for (let i = 0; i < count; i++) energyShare[i] = (fraction[i] * energy[i]) / totalEnergy;
  return {
    contexts: K,
    stimuli: P,
    count,
    prior: patterns.prior,
    fraction,
    q,
    energy,
    energyShare,
    selectivity,
    activeCount: patterns.activeCount,
    logPartition: workspace.logPartition,
  };
}

/** One population of the solution (interfaces.md `maxent-solution`). */
export interface Population {
  /** Gain pattern, one 0/1 per context. */
  readonly pattern: number[];
  /** pi(g). */
  readonly fraction: number;
  /** eps(g). */
  readonly energyShare: number;
  /** chi(g). */
  readonly selectivity: number;
  /** ahat(g) = a / |a| (P numbers), zeros where sigma^2 |a| <= 1e-9 (model.md §6). */
  readonly direction: number[];
  /** (P+1) x (P+1) covariance of (u_1..u_P, w) within the population (model.md §5). */
  readonly covariance: number[][];
}

/** Below this sigma^2 |a| the structured direction is undefined (model.md §6). */
const UNDEFINED_DIRECTION = 1e-9;

/**
 * Populations with prior mass, largest energy share first (shares equal to 12
 * digits count as ties: lower pattern index first), at most `limit` of them.
 */
export function listPopulations(problem: MaxentProblem, lambda: Mat, law: PatternLaw, limit: number): Population[] {
  // Symmetric populations (e.g. the K single-context patterns of the select task)
  // have equal shares up to rounding: shares are compared to 12 digits, so ties
  // fall back to the pattern index and the order does not depend on the last bit.
  const key = (i: number) => Math.round(law.energyShare[i] * 1e12);
  // When only the largest are wanted, candidates are those at or above the
  // limit-th largest key (a native numeric sort finds it; sorting 2^K indices
  // with a comparator would dominate at K = 20). Same keys, so a truncated list
  // is a prefix of the full one.
  let threshold = Number.NEGATIVE_INFINITY;
  const total = populationCount(law);
  if (limit < total) {
    const keys = new Float64Array(total);
    let n = 0;
    for (let i = 0; i < law.count; i++) if (law.prior[i] > 0) keys[n++] = key(i);
    keys.sort();
    threshold = keys[total - limit];
  }
  const indices: number[] = [];
  for (let i = 0; i < law.count; i++) if (law.prior[i] > 0 && key(i) >= threshold) indices.push(i);
  indices.sort((x, y) => key(y) - key(x) || x - y);
  const listed = indices.slice(0, Math.min(indices.length, limit));
  const { contexts: K, stimuli: P, weightScale } = problem;
  const size = P + 1;
  return listed.map((index) => {
    const pattern = patternBits(index, K);
    const gaussian = conditionalGaussian(lambda, pattern, weightScale);
    let norm = 0;
    for (let j = 0; j < P; j++) norm += gaussian.a[j] * gaussian.a[j];
    norm = Math.sqrt(norm);
    const defined = weightScale * weightScale * norm > UNDEFINED_DIRECTION;
    const covariance: number[][] = [];
    for (let r = 0; r < size; r++) covariance.push(Array.from(gaussian.covariance.subarray(r * size, (r + 1) * size)));
    return {
      pattern,
      fraction: law.fraction[index],
      energyShare: law.energyShare[index],
      selectivity: defined ? law.selectivity[index] : 1 / P,
      direction: Array.from(gaussian.a, (value) => (defined ? value / norm : 0)),
      covariance,
    };
  });
}

/** Number of populations with prior mass. */
export function populationCount(law: PatternLaw): number {
  let total = 0;
  for (let i = 0; i < law.count; i++) if (law.prior[i] > 0) total++;
  return total;
}

/**
 * The §6 summary over all patterns. Every summary observable depends on the
 * patterns only through their active count, so the shared summarizePopulations
 * gets one aggregate per count (energy-weighted mean selectivity): K + 1 entries
 * instead of 2^K.
 */
export function summarizeLaw(law: PatternLaw, rho: number): PopulationSummary {
  const K = law.contexts;
  const fraction = new Float64Array(K + 1);
  const energy = new Float64Array(K + 1);
  const weightedSelectivity = new Float64Array(K + 1);
  for (let i = 0; i < law.count; i++) {
    if (law.prior[i] === 0) continue;
    const c = law.activeCount[i];
    fraction[c] += law.fraction[i];
    energy[c] += law.energyShare[i];
    weightedSelectivity[c] += law.energyShare[i] * law.selectivity[i];
  }
  const groups: PopulationShare[] = [];
  for (let c = 0; c <= K; c++) {
    const pattern = new Array<number>(K).fill(0).map((_, k) => (k < c ? 1 : 0));
    groups.push({
      pattern,
      fraction: fraction[c],
      energyShare: energy[c],
      selectivity: energy[c] > 0 ? weightedSelectivity[c] / energy[c] : 0,
    });
  }
  return summarizePopulations(groups, K, law.stimuli, rho);
}
