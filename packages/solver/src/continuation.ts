import type { Mat } from '@maxent/core';
import { activeProbability, type MaxentProblem } from '@maxent/constraints';
import type { DualEstimator } from './estimator.js';
import { dampedNewton, type NewtonResult, type NewtonStep } from './newton.js';
import type { ResolvedSolveOptions, SolveStep } from './options.js';

/** What the Newton loop ends with (the generator's return value). */
export interface NewtonOutcome extends NewtonResult {
  readonly lambda: Mat;
}

/** Newton steps tried directly before switching to continuation in the prior mean. */
const DIRECT_BUDGET = 60;
/** Largest change of mu_v / sigma_v between continuation stages. */
const CONTINUATION_STEP = 0.25;

/**
 * Damped Newton on `problem` from `lambda` (updated in place), and if that fails
 * for a context prior far from the threshold, continuation in the prior mean: a
 * prior far from the threshold makes the task rest on rare gain patterns; Newton
 * from afar then runs into the walls q(g) = 1 of those patterns and crawls along
 * them. Moving the prior mean from 0 to its value in small stages, each
 * warm-started from the last solution, stays near the path of solutions instead
 * (the domain does not depend on the prior, model.md §5). `estimatorAt` gives the
 * estimator of an intermediate problem; `estimator` is the problem's own.
 */
export function* solveWithPriorContinuation(
  problem: MaxentProblem,
  estimator: DualEstimator,
  estimatorAt: (stageProblem: MaxentProblem) => DualEstimator,
  lambda: Mat,
  resolved: ResolvedSolveOptions,
): Generator<SolveStep, NewtonOutcome> {
  const stages = continuationStages(problem);
  const settings = (maxIterations: number) => ({ tolerance: resolved.tolerance, maxIterations, signal: resolved.signal });
  const directBudget = stages > 1 ? Math.min(resolved.maxIterations, DIRECT_BUDGET) : resolved.maxIterations;
  const direct = yield* atContextMean(dampedNewton(estimator, lambda.data, settings(directBudget), 0), problem.contextMean);
  if (direct.converged || stages <= 1) return { lambda, ...direct };

  lambda.data.fill(0);
  let iterations = direct.iterations;
  let last = direct;
  for (let stage = 1; stage <= stages; stage++) {
    const contextMean = (problem.contextMean * stage) / stages;
    const stageEstimator = stage === stages ? estimator : estimatorAt({ ...problem, contextMean });
    last = yield* atContextMean(dampedNewton(stageEstimator, lambda.data, settings(resolved.maxIterations), iterations), contextMean);
    iterations += last.iterations;
    if (!last.converged) {
      return {
        lambda,
        converged: false,
        iterations,
        maxResidual: last.maxResidual,
        message: `${last.message} (continuation in context.mean, stage ${stage} of ${stages}, mean ${contextMean})`,
      };
    }
  }
  return {
    lambda,
    converged: true,
    iterations,
    maxResidual: last.maxResidual,
    message:
      `${last.message.replace(/^converged in \d+ Newton iterations/, `converged in ${iterations} Newton iterations`)} ` +
      `(direct Newton failed; continuation in context.mean from 0 over ${stages} stages)`,
  };
}

/** Stages of the continuation in the prior mean: steps of at most 0.25 sigma_v; 1 = none (prior near the threshold, or gains not binary). */
function continuationStages(problem: MaxentProblem): number {
  if (problem.nonlinearity !== 'relu') return 1;
  const rho = activeProbability(problem);
  if (rho === 1 || rho === 0) return 1;
  const offset = Math.abs(problem.contextMean / problem.contextStd);
  return offset <= 1 ? 1 : Math.ceil(offset / CONTINUATION_STEP);
}

/** Newton's steps as the solver reports them: with the prior mean of the problem being solved. */
function* atContextMean(steps: Generator<NewtonStep, NewtonResult>, contextMean: number): Generator<SolveStep, NewtonResult> {
  let next = steps.next();
  while (!next.done) {
    yield { ...next.value, contextMean };
    next = steps.next();
  }
  return next.value;
}
