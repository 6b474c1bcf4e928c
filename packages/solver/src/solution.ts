import { cloneMat, maxAbs, zeros, type Mat } from '@maxent/core';
import type { MaxentProblem, PopulationSummary } from '@maxent/constraints';
import { checkLambdaShape, createDualWorkspace, evaluateInDomain, type DualWorkspace } from './dual.js';
import type { NewtonOutcome } from './continuation.js';
import { cappedRoundingFloor } from './estimator.js';
import { checkExactApplies, taskScale } from './exactEstimator.js';
import { newtonSteps } from './solveSteps.js';
import { checkProblem, DEFAULT_SOLVE_OPTIONS, resolveSolveOptions, type SolveOptions } from './options.js';
import { listPopulations, patternLawFromWorkspace, populationCount, summarizeLaw, type Population } from './populations.js';

/** The maximum-entropy solution (interfaces.md `maxent-solution`, model.md §4-§6). */
export interface MaxentSolution {
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
 * Solves the maximum-entropy problem exactly (model.md §4-§6): damped Newton on
 * the dual by enumeration of the 2^K gain patterns. Returns a solution whether or
 * not it converged (see `converged` and `message`); throws InvalidInputError for
 * bad input and ProblemHasNoAnswerError for an infeasible task or too many contexts.
 */
export function solve(problem: MaxentProblem, options: SolveOptions = {}): MaxentSolution {
  const resolved = resolveSolveOptions(options);
  const steps = newtonSteps(problem, resolved);
  let next = steps.next();
  while (!next.done) {
    resolved.onProgress?.(next.value);
    next = steps.next();
  }
  const workspace = createDualWorkspace(problem);
  const value = evaluateInDomain(workspace, next.value.lambda.data, 1, 'lambda');
  return buildSolution(workspace, value, next.value, resolved.populationLimit);
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
function buildSolution(workspace: DualWorkspace, value: number, outcome: NewtonOutcome, populationLimit: number): MaxentSolution {
  const { problem } = workspace;
  const law = patternLawFromWorkspace(workspace);
  const moments = zeros(problem.contexts, problem.stimuli);
  moments.data.set(workspace.moments);
  const populations = listPopulations(problem, outcome.lambda, law, populationLimit);
  return {
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
