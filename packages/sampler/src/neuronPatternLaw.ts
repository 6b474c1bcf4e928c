import { invalid, type Mat } from '@maxent/core';
import { activeProbability, MAX_EXACT_CONTEXTS, type MaxentProblem } from '@maxent/constraints';
import { structuredAxis } from '@maxent/solver';

/**
 * The law of gain patterns of a relu solution (model.md §6), recomputed from
 * lambda: pattern m has gains g_k = bit k of m. Everything the exact sampler
 * and the tests need, as flat typed arrays indexed by pattern.
 */
export interface NeuronPatternLaw {
  readonly contexts: number;
  readonly stimuli: number;
  /** 2^K */
  readonly patterns: number;
  /** P0(g) = prod_k rho^g_k (1 - rho)^(1 - g_k). */
  readonly prior: Float64Array;
  /** pi(g) = P0(g) (1 - q(g))^(-1/2) / Ztilde. */
  readonly fraction: Float64Array;
  /** q(g) = sigma^4 |a(g)|^2. */
  readonly q: Float64Array;
  /** a(g) = lambda^T g, 2^K x P row-major. */
  readonly axis: Float64Array;
  /** E_lambda[f_kj] = sum_g pi(g) g_k sigma^4 a_j(g) / (1 - q(g)) (model.md §5), K x P row-major. */
  readonly moments: Float64Array;
  /** log Ztilde = log Z(lambda). */
  readonly logPartition: number;
}

/** Gain k of pattern m. */
export function patternGain(pattern: number, context: number): number {
  return (pattern >> context) & 1;
}

/**
 * Enumerates the 2^K patterns. Throws an InvalidInputError naming `lambda` when
 * lambda is not admissible (q >= 1 for a pattern with prior mass, model.md §5
 * "Domain"), and naming `task.contexts` beyond the exact-enumeration limit.
 */
export function neuronPatternLaw(problem: MaxentProblem, lambda: Mat): NeuronPatternLaw {
  const K = problem.contexts;
  const P = problem.stimuli;
  if (K > MAX_EXACT_CONTEXTS) {
    throw invalid('task.contexts', `must be at most ${MAX_EXACT_CONTEXTS} to enumerate the 2^K gain patterns (use --method mcmc)`, K);
  }
  const patterns = 2 ** K;
  const rho = activeProbability(problem);
  const s2 = problem.weightScale ** 2;
  const s4 = s2 * s2;
  const prior = new Float64Array(patterns);
  const fraction = new Float64Array(patterns);
  const q = new Float64Array(patterns);
  const axis = new Float64Array(patterns * P);
  const gains = new Float64Array(K);
  let normaliser = 0;
  for (let m = 0; m < patterns; m++) {
    let probability = 1;
    for (let k = 0; k < K; k++) {
      gains[k] = patternGain(m, k);
      probability *= gains[k] ? rho : 1 - rho;
    }
    const a = structuredAxis(lambda, gains, axis.subarray(m * P, (m + 1) * P));
    let norm2 = 0;
    for (let j = 0; j < P; j++) norm2 += a[j] * a[j];
    q[m] = s4 * norm2;
    prior[m] = probability;
    if (probability > 0 && !(q[m] < 1)) {
      throw invalid(
        'lambda',
        `must be admissible (q = sigma^4 |lambda^T g|^2 < 1 for every gain pattern, model.md §5); pattern [${Array.from(gains).join(', ')}] has q = ${q[m]}`,
        Array.from(lambda.data),
      );
    }
    fraction[m] = probability > 0 ? probability / Math.sqrt(1 - q[m]) : 0;
    normaliser += fraction[m];
  }
  const moments = new Float64Array(K * P);
  for (let m = 0; m < patterns; m++) {
    fraction[m] /= normaliser;
    if (fraction[m] === 0) continue;
    const scale = (fraction[m] * s4) / (1 - q[m]);
    for (let k = 0; k < K; k++) {
      if (!patternGain(m, k)) continue;
      for (let j = 0; j < P; j++) moments[k * P + j] += scale * axis[m * P + j];
    }
  }
  return { contexts: K, stimuli: P, patterns, prior, fraction, q, axis, moments, logPartition: Math.log(normaliser) };
}
