import { createRng, deriveSeed, invalid } from '@maxent/core';
import { createBoundedMemo } from '@maxent/core/internal';
import { nonlinearity, type MaxentProblem } from '@maxent/constraints';
import { gaussHermite } from './gaussHermite.js';

/**
 * A weighted set of gain vectors standing in for p0(v) (model.md §7): the
 * expectations over the context weights v ~ N(mu_v 1, sigma_v^2 I_K) become
 * sum_i weights[i] F(g_i) with g_i = phi'(v_i). Tensor Gauss-Hermite nodes,
 * Monte Carlo draws and the boundary-resolving rule of attainability.ts are all
 * such sets; the dual over any of them is pointDual.ts.
 */
export interface GainPoints {
  readonly contexts: number;
  /** Number of points. */
  readonly count: number;
  /** g_i, count x K row-major, in the range of phi'. */
  readonly gains: Float64Array;
  /** Positive, summing to 1. */
  readonly weights: Float64Array;
}

/** Largest count * K of a point set (256 MB of gains): beyond it the estimator is refused. */
export const MAX_POINT_ENTRIES = 2 ** 25;

/**
 * A one-dimensional rule for E[f(v)], v ~ N(mu_v, sigma_v^2), as nodes in v.
 * Weights positive, summing to 1.
 */
export interface ContextRule {
  readonly values: Float64Array;
  readonly weights: Float64Array;
}

/** The n-point Gauss-Hermite rule mapped to v = mu_v + sigma_v z. */
export function gaussHermiteContextRule(problem: MaxentProblem, nodes: number): ContextRule {
  const rule = gaussHermite(nodes);
  const values = rule.nodes.map((z) => problem.contextMean + problem.contextStd * z);
  return { values, weights: rule.weights };
}

/**
 * The tensor product of a one-dimensional rule over the K contexts (the prior of
 * v is a product, model.md §4), with gains phi'(v). Throws InvalidInputError
 * naming `field` when the product has more than MAX_POINT_ENTRIES entries.
 */
export function tensorPoints(problem: MaxentProblem, rule: ContextRule, field: string): GainPoints {
  const K = problem.contexts;
  const m = rule.values.length;
  const count = m ** K;
  if (!(count * K <= MAX_POINT_ENTRIES)) {
    throw invalid(field, `must keep nodes^K * K at most ${MAX_POINT_ENTRIES} for K = ${K} (tensor rule of ${m}^${K} points)`, m);
  }
  const phi = nonlinearity(problem.nonlinearity);
  const gain1 = rule.values.map((v) => phi.derivative(v));
  const gains = new Float64Array(count * K);
  const weights = new Float64Array(count);
  const digits = new Int32Array(K);
  for (let i = 0; i < count; i++) {
    let weight = 1;
    for (let k = 0; k < K; k++) {
      gains[i * K + k] = gain1[digits[k]];
      weight *= rule.weights[digits[k]];
    }
    weights[i] = weight;
    // Next multi-index, context 0 fastest.
    for (let k = 0; k < K; k++) {
      if (++digits[k] < m) break;
      digits[k] = 0;
    }
  }
  return { contexts: K, count, gains, weights };
}

/** Tensor Gauss-Hermite with n nodes per context (the `quadrature` estimator, model.md §7). */
export function gaussHermitePoints(problem: MaxentProblem, nodes: number): GainPoints {
  // A solve builds the n- and 2n-node rules once per stage and a sweep re-solves the same prior: keep a few.
  const key = JSON.stringify([problem.nonlinearity, problem.contextMean, problem.contextStd, problem.contexts, nodes]);
  return tensorMemo.valueOf(key, () => tensorPoints(problem, gaussHermiteContextRule(problem, nodes), 'estimator.nodes'));
}

/** Tensor rules already built (shared and never modified: every reader of GainPoints only reads). */
const TENSOR_MEMO_SIZE = 8;
const tensorMemo = createBoundedMemo<string, GainPoints>(TENSOR_MEMO_SIZE);

/**
 * M draws of v from p0(v), each with weight 1/M (the `montecarlo` estimator,
 * model.md §7). The stream is seeded from `seed` alone, so the draws, hence L
 * and its derivatives, are the same at every evaluation (common random numbers):
 * L is a smooth deterministic function and Newton applies unchanged.
 */
export function monteCarloPoints(problem: MaxentProblem, samples: number, seed: number | string): GainPoints {
  const K = problem.contexts;
  if (!(samples * K <= MAX_POINT_ENTRIES)) {
    throw invalid('estimator.samples', `must keep samples * K at most ${MAX_POINT_ENTRIES} for K = ${K}`, samples);
  }
  const phi = nonlinearity(problem.nonlinearity);
  const rng = createRng(deriveSeed(seed, 'solver', 'montecarlo'));
  const gains = new Float64Array(samples * K);
  for (let i = 0; i < samples * K; i++) gains[i] = phi.derivative(problem.contextMean + problem.contextStd * rng.normal());
  return { contexts: K, count: samples, gains, weights: new Float64Array(samples).fill(1 / samples) };
}
