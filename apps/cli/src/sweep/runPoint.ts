import { createRng, deriveSeed, InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import { activeProbability, nonlinearity, problemFromConfig, summarizePopulations, type MaxentConfig, type MaxentProblem } from '@maxent/constraints';
import { bestMatchingWeightScale, compareWithSolution, networkPopulations } from '@maxent/analysis';
import { populationShares, sharesAlongWeightScale, solve } from '@maxent/solver';
import { evaluateNetwork, train, trainingProblemFromConfig } from '@maxent/trainer';
import type { SweepPoint } from './spec.js';

/** One row of a sweep's result: flat scalars, so the CSV beside the JSON is one line per point. */
export type SweepRow = Record<string, number | string | boolean | null>;

/** Trials per context when a trained network is evaluated (model.md §9). */
const EVALUATION_TRIALS = 500;

/**
 * Runs one point: the max-ent solution of its config, and for a trained point
 * also training, evaluation, populations and the comparison with the solution.
 * A pure function of the point (its seed included), so the row does not depend on
 * which thread ran it. A problem without an answer (infeasible task, no
 * convergence, a nonlinearity the solver cannot handle yet) is recorded in the
 * row's `error`, not thrown: one bad corner of a grid should not sink the sweep,
 * and trained points still run (without the comparison).
 */
export function runSweepPoint(point: SweepPoint, signal?: AbortSignal): SweepRow {
  const problem = problemFromConfig(point.config);
  const row: SweepRow = { index: point.index, grid: point.grid, mode: point.mode, ...describeConfig(point.config, problem) };
  row.initScale = point.initScale;
  row.seed = point.mode === 'trained' ? point.seed : null;
  let solution;
  try {
    solution = solve(problem, signal === undefined ? {} : { signal });
  } catch (error) {
    // Configs were validated before the sweep started, so an invalid-input error
    // here means this solver version cannot solve the point (e.g. tanh needs the
    // quadrature estimator of model.md §7): a row-level error, like an infeasible task.
    if (!(error instanceof ProblemHasNoAnswerError || error instanceof InvalidInputError)) throw error;
    row.error = error.message;
  }
  if (solution !== undefined) {
    row.converged = solution.converged;
    if (!solution.converged) row.error = solution.message;
  }
  const solved = solution !== undefined && solution.converged;
  if (point.mode === 'maxent') {
    row.iterations = solution?.iterations ?? null;
    row.klFromPrior = solved ? solution!.klFromPrior : null;
    Object.assign(row, summaryColumns(solved ? solution!.summary : null));
    return row;
  }

  const training = point.training!;
  const result = train({ ...trainingProblemFromConfig(point.config), ...training }, signal === undefined ? {} : { signal });
  const network = result.network;
  row.neurons = training.neurons;
  row.steps = result.steps;
  row.stoppedBy = result.stoppedBy;
  row.finalLoss = result.finalLoss;
  row.relativeChange = result.relativeChange.all;
  const finite = result.stoppedBy !== 'diverged';
  row.r2 = finite
    ? evaluateNetwork(network, { trials: EVALUATION_TRIALS, stimulusStd: point.config.stimulusStd, rng: createRng(deriveSeed(point.seed, 'evaluate')) }).r2
    : null;
  const analysis = finite
    ? networkPopulations(network, { contextMean: point.config.context.mean, contextStd: point.config.context.std, seed: deriveSeed(point.seed, 'populations') })
    : null;
  Object.assign(row, summaryColumns(analysis?.summary ?? null));
  row.populations = analysis?.populations.length ?? null;
  // Comparison with the solution at the same config: binary gains only (model.md §6).
  const comparable = solved && analysis !== null && nonlinearity(point.config.nonlinearity).binaryGains;
  if (comparable) {
    const shares = populationShares(problem, solution!.lambda);
    const comparison = compareWithSolution(analysis.populations, shares);
    const solutionSummary = summarizePopulations(shares, problem.contexts, problem.stimuli, activeProbability(problem));
    row.solutionSpecialization = solutionSummary.specialization;
    row.solutionSelectivity = solutionSummary.selectivity;
    row.tvDistance = comparison.tvDistance;
    row.meanAbsSelectivityDifference = Number.isNaN(comparison.meanAbsSelectivityDifference) ? null : comparison.meanAbsSelectivityDifference;
    if (point.matchWeightScale) {
      const match = bestMatchingWeightScale(analysis.populations, sharesAlongWeightScale(problem), signal === undefined ? {} : { signal });
      const found = Number.isFinite(match.tvDistance);
      row.bestWeightScale = found ? match.weightScale : null;
      row.bestWeightScaleTvDistance = found ? match.tvDistance : null;
      row.bestWeightScaleAtBoundary = found ? match.atBoundary : null;
    }
  }
  return row;
}

function describeConfig(config: MaxentConfig, problem: MaxentProblem): SweepRow {
  const task = config.task;
  return {
    task: 'matrix' in task ? 'matrix' : task.name,
    contexts: problem.contexts,
    stimuli: problem.stimuli,
    nonlinearity: config.nonlinearity,
    weightScale: config.weightScale,
    stimulusStd: config.stimulusStd,
    contextMean: config.context.mean,
    contextStd: config.context.std,
    estimator: config.estimator.kind,
  };
}

function summaryColumns(summary: { specialization: number; specializationPrior: number; selectivity: number; selectivityNormalized: number | null } | null): SweepRow {
  return {
    specialization: summary?.specialization ?? null,
    specializationPrior: summary?.specializationPrior ?? null,
    selectivity: summary?.selectivity ?? null,
    selectivityNormalized: summary?.selectivityNormalized ?? null,
  };
}
