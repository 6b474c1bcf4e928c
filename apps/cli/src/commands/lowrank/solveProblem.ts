import { createRng, DEFAULT_SEED, InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import {
  checkLowRankProblem,
  DEFAULT_LOADING_SAMPLES,
  empiricalPoints,
  monteCarloPoints,
  TRAPEZOID_DEFAULTS,
  trapezoidPoints,
  type LoadingPoints,
  type LowRankProblem,
  type Ridge,
} from '@maxent/constraints';
import { solveConditional, solveJoint, type LowRankMode, type LowRankSolution } from '@maxent/solver';
import type { CliIO } from '../../context.js';
import { readResultFile } from '../../io.js';
import { fromRowsOf, readNetworkFile } from './files.js';

/** What fixes a low-rank solve (the `config` of a lowrank-solution file): re-running it gives the same solution. */
export interface LowRankSolveConfig {
  readonly constraints: string;
  readonly mode: LowRankMode;
  readonly loadings: string | null;
  readonly priorMStd: number;
  readonly priorNStd: number;
  readonly ridge: Ridge;
  /** Trapezoid nodes per dimension (R <= 2), or null for Monte Carlo. */
  readonly nodes: number | null;
  readonly extent: number;
  /** Monte Carlo draws (R >= 3). */
  readonly samples: number;
  readonly seed: number;
}

export function defaultNodes(rank: number): { nodes: number | null; extent: number } {
  return rank === 1 || rank === 2 ? { nodes: TRAPEZOID_DEFAULTS[rank].nodes, extent: TRAPEZOID_DEFAULTS[rank].extent } : { nodes: null, extent: 0 };
}

export { DEFAULT_LOADING_SAMPLES };

/** The problem of a lowrank-constraints file under a solve config. */
export function problemOf(io: CliIO, config: LowRankSolveConfig): LowRankProblem {
  const data = readResultFile(io, config.constraints, '--constraints', 'lowrank-constraints');
  const rank = data.rank;
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1) throw new InvalidInputError('--constraints', `invalid \`--constraints\`: ${config.constraints} has no valid \`rank\``);
  return checkLowRankProblem({
    rank,
    nonlinearity: data.nonlinearity === 'relu' ? 'relu' : 'tanh',
    points: fromRowsOf(data.points, rank, '--constraints (points)'),
    targets: fromRowsOf(data.G, rank, '--constraints (G)'),
    priorMStd: config.priorMStd,
    priorNStd: config.priorNStd,
    ridge: config.ridge,
  });
}

export function loadingPointsOf(io: CliIO, config: LowRankSolveConfig, rank: number, nodes: number | null = config.nodes): LoadingPoints {
  if (config.mode === 'conditional' && config.loadings !== null) {
    const { network } = readNetworkFile(io, config.loadings, '--loadings');
    if (network.rank !== rank) throw new InvalidInputError('--loadings', `invalid \`--loadings\`: rank ${network.rank} does not match the constraints' rank ${rank}`);
    return empiricalPoints(rank, network.m);
  }
  if (nodes !== null) return trapezoidPoints(rank, config.priorMStd, nodes, config.extent);
  return monteCarloPoints(rank, config.priorMStd, config.samples, createRng(config.seed ?? DEFAULT_SEED));
}

/** Solves; a joint solve that does not converge is exit 3 with Newton's message. */
export function runSolve(problem: LowRankProblem, loadings: LoadingPoints, mode: LowRankMode): LowRankSolution {
  const solution = mode === 'conditional' ? solveConditional(problem, loadings) : solveJoint(problem, loadings);
  if (!solution.converged) throw new ProblemHasNoAnswerError(`the joint solve ${solution.message}`, 'not-converged');
  return solution;
}
