import type { Mat } from '@maxent/core';

/**
 * The Gaussian part of p_lambda given the gains (model.md §5): conditional on
 * v, (u, w) is zero-mean Gaussian with precision [[I/sigma^2, -a], [-a^T, 1/sigma^2]],
 * a = lambda^T g, normalisable iff q = sigma^4 |a|^2 < 1.
 */
export interface ConditionalGaussian {
  /** a = lambda^T g (length P). */
  readonly a: Float64Array;
  /** q = sigma^4 |a|^2. */
  readonly q: number;
  /**
   * Covariance of (u_1..u_P, w), (P+1) x (P+1) row-major:
   * Cov[u] = sigma^2 (I + sigma^4 a a^T / (1-q)), Var[w] = sigma^2 / (1-q),
   * Cov[u, w] = E[w u] = sigma^4 a / (1-q). All NaN when q >= 1.
   */
  readonly covariance: Float64Array;
}

/** a = lambda^T g written into `out` (length P). */
export function structuredAxis(lambda: Mat, gains: ArrayLike<number>, out = new Float64Array(lambda.cols)): Float64Array {
  const stimuli = lambda.cols;
  out.fill(0);
  for (let k = 0; k < lambda.rows; k++) {
    const g = gains[k];
    if (g === 0) continue;
    const row = k * stimuli;
    for (let j = 0; j < stimuli; j++) out[j] += lambda.data[row + j] * g;
  }
  return out;
}

export function conditionalGaussian(lambda: Mat, gains: ArrayLike<number>, weightScale: number): ConditionalGaussian {
  const stimuli = lambda.cols;
  const a = structuredAxis(lambda, gains);
  const s2 = weightScale * weightScale;
  const s4 = s2 * s2;
  let norm2 = 0;
  for (let j = 0; j < stimuli; j++) norm2 += a[j] * a[j];
  const q = s4 * norm2;
  const size = stimuli + 1;
  const covariance = new Float64Array(size * size);
  if (!(q < 1)) {
    covariance.fill(Number.NaN);
    return { a, q, covariance };
  }
  const slack = 1 - q;
  for (let i = 0; i < stimuli; i++) {
    for (let j = 0; j < stimuli; j++) {
      covariance[i * size + j] = s2 * ((i === j ? 1 : 0) + (s4 * a[i] * a[j]) / slack);
    }
    const uw = (s4 * a[i]) / slack;
    covariance[i * size + stimuli] = uw;
    covariance[stimuli * size + i] = uw;
  }
  covariance[stimuli * size + stimuli] = s2 / slack;
  return { a, q, covariance };
}

/** chi = 1 / (P (1 - q) + q): selectivity index of a population (model.md §6). */
export function selectivityIndex(q: number, stimuli: number): number {
  return 1 / (stimuli * (1 - q) + q);
}

/** e = sigma^4 (P / (1-q) + 3q / (1-q)^2): output-weight energy E[w^2 |u|^2 | g] (model.md §6). */
export function outputWeightEnergy(q: number, stimuli: number, weightScale: number): number {
  const s4 = weightScale ** 4;
  const slack = 1 - q;
  return s4 * (stimuli / slack + (3 * q) / (slack * slack));
}
