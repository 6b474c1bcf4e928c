import { zeros, type Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { solveWithPriorContinuation, type NewtonOutcome } from './continuation.js';
import { checkLambdaShape, createDualWorkspace } from './dual.js';
import { requireInDomain, type DualEstimator } from './estimator.js';
import { createExactEstimator, exactEstimatorOf } from './exactEstimator.js';
import { checkProblem, resolveSolveOptions, type ResolvedSolveOptions, type SolveOptions, type SolveStep } from './options.js';

/**
 * Damped Newton on the dual of model.md §4 with the estimator's Hessian, as a
 * generator: yields after every iteration and returns the outcome; `solve`
 * drains it. Throws InvalidInputError for bad input and ProblemHasNoAnswerError
 * for an infeasible task (structural test of model.md §5) or a K too large for
 * enumeration. A stalled residual ends the loop unconverged.
 */
export function solveSteps(problem: MaxentProblem, options: SolveOptions = {}): Generator<SolveStep, NewtonOutcome> {
  return newtonSteps(problem, resolveSolveOptions(options));
}

/** solveSteps with options already resolved (solve resolves them once and drains this). */
export function* newtonSteps(problem: MaxentProblem, resolved: ResolvedSolveOptions): Generator<SolveStep, NewtonOutcome> {
  checkProblem(problem);
  const estimator = createExactEstimator(problem);
  const lambda = startingPoint(problem, estimator, resolved.initialLambda);
  return yield* solveWithPriorContinuation(
    problem,
    estimator,
    (stageProblem) => exactEstimatorOf(createDualWorkspace(stageProblem), estimator.relations),
    lambda,
    resolved,
  );
}

/** initialLambda (checked for shape and domain) or zeros. */
function startingPoint(problem: MaxentProblem, estimator: DualEstimator, initialLambda: Mat | undefined): Mat {
  const lambda = zeros(problem.contexts, problem.stimuli);
  if (initialLambda !== undefined) {
    checkLambdaShape(problem, initialLambda, 'initialLambda');
    lambda.data.set(initialLambda.data);
  }
  requireInDomain(estimator.evaluate(lambda.data, 0), estimator.domain, 'initialLambda');
  return lambda;
}
