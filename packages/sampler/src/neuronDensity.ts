import type { Mat } from '@maxent/core';
import { nonlinearity, type MaxentProblem } from '@maxent/constraints';
import type { LogDensity } from './metropolis.js';

/**
 * Layout of one neuron's parameters theta in R^(P+K+1) for the full sampler:
 * [u_1..u_P, v_1..v_K, w].
 */
export function neuronDimension(problem: MaxentProblem): number {
  return problem.stimuli + problem.contexts + 1;
}

/**
 * log p_lambda(theta) up to a constant (model.md §4, §8):
 *
 *     log p0(theta) + <lambda, f(theta)>
 *       = -(|u|^2 + w^2) / (2 sigma^2) - |v - mu_v|^2 / (2 sigma_v^2) + w (lambda^T g(v)) . u
 *
 * with g = phi'(v), since sum_kj lambda_kj f_kj = w sum_kj lambda_kj g_k u_j.
 * No partition function is needed. Works for any nonlinearity.
 */
export function fullLogDensity(problem: MaxentProblem, lambda: Mat): LogDensity {
  const P = problem.stimuli;
  const K = problem.contexts;
  const phi = nonlinearity(problem.nonlinearity);
  const inverseVariance = 1 / problem.weightScale ** 2;
  const inverseContextVariance = 1 / problem.contextStd ** 2;
  const mean = problem.contextMean;
  const L = lambda.data;
  return (theta) => {
    const w = theta[P + K];
    let squares = w * w;
    for (let j = 0; j < P; j++) squares += theta[j] * theta[j];
    let contextSquares = 0;
    let coupling = 0;
    for (let k = 0; k < K; k++) {
      const vk = theta[P + k];
      contextSquares += (vk - mean) * (vk - mean);
      const g = phi.derivative(vk);
      if (g === 0) continue;
      let dot = 0;
      for (let j = 0; j < P; j++) dot += L[k * P + j] * theta[j];
      coupling += g * dot;
    }
    return -0.5 * squares * inverseVariance - 0.5 * contextSquares * inverseContextVariance + w * coupling;
  };
}

/**
 * Conditional Gaussian of (u, w) given v (model.md §5), evaluated into reusable
 * buffers: a = lambda^T phi'(v) and q = sigma^4 |a|^2.
 */
export interface ConditionalWorkspace {
  readonly axis: Float64Array;
  /** Returns q for this v and leaves a(v) in `axis`. */
  evaluate(v: ArrayLike<number>, offset?: number): number;
}

export function createConditionalWorkspace(problem: MaxentProblem, lambda: Mat): ConditionalWorkspace {
  const P = problem.stimuli;
  const K = problem.contexts;
  const phi = nonlinearity(problem.nonlinearity);
  const s4 = problem.weightScale ** 4;
  const L = lambda.data;
  const axis = new Float64Array(P);
  return {
    axis,
    evaluate(v, offset = 0) {
      axis.fill(0);
      for (let k = 0; k < K; k++) {
        const g = phi.derivative(v[offset + k]);
        if (g === 0) continue;
        for (let j = 0; j < P; j++) axis[j] += g * L[k * P + j];
      }
      let norm2 = 0;
      for (let j = 0; j < P; j++) norm2 += axis[j] * axis[j];
      return s4 * norm2;
    },
  };
}

/**
 * Marginal log density of the context weights with (u, w) integrated out
 * (model.md §5): log p_lambda(v) = log p0(v) - (1/2) log(1 - q(v)) + const,
 * -Infinity where q(v) >= 1 (there the Gaussian part is not normalisable).
 */
export function marginalContextLogDensity(problem: MaxentProblem, lambda: Mat): LogDensity {
  const K = problem.contexts;
  const workspace = createConditionalWorkspace(problem, lambda);
  const inverseContextVariance = 1 / problem.contextStd ** 2;
  const mean = problem.contextMean;
  return (v) => {
    const q = workspace.evaluate(v);
    if (!(q < 1)) return -Infinity;
    let contextSquares = 0;
    for (let k = 0; k < K; k++) contextSquares += (v[k] - mean) * (v[k] - mean);
    return -0.5 * contextSquares * inverseContextVariance - 0.5 * Math.log1p(-q);
  };
}
