import { invalid, type Rng } from '@maxent/core';

/**
 * A weighted point set standing for a distribution of m in R^R (model.md §14
 * "Quadrature"): tensor trapezoid nodes of the prior, Monte Carlo draws of it (the
 * same draws at every Newton step: common random numbers), or empirical loadings.
 * Weights sum to 1.
 */
export interface LoadingPoints {
  readonly kind: 'trapezoid' | 'montecarlo' | 'empirical';
  readonly rank: number;
  readonly count: number;
  /** count x R row-major. */
  readonly m: Float64Array;
  readonly weights: Float64Array;
  /** Trapezoid only: nodes per dimension and their spacing (else 0). */
  readonly nodesPerDimension: number;
  readonly spacing: number;
}

/** Trapezoid nodes per dimension and half-width (in prior standard deviations) of model.md §14: R = 1 and R = 2. */
export const TRAPEZOID_DEFAULTS: Readonly<Record<1 | 2, { readonly nodes: number; readonly extent: number }>> = Object.freeze({
  1: { nodes: 801, extent: 10 },
  2: { nodes: 121, extent: 8 },
});
/** Monte Carlo draws of the prior for R >= 3. */
export const DEFAULT_LOADING_SAMPLES = 20_000;
/** More entries than this (count x R) are refused: a tensor grid that would not fit in memory. */
const MAX_POINT_ENTRIES = 2 ** 26;

/**
 * Tensor trapezoid rule for m ~ N(0, sigmaM^2 I_R): `nodes` per dimension (odd, so 0
 * is a node) on [-extent sigmaM, extent sigmaM], weights proportional to the density,
 * normalised to sum 1 (the normalisation error of the Gaussian trapezoid is below
 * 1e-15 for spacings under one standard deviation).
 */
export function trapezoidPoints(rank: number, sigmaM: number, nodes: number, extent: number): LoadingPoints {
  if (!Number.isInteger(nodes) || nodes < 3 || nodes % 2 === 0) throw invalid('nodes', 'must be an odd integer >= 3', nodes);
  if (!(extent > 0) || !Number.isFinite(extent)) throw invalid('extent', 'must be a positive finite number', extent);
  const count = nodes ** rank;
  if (count * rank > MAX_POINT_ENTRIES) throw invalid('nodes', `gives ${nodes}^${rank} points, more than fit; use Monte Carlo`, nodes);
  const spacing = (2 * extent * sigmaM) / (nodes - 1);
  const axis = Float64Array.from({ length: nodes }, (_, j) => -extent * sigmaM + j * spacing);
  const m = new Float64Array(count * rank);
  const weights = new Float64Array(count);
  let total = 0;
  for (let index = 0; index < count; index++) {
    let rest = index;
    let squared = 0;
    for (let r = rank - 1; r >= 0; r--) {
      const x = axis[rest % nodes];
      rest = Math.floor(rest / nodes);
      m[index * rank + r] = x;
      squared += x * x;
    }
    const w = Math.exp((-0.5 * squared) / (sigmaM * sigmaM));
    weights[index] = w;
    total += w;
  }
  for (let index = 0; index < count; index++) weights[index] /= total;
  return { kind: 'trapezoid', rank, count, m, weights, nodesPerDimension: nodes, spacing };
}

/** `samples` draws of m ~ N(0, sigmaM^2 I_R), weight 1/samples each. */
export function monteCarloPoints(rank: number, sigmaM: number, samples: number, rng: Rng): LoadingPoints {
  if (!Number.isInteger(samples) || samples < 1) throw invalid('samples', 'must be an integer >= 1', samples);
  const m = new Float64Array(samples * rank);
  for (let i = 0; i < m.length; i++) m[i] = sigmaM * rng.normal();
  return { kind: 'montecarlo', rank, count: samples, m, weights: new Float64Array(samples).fill(1 / samples), nodesPerDimension: 0, spacing: 0 };
}

/** Recorded loadings m (N x R), weight 1/N each: the empirical p(m) of the conditional problem. */
export function empiricalPoints(rank: number, m: Float64Array): LoadingPoints {
  const count = m.length / rank;
  if (!Number.isInteger(count) || count < 1) throw invalid('loadings', `must hold N x ${rank} numbers`, `${m.length} numbers`);
  return { kind: 'empirical', rank, count, m, weights: new Float64Array(count).fill(1 / count), nodesPerDimension: 0, spacing: 0 };
}

/**
 * The default rule for the prior (model.md §14): trapezoid for R <= 2 (801 nodes on
 * [-10, 10], 121^2 on [-8, 8]^2), Monte Carlo with `samples` draws above.
 */
export function defaultPriorPoints(rank: number, sigmaM: number, rng: Rng, samples = DEFAULT_LOADING_SAMPLES): LoadingPoints {
  if (rank === 1 || rank === 2) {
    const { nodes, extent } = TRAPEZOID_DEFAULTS[rank];
    return trapezoidPoints(rank, sigmaM, nodes, extent);
  }
  return monteCarloPoints(rank, sigmaM, samples, rng);
}
