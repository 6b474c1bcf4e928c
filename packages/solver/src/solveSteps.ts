import { invalid, ProblemHasNoAnswerError, zeros, type Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { attainabilityThreshold, screenAttainability, threeDigits, unattainableError } from './attainability.js';
import { solveWithPriorContinuation, type NewtonOutcome } from './continuation.js';
import { checkLambdaShape, createDualWorkspace } from './dual.js';
import { requireInDomain, type DualEstimator } from './estimator.js';
import { createExactEstimator, exactEstimatorOf, type ExactEstimator } from './exactEstimator.js';
import { assertVerticesEnumerable, maxQOnGainBoxVertices, type GainBoxVertexQ } from './gainBox.js';
import type { GainPoints } from './gainPoints.js';
import { checkProblem, resolveSolveOptions, type ResolvedSolveOptions, type SolveOptions, type SolveStep } from './options.js';
import { createPointDualWorkspace } from './pointDual.js';
import { createPointEstimator, pointEstimatorOf, pointsOf, type PointEstimator, type PointEstimatorKind } from './pointEstimator.js';

/**
 * Damped Newton on the dual of model.md §4 with the estimator's Hessian, as a
 * generator: yields after every iteration and returns the outcome; `solve`
 * drains it. Throws InvalidInputError for bad input and ProblemHasNoAnswerError
 * for an infeasible task (structural test of model.md §5), a K too large for
 * enumeration, or, for continuous gains, a task out of reach at this weight scale
 * (UnattainableTaskError, model.md §7). A stalled residual ends the loop unconverged.
 */
export function solveSteps(problem: MaxentProblem, options: SolveOptions = {}): Generator<SolveStep, NewtonOutcome> {
  return newtonSteps(problem, resolveSolveOptions(options));
}

/** solveSteps with options already resolved. */
export function* newtonSteps(problem: MaxentProblem, resolved: ResolvedSolveOptions): Generator<SolveStep, NewtonOutcome> {
  return (yield* solveRun(problem, resolved)).outcome;
}

/** What a run of the solver ends with: the outcome and the estimator it ran (solution.ts builds the solution from it). */
export type SolveRun =
  | { readonly kind: 'exact'; readonly outcome: NewtonOutcome; readonly estimator: ExactEstimator }
  | {
      readonly kind: PointEstimatorKind;
      readonly outcome: NewtonOutcome;
      readonly estimator: PointEstimator;
      /** The domain check of model.md §5 at the answer: max q < 1 over the gain box's vertices. */
      readonly vertex: GainBoxVertexQ;
    };

/** The Newton loop of the problem's estimator (config `estimator.kind`), yielding every iteration. */
export function* solveRun(problem: MaxentProblem, resolved: ResolvedSolveOptions): Generator<SolveStep, SolveRun> {
  checkProblem(problem);
  const kind = problem.estimator.kind;
  switch (kind) {
    case 'exact': {
      const estimator = createExactEstimator(problem);
      const lambda = startingPoint(problem, estimator, resolved.initialLambda);
      const outcome = yield* solveWithPriorContinuation(
        problem,
        estimator,
        (stageProblem) => exactEstimatorOf(createDualWorkspace(stageProblem), estimator.relations),
        lambda,
        resolved,
      );
      return { kind, outcome, estimator };
    }
    case 'quadrature':
    case 'montecarlo': {
      // The domain check enumerates the gain box's vertices: refuse a K beyond it before any work.
      assertVerticesEnumerable(problem.contexts);
      const points = pointsOf(problem);
      const estimator = createPointEstimator(problem, points);
      const screened = screenAttainability(problem, points, estimatorName(problem));
      if (screened !== null) throw screened;
      const lambda = startingPoint(problem, estimator, resolved.initialLambda);
      const outcome = yield* solveWithPriorContinuation(
        problem,
        estimator,
        (stageProblem) => pointEstimatorOf(createPointDualWorkspace(stageProblem, pointsOf(stageProblem)), estimator.relations),
        lambda,
        resolved,
      );
      const vertex = maxQOnGainBoxVertices(problem, outcome.lambda.data);
      if (!(vertex.maxQ < 1)) throw outOfReach(problem, points, outcome, vertex);
      return { kind, outcome, estimator, vertex };
    }
  }
}

/** initialLambda (checked for shape and domain) or zeros. */
function startingPoint(problem: MaxentProblem, estimator: DualEstimator, initialLambda: Mat | undefined): Mat {
  const lambda = zeros(problem.contexts, problem.stimuli);
  if (initialLambda !== undefined) {
    checkLambdaShape(problem, initialLambda, 'initialLambda');
    lambda.data.set(initialLambda.data);
  }
  const value = estimator.evaluate(lambda.data, 0);
  if (initialLambda === undefined && !Number.isFinite(value)) {
    // lambda = 0 is the prior itself: outside the domain only when its scale overflows q(g) (model.md §5).
    throw invalid('weightScale', `is too large: the prior alone leaves ${estimator.domain} in double precision`, problem.weightScale);
  }
  requireInDomain(value, estimator.domain, 'initialLambda');
  return lambda;
}

/** The estimator in words, for messages. */
export function estimatorName(problem: MaxentProblem): string {
  const config = problem.estimator;
  switch (config.kind) {
    case 'exact':
      return 'exact estimator';
    case 'quadrature':
      return `quadrature with ${config.nodes} Gauss-Hermite nodes per context`;
    case 'montecarlo':
      return `Monte Carlo estimator with ${config.samples} draws`;
  }
}

/**
 * The answer lies on or beyond the edge of the admissible set (q >= 1 at a vertex
 * of the gain box, model.md §7 "Attainability"). Finds the smallest attainable
 * weight scale by bisection and returns UnattainableTaskError when the task is out
 * of reach at this one; otherwise the task is attainable but the estimator's
 * points do not resolve the vertices ('not-converged': more nodes or draws help).
 */
function outOfReach(problem: MaxentProblem, points: GainPoints, outcome: NewtonOutcome, vertex: GainBoxVertexQ): ProblemHasNoAnswerError {
  const name = estimatorName(problem);
  const threshold = attainabilityThreshold(problem, points, name);
  const upper = threshold.bracket[1];
  const where = `q = ${vertex.maxQ.toPrecision(4)} at the gain-box vertex (${vertex.vertex.join(', ')})`;
  const how = outcome.converged
    ? `the ${name} converges to multipliers beyond the edge of the domain (${where})`
    : `Newton stalls against the edge of the domain (${where}; ${outcome.message})`;
  const sigma = problem.weightScale;
  if (!threshold.attainable) return unattainableError(problem, threshold, how);
  const more = problem.estimator.kind === 'montecarlo' ? 'estimator.samples' : 'estimator.nodes';
  return new ProblemHasNoAnswerError(
    `the task is attainable at weightScale ${sigma} (from ${threeDigits(upper)} on, decided by ${threshold.rule}), but ${how}: ` +
      `its points do not resolve the gains near the vertices of the gain box (model.md §7 "Attainability"). Raise ${more}, or the weightScale`,
    'not-converged',
  );
}
