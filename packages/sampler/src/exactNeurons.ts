import { createRng, deriveSeed, invalid, truncatedNormal, type Rng } from '@maxent/core';
import { nonlinearity } from '@maxent/constraints';
import { createAliasTable, drawAlias } from './aliasTable.js';
import type { SamplingProgress } from './chains.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { patternGain, neuronPatternLaw, type NeuronPatternLaw } from './neuronPatternLaw.js';
import { zigguratNormal } from './ziggurat.js';

/** Options of {@link sampleExactNeurons}. */
export interface ExactNeuronOptions {
  /** N, integer >= 1. */
  readonly neurons: number;
  /** Master seed; the stream is deriveSeed(seed, 'exact'). */
  readonly seed: number | string;
  /** Called every 65536 neurons and at the end with neurons done / N. */
  readonly onProgress?: (progress: SamplingProgress) => void;
  readonly signal?: AbortSignal;
}

const PROGRESS_EVERY = 65536;

/**
 * A precomputed exact sampler of one solution: pattern law, alias table and,
 * per pattern, the Cholesky factor of Sigma(g) in closed form.
 */
export interface ExactNeuronSampler {
  readonly law: NeuronPatternLaw;
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
  const law = neuronPatternLaw(problem, lambda);
  const K = problem.contexts;
  const P = problem.stimuli;
  const sigma = problem.weightScale;
  const s2 = sigma * sigma;
  const table = createAliasTable(law.fraction);
  // Closed-form Cholesky factor per pattern: wScale = sigma / sqrt(1 - q), coupling = sigma^2 a.
  const wScale = new Float64Array(law.patterns);
  const coupling = new Float64Array(law.patterns * P);
  for (let m = 0; m < law.patterns; m++) {
    wScale[m] = law.fraction[m] > 0 ? sigma / Math.sqrt(1 - law.q[m]) : 0;
    for (let j = 0; j < P; j++) coupling[m * P + j] = s2 * law.axis[m * P + j];
  }
  const mean = problem.contextMean;
  const std = problem.contextStd;
  // With mu_v = 0 the truncated prior is a folded normal: v = +-sigma_v |z|.
  const folded = mean === 0;

  const drawInto: ExactNeuronSampler['drawInto'] = (rng, u, uOffset, v, vOffset, w, wOffset) => {
    const m = drawAlias(table, rng);
    for (let k = 0; k < K; k++) {
      const active = patternGain(m, k) === 1;
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
  return { law, drawInto };
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
