import { createRng, deriveSeed, InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import { problemFromConfig, type MaxentConfig, type MaxentProblem } from '@maxent/constraints';
import { networkPopulations, type NetworkPopulations } from '@maxent/analysis';
import { solve, UnattainableTaskError, type MaxentSolution } from '@maxent/solver';
import type { Network } from '@maxent/constraints';
import { evaluateNetwork, train, trainingProblemFromConfig, type TrainingHyperparameters, type TrainingResult } from '@maxent/trainer';

/**
 * The stages of one point of a study, each a pure function of its inputs and
 * seed (model.md §6, §9, §10): solve the max-ent problem of a config, train a
 * network on its task, evaluate the network on fresh stimuli, find its
 * populations. runPoint.ts strings them together into a sweep row; the
 * comparison with the solution is comparison.ts.
 */

/** Trials per context when a trained network is evaluated (model.md §9). */
export const EVALUATION_TRIALS = 500;

export interface SolvedPoint {
  readonly problem: MaxentProblem;
  /** The solver's result; null when it had no answer (see `error`). */
  readonly solution: MaxentSolution | null;
  /** Why there is no usable solution (no answer, or not converged); null when converged. */
  readonly error: string | null;
  /**
   * Continuous gains out of reach at this weight scale (model.md §5, Attainability):
   * the smallest attainable weight scale; null otherwise.
   */
  readonly smallestWeightScale: number | null;
}

/**
 * The max-ent solution of a validated config. A problem without an answer
 * (infeasible task, no convergence, a nonlinearity this solver version cannot
 * handle) is reported in `error`, not thrown: one bad corner of a grid should
 * not sink a sweep.
 */
export function solvePoint(config: MaxentConfig, signal?: AbortSignal): SolvedPoint {
  const problem = problemFromConfig(config);
  try {
    const solution = solve(problem, signal === undefined ? {} : { signal });
    return { problem, solution, error: solution.converged ? null : solution.message, smallestWeightScale: null };
  } catch (error) {
    // Configs are validated before a sweep starts, so an invalid-input error here
    // means this solver version cannot solve the point (e.g. tanh needs the
    // quadrature estimator of model.md §7): an answer-level error, like an infeasible task.
    if (!(error instanceof ProblemHasNoAnswerError || error instanceof InvalidInputError)) throw error;
    const smallestWeightScale = error instanceof UnattainableTaskError ? error.smallestWeightScale : null;
    return { problem, solution: null, error: error.message, smallestWeightScale };
  }
}

/** Gradient-descent training on the config's task (model.md §10); the seed is in `training`. */
export function trainPoint(config: MaxentConfig, training: TrainingHyperparameters, signal?: AbortSignal): TrainingResult {
  return train({ ...trainingProblemFromConfig(config), ...training }, signal === undefined ? {} : { signal });
}

/** R^2 of the real network on fresh stimuli (model.md §9), from the point's seed. */
export function evaluatePoint(network: Network, config: MaxentConfig, seed: string): number {
  const rng = createRng(deriveSeed(seed, 'evaluate'));
  return evaluateNetwork(network, { trials: EVALUATION_TRIALS, stimulusStd: config.stimulusStd, rng }).r2;
}

/** The network's populations and §6 summary under the config's context prior (model.md §10). */
export function analysePoint(network: Network, config: MaxentConfig, seed: string): NetworkPopulations {
  return networkPopulations(network, { contextMean: config.context.mean, contextStd: config.context.std, seed: deriveSeed(seed, 'populations') });
}
