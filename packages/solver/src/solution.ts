import { cloneMat, invalid, maxAbs, zeros, type Mat } from '@maxent/core';
import type { MaxentProblem, PopulationSummary } from '@maxent/constraints';
import { checkLambdaShape, createDualWorkspace, evaluateInDomain, type DualWorkspace } from './dual.js';
import type { NewtonOutcome } from './continuation.js';
import { cappedRoundingFloor, requireInDomain } from './estimator.js';
import { continuousObservables, type EstimatorCheck, type GainDistribution } from './continuousSolution.js';
import { maxQOnGainBoxVertices, type GainBoxVertexQ } from './gainBox.js';
import { createPointEstimator, type PointEstimator, type PointEstimatorKind } from './pointEstimator.js';
import { checkExactApplies, taskScale } from './exactEstimator.js';
import { solveRun } from './solveSteps.js';
import { checkProblem, DEFAULT_SOLVE_OPTIONS, resolveSolveOptions, type SolveOptions } from './options.js';
import { listPopulations, patternLawFromWorkspace, populationCount, summarizeLaw, type Population } from './populations.js';

/** What every solution holds, whatever the estimator (interfaces.md `maxent-solution`, model.md §4). */
export interface SolutionCore {
  readonly problem: MaxentProblem;
  /** lambda, K x P. */
  readonly lambda: Mat;
  /** E[f] at lambda, K x P. */
  readonly moments: Mat;
  /** max |moments - A|. */
  readonly maxResidual: number;
  readonly converged: boolean;
  /** Newton iterations taken (0 for a solution rebuilt from multipliers). */
  readonly iterations: number;
  /** log Z(lambda) = log Ztilde. */
  readonly logPartition: number;
  /** KL(p_lambda || p0) = <lambda, A> - log Z, nats. */
  readonly klFromPrior: number;
  /** How the solve ended, in words. */
  readonly message: string;
}

/** The exact solution (binary or constant gains, model.md §6): populations by gain pattern. */
export interface ExactSolution extends SolutionCore {
  readonly estimator: 'exact';
  /** Populations with prior mass, largest energy share first; see populationsListed. */
  readonly populations: Population[];
  /** Number of populations listed. */
  readonly populationsListed: number;
  /** Number of populations with prior mass (2^K for relu). */
  readonly populationsTotal: number;
  /** Summary observables of model.md §6, over all populations. */
  readonly summary: PopulationSummary;
}

/**
 * A solution over gain points (quadrature or Monte Carlo, model.md §7): the gain
 * patterns cannot be enumerated, so the law of the gains replaces populations.
 */
export interface ContinuousSolution extends SolutionCore {
  readonly estimator: PointEstimatorKind;
  /** Summary observables of model.md §6 with "active in context k" read as g_k > 1/2, over the estimator's points. */
  readonly summary: PopulationSummary;
  readonly gains: GainDistribution;
  /** quadrature: change between n and 2n nodes; montecarlo: standard errors of the moments. */
  readonly estimatorCheck: EstimatorCheck;
  /** max over the vertices of the gain box of q at lambda (< 1: lambda is admissible, model.md §5). */
  readonly maxQOnGainBoxVertices: number;
  /** The vertex attaining it. */
  readonly maxQVertex: number[];
}

/**
 * The maximum-entropy solution (interfaces.md `maxent-solution`), by estimator:
 * narrow on `estimator` ('exact' has populations, the others the gain law).
 */
export type MaxentSolution = ExactSolution | ContinuousSolution;

/**
 * Solves the maximum-entropy problem (model.md §4-§7): damped Newton on the dual
 * with the config's estimator, exact enumeration of the 2^K gain patterns
 * (relu, linear) or an expectation over gain points (quadrature, Monte Carlo).
 * Returns a solution whether or not it converged (see `converged` and
 * `message`); throws InvalidInputError for bad input and ProblemHasNoAnswerError
 * for an infeasible task, too many contexts, or a task out of reach at this
 * weight scale (UnattainableTaskError).
 */
export function solve(problem: MaxentProblem, options: SolveOptions = {}): MaxentSolution {
  const resolved = resolveSolveOptions(options);
  const steps = solveRun(problem, resolved);
  let next = steps.next();
  while (!next.done) {
    resolved.onProgress?.(next.value);
    next = steps.next();
  }
  const run = next.value;
  if (run.kind !== 'exact') return buildContinuousSolution(run.estimator, run.outcome, run.vertex);
  const workspace = createDualWorkspace(problem);
  const value = evaluateInDomain(workspace, run.outcome.lambda.data, 1, 'lambda');
  return buildSolution(workspace, value, run.outcome, resolved.populationLimit);
}

export interface SolutionFromLambdaOptions {
  /**
   * `converged` is maxResidual <= tolerance * max(1, max |A|) (or below the rounding
   * floor of the moments). Default: the solver's tolerance times 100.
   */
  readonly tolerance?: number;
  /** As in SolveOptions. */
  readonly populationLimit?: number;
}

/**
 * Rebuilds a solution from its multipliers: a solution file is fully determined
 * by its config and lambda (interfaces.md). Throws InvalidInputError if lambda has
 * the wrong shape or lies outside the domain.
 */
export function solutionFromLambda(problem: MaxentProblem, lambda: Mat, options: SolutionFromLambdaOptions = {}): MaxentSolution {
  checkProblem(problem);
  if (problem.estimator.kind !== 'exact') return continuousFromLambda(problem, lambda, options);
  checkExactApplies(problem);
  checkLambdaShape(problem, lambda, 'lambda');
  const tolerance = options.tolerance ?? 100 * DEFAULT_SOLVE_OPTIONS.tolerance;
  const workspace = createDualWorkspace(problem);
  const value = evaluateInDomain(workspace, lambda.data, 1, 'lambda');
  const residual = maxAbs(workspace.gradient);
  // As in solveSteps: relative to the task's scale, and never below the rounding floor (with a margin).
  const scale = taskScale(problem);
  const threshold = Math.max(tolerance * scale, cappedRoundingFloor(workspace.momentScale, scale, 4));
  const converged = residual <= threshold;
  const message = converged
    ? `rebuilt from multipliers (max residual ${residual.toExponential(2)})`
    : `rebuilt from multipliers that do not solve the task (max residual ${residual.toExponential(2)} > ${threshold.toExponential(2)})`;
  return buildSolution(
    workspace,
    value,
    { lambda: cloneMat(lambda), converged, iterations: 0, maxResidual: residual, message },
    options.populationLimit ?? DEFAULT_SOLVE_OPTIONS.populationLimit,
  );
}

/** The solution at outcome.lambda, where `workspace` was just evaluated (level >= 1) with value `value`. */
function buildSolution(workspace: DualWorkspace, value: number, outcome: NewtonOutcome, populationLimit: number): ExactSolution {
  const { problem } = workspace;
  const law = patternLawFromWorkspace(workspace);
  const moments = zeros(problem.contexts, problem.stimuli);
  moments.data.set(workspace.moments);
  const populations = listPopulations(problem, outcome.lambda, law, populationLimit);
  return {
    estimator: 'exact',
    problem,
    lambda: outcome.lambda,
    moments,
    maxResidual: maxAbs(workspace.gradient),
    converged: outcome.converged,
    iterations: outcome.iterations,
    logPartition: workspace.logPartition,
    // L = log Z - <lambda, A>, so KL = <lambda, A> - log Z = -L (model.md §4).
    klFromPrior: -value,
    message: outcome.message,
    populations,
    populationsListed: populations.length,
    populationsTotal: populationCount(law),
    summary: summarizeLaw(law, workspace.patterns.rho),
  };
}

/** solutionFromLambda for the estimators over gain points: lambda must be admissible (q < 1 at every vertex of the gain box). */
function continuousFromLambda(problem: MaxentProblem, lambda: Mat, options: SolutionFromLambdaOptions): ContinuousSolution {
  checkLambdaShape(problem, lambda, 'lambda');
  const vertex = maxQOnGainBoxVertices(problem, lambda.data);
  if (!(vertex.maxQ < 1)) {
    throw invalid(
      'lambda',
      'must be admissible: q < 1 at every vertex of the gain box (model.md §5 "Domain")',
      `multipliers with q = ${vertex.maxQ.toPrecision(3)} at (${vertex.vertex.join(', ')})`,
    );
  }
  const estimator = createPointEstimator(problem);
  requireInDomain(estimator.evaluate(lambda.data, 1), estimator.domain, 'lambda');
  const residual = maxAbs(estimator.workspace.gradient);
  const tolerance = options.tolerance ?? 100 * DEFAULT_SOLVE_OPTIONS.tolerance;
  const scale = taskScale(problem);
  const threshold = Math.max(tolerance * scale, cappedRoundingFloor(estimator.workspace.momentScale, scale, 4));
  const converged = residual <= threshold;
  const message = converged
    ? `rebuilt from multipliers (max residual ${residual.toExponential(2)})`
    : `rebuilt from multipliers that do not solve the task (max residual ${residual.toExponential(2)} > ${threshold.toExponential(2)})`;
  const outcome = { lambda: cloneMat(lambda), converged, iterations: 0, maxResidual: residual, message };
  return buildContinuousSolution(estimator, outcome, vertex);
}

/** The solution over gain points at outcome.lambda (admissible: vertex.maxQ < 1). */
function buildContinuousSolution(estimator: PointEstimator, outcome: NewtonOutcome, vertex: GainBoxVertexQ): ContinuousSolution {
  const { workspace } = estimator;
  const { problem } = workspace;
  // Level 2: the estimator check reuses the Hessian at lambda.
  const value = requireInDomain(estimator.evaluate(outcome.lambda.data, 2), estimator.domain, 'lambda');
  const moments = zeros(problem.contexts, problem.stimuli);
  moments.data.set(workspace.moments);
  const maxResidual = maxAbs(workspace.gradient);
  const logPartition = workspace.logPartition;
  const observables = continuousObservables(estimator, outcome.lambda.data);
  const kind = problem.estimator.kind;
  if (kind === 'exact') throw new Error('internal: the exact estimator has no gain points');
  return {
    estimator: kind,
    problem,
    lambda: outcome.lambda,
    moments,
    maxResidual,
    converged: outcome.converged,
    iterations: outcome.iterations,
    logPartition,
    // L = log Z - <lambda, A>, so KL = <lambda, A> - log Z = -L (model.md §4).
    klFromPrior: -value,
    message: outcome.message,
    summary: observables.summary,
    gains: observables.gains,
    estimatorCheck: observables.estimatorCheck,
    maxQOnGainBoxVertices: vertex.maxQ,
    maxQVertex: vertex.vertex,
  };
}
