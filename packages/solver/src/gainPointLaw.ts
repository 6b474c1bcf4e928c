import { invalid, type Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { checkLambdaShape } from './dual.js';
import { outputWeightEnergy, selectivityIndex } from './conditional.js';
import { requireInDomain } from './estimator.js';
import { createPointEstimator } from './pointEstimator.js';

/**
 * The law of the gains under p_lambda over an estimator's points (model.md §7):
 * point i is the gain vector g_i with probability pi_i = W_i (1 - q_i)^(-1/2) / Ztilde,
 * and, given g_i, (u, w) is the Gaussian of §5, whose output-weight energy and
 * selectivity are those of §6 at q_i. What clusters of gain vectors (e.g. k-means
 * in @maxent/experiments) need, without the solver knowing about clustering.
 */
export interface GainPointLaw {
  readonly contexts: number;
  readonly count: number;
  /** g_i, count x K row-major. */
  readonly gains: Float64Array;
  /** pi_i, summing to 1. */
  readonly probability: Float64Array;
  /** E[w^2 |u|^2 | g_i] (outputWeightEnergy). */
  readonly energy: Float64Array;
  /** chi(q_i) (selectivityIndex). */
  readonly selectivity: Float64Array;
}

/**
 * The gain law of the solution of `problem` (quadrature or Monte Carlo estimator)
 * at multipliers `lambda`. Throws InvalidInputError when lambda has the wrong
 * shape or lies outside the estimator's domain.
 */
export function gainPointLaw(problem: MaxentProblem, lambda: Mat): GainPointLaw {
  if (problem.estimator.kind === 'exact') {
    throw invalid('estimator.kind', 'must be quadrature or montecarlo: exact solutions have populations by gain pattern instead', 'exact');
  }
  checkLambdaShape(problem, lambda, 'lambda');
  const estimator = createPointEstimator(problem);
  requireInDomain(estimator.evaluate(lambda.data, 0), estimator.domain, 'lambda');
  const { points, q, weight } = estimator.workspace;
  const { count } = points;
  let partition = 0;
  for (let i = 0; i < count; i++) partition += weight[i];
  const probability = new Float64Array(count);
  const energy = new Float64Array(count);
  const selectivity = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    probability[i] = weight[i] / partition;
    energy[i] = outputWeightEnergy(q[i], problem.stimuli, problem.weightScale);
    selectivity[i] = selectivityIndex(q[i], problem.stimuli);
  }
  return { contexts: problem.contexts, count, gains: points.gains, probability, energy, selectivity };
}
