import { invalid, type Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';

/** One Newton iteration, as reported to `onProgress` and yielded by `solveSteps`. */
export interface SolveStep {
  /** 0 for the starting point, then one per accepted Newton step. */
  readonly iteration: number;
  /** L(lambda), the dual objective (model.md §4). */
  readonly value: number;
  /** max |E[f] - A| at this lambda. */
  readonly maxResidual: number;
  /** Step length accepted by the backtracking line search (1 = full Newton step; 0 at the start of a loop). */
  readonly stepSize: number;
  /**
   * Prior mean mu_v of the problem being solved: the config's, or an intermediate
   * value while the solver follows a continuation in mu_v (see README, Notes).
   */
  readonly contextMean: number;
}

export interface SolveOptions {
  /** Stop when max |E[f] - A| <= tolerance * max(1, max |A|). */
  readonly tolerance?: number;
  /** Largest number of Newton steps before giving up (converged = false). */
  readonly maxIterations?: number;
  /** Starting multipliers (K x P), e.g. a neighbouring solution in a sweep; must lie in the domain. Default: zeros. */
  readonly initialLambda?: Mat;
  /** How many populations the solution lists, largest energy share first (all when 2^K is at most this). */
  readonly populationLimit?: number;
  /** Called after every Newton iteration. */
  readonly onProgress?: (step: SolveStep) => void;
  /** Aborts the Newton loop between iterations (throws the signal's reason). */
  readonly signal?: AbortSignal;
}

export interface ResolvedSolveOptions {
  readonly tolerance: number;
  readonly maxIterations: number;
  readonly initialLambda: Mat | undefined;
  readonly populationLimit: number;
  readonly onProgress: ((step: SolveStep) => void) | undefined;
  readonly signal: AbortSignal | undefined;
}

/** Defaults, once. 1024 populations = every pattern up to K = 10 (interfaces.md). */
export const DEFAULT_SOLVE_OPTIONS = Object.freeze({
  tolerance: 1e-12,
  maxIterations: 500,
  populationLimit: 1024,
});

export function resolveSolveOptions(options: SolveOptions = {}): ResolvedSolveOptions {
  const tolerance = options.tolerance ?? DEFAULT_SOLVE_OPTIONS.tolerance;
  if (!(tolerance > 0) || !Number.isFinite(tolerance)) throw invalid('tolerance', 'must be a positive finite number', tolerance);
  const maxIterations = options.maxIterations ?? DEFAULT_SOLVE_OPTIONS.maxIterations;
  if (!Number.isInteger(maxIterations) || maxIterations < 0) {
    throw invalid('maxIterations', 'must be an integer >= 0', maxIterations);
  }
  const populationLimit = options.populationLimit ?? DEFAULT_SOLVE_OPTIONS.populationLimit;
  if (!(populationLimit >= 1) || !(Number.isInteger(populationLimit) || populationLimit === Infinity)) {
    throw invalid('populationLimit', 'must be an integer >= 1 or Infinity', populationLimit);
  }
  return {
    tolerance,
    maxIterations,
    initialLambda: options.initialLambda,
    populationLimit,
    onProgress: options.onProgress,
    signal: options.signal,
  };
}

/**
 * Checks the problem's shape and scalars, whatever the estimator: throws
 * InvalidInputError naming the field at fault.
 */
export function checkProblem(problem: MaxentProblem): void {
  const { contexts: K, stimuli: P, task } = problem;
  if (!Number.isInteger(K) || K < 1) throw invalid('task', 'must have at least one context (row)', K);
  if (!Number.isInteger(P) || P < 1) throw invalid('task', 'must have at least one stimulus (column)', P);
  if (task.rows !== K || task.cols !== P || task.data.length !== K * P) {
    throw invalid('task', `must be a ${K} x ${P} matrix`, `${task.rows} x ${task.cols}`);
  }
  for (let i = 0; i < task.data.length; i++) {
    if (!Number.isFinite(task.data[i])) throw invalid('task.matrix', 'must hold finite numbers', task.data[i]);
  }
  if (!(problem.weightScale > 0) || !Number.isFinite(problem.weightScale)) {
    throw invalid('weightScale', 'must be a positive finite number', problem.weightScale);
  }
  if (!(problem.contextStd > 0) || !Number.isFinite(problem.contextStd)) {
    throw invalid('context.std', 'must be a positive finite number', problem.contextStd);
  }
  if (!Number.isFinite(problem.contextMean)) throw invalid('context.mean', 'must be a finite number', problem.contextMean);
}
