import { createRng, deriveSeed, invalid, truncatedNormal, type Progress, type Rng } from '@maxent/core';
import { activeProbability, MAX_EXACT_CONTEXTS, nonlinearity, patternPriorProbability } from '@maxent/constraints';
import { patternBits, patternLaw, structuredAxis, type PatternLaw } from '@maxent/solver';
import { createAliasTable, drawAlias } from './aliasTable.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { zigguratNormal } from './ziggurat.js';

/** Options of {@link sampleExactNeurons}. */
export interface ExactNeuronOptions {
  /** N, integer >= 1. */
  readonly neurons: number;
  /** Master seed; the stream is deriveSeed(seed, 'exact'). */
  readonly seed: number | string;
  /** Called every 65536 neurons and at the end with neurons done / N. */
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

const PROGRESS_EVERY = 65536;

/**
 * A precomputed exact sampler of one solution: pattern law, alias table and,
 * per pattern, the Cholesky factor of Sigma(g) in closed form.
 */
export interface ExactNeuronSampler {
  /** The law of the gain patterns (pi(g), q(g), ...) from @maxent/solver's patternLaw. */
  readonly law: PatternLaw;
  /** Per pattern, the scale of w: sigma / sqrt(1 - q(g)) (0 where q >= 1, never drawn). */
  readonly wScale: Float64Array;
  /** Per pattern, sigma^2 a(g) with a(g) = lambda^T g (2^K x P row-major): u = coupling w + sigma z. */
  readonly coupling: Float64Array;
  /** Writes neuron parameters into u (P), v (K) and w (one entry, at wOffset); allocates nothing. */
  drawInto(rng: Rng, u: Float64Array, uOffset: number, v: Float64Array, vOffset: number, w: Float64Array, wOffset: number): number;
}

/**
 * Exact sampler for binary gains (relu, model.md §6 and §8): pattern g ~ pi,
 * then v_k from the prior normal truncated to v_k > 0 (g_k = 1) or v_k <= 0
 * (g_k = 0), then (u, w) ~ N(0, Sigma(g)).
 *
 * The Gaussian draw uses the Cholesky factor of Sigma(g) in the order (w, u),
 * which is known in closed form: from the precision [[1/sigma^2, -a^T], [-a, I/sigma^2]]
 * (§5), w ~ N(0, sigma^2 / (1 - q)) and u | w ~ N(sigma^2 a w, sigma^2 I), i.e.
 *
 *     w = sigma / sqrt(1 - q) z_0,     u_j = sigma^2 a_j w + sigma z_j.
 *
 * Per pattern that is one scale and one vector, computed once; per neuron
 * O(K + P) work and no allocation. Normals come from the ziggurat (ziggurat.ts)
 * over the same seeded stream.
 */
export function createExactNeuronSampler(solution: SolutionLaw): ExactNeuronSampler {
  const { problem, lambda } = solution;
  const phi = nonlinearity(problem.nonlinearity);
  if (!phi.binaryGains) {
    throw invalid(
      'method',
      `must be mcmc for nonlinearity ${problem.nonlinearity}: the exact sampler needs binary gains (relu); allowed: exact (relu), mcmc (any)`,
      'exact',
    );
  }
  const K = problem.contexts;
  const P = problem.stimuli;
  if (K > MAX_EXACT_CONTEXTS) {
    throw invalid('task.contexts', `must be at most ${MAX_EXACT_CONTEXTS} to enumerate the 2^K gain patterns (use --method mcmc)`, K);
  }
  const sigma = problem.weightScale;
  const s2 = sigma * sigma;
  const s4 = s2 * s2;
  const rho = activeProbability(problem);
  // Closed-form Cholesky factor per pattern: wScale = sigma / sqrt(1 - q), coupling = sigma^2 a.
  // q is taken from the same a as the coupling, and an inadmissible lambda is reported
  // with the offending pattern (the solver's patternLaw only says that one exists).
  const count = 2 ** K;
  const wScale = new Float64Array(count);
  const coupling = new Float64Array(count * P);
  for (let m = 0; m < count; m++) {
    const gains = patternBits(m, K);
    const a = structuredAxis(lambda, gains, coupling.subarray(m * P, (m + 1) * P));
    let norm2 = 0;
    for (let j = 0; j < P; j++) norm2 += a[j] * a[j];
    const q = s4 * norm2;
    if (!(q < 1) && patternPriorProbability(gains, rho) > 0) {
      throw invalid(
        'lambda',
        `must be admissible (q = sigma^4 |lambda^T g|^2 < 1 for every gain pattern, model.md §5); pattern [${gains.join(', ')}] has q = ${q}`,
        Array.from(lambda.data),
      );
    }
    wScale[m] = q < 1 ? sigma / Math.sqrt(1 - q) : 0;
    for (let j = 0; j < P; j++) a[j] *= s2;
  }
  const law = patternLaw(problem, lambda);
  const table = createAliasTable(law.fraction);
  const mean = problem.contextMean;
  const std = problem.contextStd;
  // With mu_v = 0 the truncated prior is a folded normal: v = +-sigma_v |z|.
  const folded = mean === 0;

  const drawInto: ExactNeuronSampler['drawInto'] = (rng, u, uOffset, v, vOffset, w, wOffset) => {
    const m = drawAlias(table, rng);
    for (let k = 0; k < K; k++) {
      const active = ((m >> k) & 1) === 1;
      if (folded) {
        const magnitude = std * Math.abs(zigguratNormal(rng));
        v[vOffset + k] = active ? magnitude : -magnitude;
      } else {
        v[vOffset + k] = active ? truncatedNormal(rng, mean, std, 0, Infinity) : truncatedNormal(rng, mean, std, -Infinity, 0);
      }
    }
    const wi = wScale[m] * zigguratNormal(rng);
    w[wOffset] = wi;
    const row = m * P;
    for (let j = 0; j < P; j++) u[uOffset + j] = coupling[row + j] * wi + sigma * zigguratNormal(rng);
    return m;
  };
  return { law, wScale, coupling, drawInto };
}

/** Draws a network of N neurons exactly from a relu solution (model.md §8 "exact"). */
export function sampleExactNeurons(solution: SolutionLaw, options: ExactNeuronOptions): SampledNetwork {
  const { neurons } = options;
  if (!Number.isInteger(neurons) || neurons < 1) throw invalid('neurons', 'must be an integer >= 1', neurons);
  const sampler = createExactNeuronSampler(solution);
  const { problem } = solution;
  const K = problem.contexts;
  const P = problem.stimuli;
  const rng = createRng(deriveSeed(options.seed, 'exact'));
  const u = new Float64Array(neurons * P);
  const v = new Float64Array(neurons * K);
  const w = new Float64Array(neurons);
  for (let start = 0; start < neurons; start += PROGRESS_EVERY) {
    options.signal?.throwIfAborted();
    const end = Math.min(start + PROGRESS_EVERY, neurons);
    for (let i = start; i < end; i++) sampler.drawInto(rng, u, i * P, v, i * K, w, i);
    options.onProgress?.({ done: end, total: neurons });
  }
  return { nonlinearity: problem.nonlinearity, neurons, stimuli: P, contexts: K, u, v, w, task: problem.task };
}
