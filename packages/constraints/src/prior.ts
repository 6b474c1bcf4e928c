import { normalCdf } from '@maxent/core';

/**
 * Parameters of the homogeneous prior p0 of model.md §4:
 * u ~ N(0, sigma^2 I_P), w ~ N(0, sigma^2), v ~ N(mu_v 1, sigma_v^2 I_K).
 */
export interface Prior {
  /** sigma, the weight scale. */
  readonly weightScale: number;
  /** mu_v */
  readonly contextMean: number;
  /** sigma_v */
  readonly contextStd: number;
}

/** rho = Phi(mu_v / sigma_v): prior probability that a relu neuron is active in a context (§6). */
export function activeProbability(prior: Prior): number {
  return normalCdf(prior.contextMean / prior.contextStd);
}

/** P0(g) = prod_k rho^g_k (1 - rho)^(1 - g_k) for a binary gain pattern (§6). */
export function patternPriorProbability(pattern: ArrayLike<number>, rho: number): number {
  let probability = 1;
  for (let k = 0; k < pattern.length; k++) probability *= pattern[k] ? rho : 1 - rho;
  return probability;
}

/** log p0(theta) up to its constant, for samplers of the unnormalised density (§8). */
export function logPriorDensity(
  prior: Prior,
  u: ArrayLike<number>,
  v: ArrayLike<number>,
  w: number,
): number {
  const inverseVariance = 1 / (prior.weightScale * prior.weightScale);
  let uw = w * w;
  for (let j = 0; j < u.length; j++) uw += u[j] * u[j];
  let vv = 0;
  for (let k = 0; k < v.length; k++) {
    const d = v[k] - prior.contextMean;
    vv += d * d;
  }
  return -0.5 * uw * inverseVariance - (0.5 * vv) / (prior.contextStd * prior.contextStd);
}
