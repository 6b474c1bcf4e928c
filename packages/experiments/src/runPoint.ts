import { nonlinearity, type MaxentConfig, type MaxentProblem, type PopulationSummary } from '@maxent/constraints';
import { DEFAULT_JOINT_MATCH } from '@maxent/analysis';
import { compareNetworkWithSolution, type CurvePoint, type JointMatchSection, type NetworkComparison } from './comparison.js';
import { analysePoint, evaluatePoint, solvePoint, trainPoint } from './pipeline.js';
import type { SweepPoint } from './spec.js';

/** One row of a sweep's result: flat scalars, so the CSV beside the JSON is one line per point. */
export type SweepRow = Record<string, number | string | boolean | null>;

/**
 * Runs one point: the max-ent solution of its config, and for a trained point
 * also training, evaluation, populations and the comparison with the solution.
 * A pure function of the point (its seed included), so the row does not depend on
 * which thread, worker or machine ran it. A problem without an answer is recorded
 * in the row's `error`, not thrown, and trained points still run (without the
 * comparison).
 */
export function runSweepPoint(point: SweepPoint, signal?: AbortSignal): SweepRow {
  const { problem, solution, error, smallestWeightScale } = solvePoint(point.config, signal);
  const row: SweepRow = { index: point.index, grid: point.grid, mode: point.mode, ...describeConfig(point.config, problem) };
  row.initScale = point.initScale;
  row.seed = point.mode === 'trained' ? point.seed : null;
  if (solution !== null) row.converged = solution.converged;
  // Continuous gains only (so rows of exact solves keep their columns): whether the task
  // is within reach at this weight scale, and if not the smallest weight scale that is
  // (model.md §5, Attainability): an answer about the point, not an error.
  if (smallestWeightScale !== null) {
    row.attainable = false;
    row.smallestWeightScale = smallestWeightScale;
  } else if (point.config.estimator.kind !== 'exact') {
    // Unknown (null) when the solve failed for another reason, e.g. the estimator's points
    // resolve the domain too poorly (the error says so).
    row.attainable = solution !== null ? true : null;
  }
  if (error !== null && smallestWeightScale === null) row.error = error;
  const solved = solution !== null && solution.converged;
  if (point.mode === 'maxent') {
    row.iterations = solution?.iterations ?? null;
    row.klFromPrior = solved ? solution.klFromPrior : null;
    Object.assign(row, summaryColumns(solved ? solution.summary : null));
    return row;
  }

  const training = point.training!;
  const result = trainPoint(point.config, training, signal);
  const network = result.network;
  if (point.replicate !== undefined) row.replicate = point.replicate;
  row.neurons = training.neurons;
  row.weightDecay = training.weightDecay;
  row.steps = result.steps;
  row.stoppedBy = result.stoppedBy;
  row.finalLoss = result.finalLoss;
  row.relativeChange = result.relativeChange.all;
  const finite = result.stoppedBy !== 'diverged';
  row.r2 = finite ? evaluatePoint(network, point.config, point.seed) : null;
  const analysis = finite ? analysePoint(network, point.config, point.seed) : null;
  Object.assign(row, summaryColumns(analysis?.summary ?? null));
  row.populations = analysis?.populations.length ?? null;
  // Comparison with the solution at the same config: binary gains only (model.md §6).
  if (solved && analysis !== null && nonlinearity(point.config.nonlinearity).binaryGains) {
    const comparison = compareNetworkWithSolution(analysis, solution, {
      weightScaleSearch: point.matchWeightScale,
      ...(signal === undefined ? {} : { signal }),
    });
    Object.assign(row, comparisonColumns(comparison));
  }
  return row;
}

/** The comparison as row columns; the best-weight-scale columns only when the search ran (null when it found nothing). */
function comparisonColumns(comparison: NetworkComparison): SweepRow {
  const columns: SweepRow = {
    solutionSpecialization: comparison.solutionSummary.specialization,
    solutionSelectivity: comparison.solutionSummary.selectivity,
    tvDistance: comparison.tvDistance,
    meanAbsSelectivityDifference: Number.isNaN(comparison.meanAbsSelectivityDifference) ? null : comparison.meanAbsSelectivityDifference,
  };
  if (comparison.weightScaleSearched) {
    const best = comparison.bestWeightScale;
    columns.bestWeightScale = best?.weightScale ?? null;
    columns.bestWeightScaleTvDistance = best?.tvDistance ?? null;
    columns.bestWeightScaleAtBoundary = best?.atBoundary ?? null;
    Object.assign(columns, jointMatchColumns(comparison.jointMatch));
  }
  return columns;
}

/**
 * The joint match of model.md §15 as columns: the best match (`match...`, joint
 * unless chosen otherwise), the minimisers of each part alone, and the joint
 * mismatch on the search grid (`mismatch@sigma`, sigma to 4 digits), so a figure can
 * draw the curve from flat rows.
 */
function jointMatchColumns(joint: JointMatchSection | null): SweepRow {
  const columns: SweepRow = {
    matchBy: joint?.match.by ?? null,
    matchWeightScale: joint?.match.weightScale ?? null,
    matchMismatch: joint?.match.mismatch ?? null,
    matchTvDistance: joint?.match.tvDistance ?? null,
    matchSelectivityDifference: joint?.match.selectivityDifference ?? null,
    matchAtRangeEnd: joint?.match.atRangeEnd ?? null,
    matchRangeEnd: joint?.match.rangeEnd ?? null,
    energyMatchWeightScale: joint?.matchEnergy.weightScale ?? null,
    energyMatchTvDistance: joint?.matchEnergy.tvDistance ?? null,
    energyMatchAtRangeEnd: joint?.matchEnergy.atRangeEnd ?? null,
    selectivityMatchWeightScale: joint?.matchSelectivity.weightScale ?? null,
    selectivityMatchDifference: joint?.matchSelectivity.selectivityDifference ?? null,
    selectivityMatchAtRangeEnd: joint?.matchSelectivity.atRangeEnd ?? null,
  };
  for (const point of curveOnGrid(joint)) columns[`${CURVE_COLUMN_PREFIX}${Number(point.weightScale.toPrecision(4))}`] = point.mismatch;
  return columns;
}

/** Prefix of the columns holding the joint mismatch on the search grid. */
export const CURVE_COLUMN_PREFIX = 'mismatch@';

/** The curve's points on the default log grid of the joint match (the golden-section points differ from row to row). */
function curveOnGrid(joint: JointMatchSection | null): CurvePoint[] {
  if (joint === null) return [];
  const { lower, upper, gridPoints } = DEFAULT_JOINT_MATCH;
  const step = Math.log(upper / lower) / (gridPoints - 1);
  return joint.curve.filter((point) => {
    const position = Math.log(point.weightScale / lower) / step;
    return Math.abs(position - Math.round(position)) < 1e-9;
  });
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

function summaryColumns(summary: Pick<PopulationSummary, 'specialization' | 'specializationPrior' | 'selectivity' | 'selectivityNormalized'> | null): SweepRow {
  return {
    specialization: summary?.specialization ?? null,
    specializationPrior: summary?.specializationPrior ?? null,
    selectivity: summary?.selectivity ?? null,
    selectivityNormalized: summary?.selectivityNormalized ?? null,
  };
}
