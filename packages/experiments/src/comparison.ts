import type { Mat } from '@maxent/core';
import { activeProbability, summarizePopulations, type MaxentProblem, type PopulationShare, type PopulationSummary } from '@maxent/constraints';
import { bestMatchingWeightScale, compareWithSolution, type SolutionComparison } from '@maxent/analysis';
import { activeGainProbability, sharesAlongWeightScale } from '@maxent/solver';
import { solutionShares } from './solutionShares.js';

/** A max-ent solution as far as a comparison needs it: the problem and its multipliers. */
export interface SolutionForComparison {
  readonly problem: MaxentProblem;
  readonly lambda: Mat;
}

/** One evaluation of the weight-scale search; `tvDistance` null where the solver had no answer (JSON has no Infinity). */
export interface WeightScaleTrial {
  readonly weightScale: number;
  readonly tvDistance: number | null;
}

/** The best-matching weight scale sigma* = argmin D(network, solution(sigma)) (model.md §10), in JSON-safe form. */
export interface BestWeightScale {
  readonly weightScale: number;
  readonly tvDistance: number;
  /** The best grid point was an end of the searched range: the optimum may lie outside it. */
  readonly atBoundary: boolean;
  readonly evaluations: WeightScaleTrial[];
}

/**
 * A network's populations against a max-ent solution for the same task
 * (model.md §6, §10): the per-pattern comparison of @maxent/analysis, the
 * solution's §6 summary computed from the same shares by the same helper as the
 * network's, their differences, and optionally the best-matching weight scale.
 */
export interface NetworkComparison extends SolutionComparison {
  /** sigma of the solution compared with. */
  readonly weightScale: number;
  readonly solutionSummary: PopulationSummary;
  /** network - solution, for the two §6 headline numbers. */
  readonly summaryDifference: { readonly specialization: number; readonly selectivity: number };
  /** Whether the weight-scale search ran. */
  readonly weightScaleSearched: boolean;
  /** Its result; null when it did not run, or when the solver had no answer anywhere in the range. */
  readonly bestWeightScale: BestWeightScale | null;
}

/** The network side: its populations and §6 summary, e.g. a `NetworkPopulations` of @maxent/analysis. */
export interface NetworkSide {
  readonly populations: readonly PopulationShare[];
  readonly summary: Pick<PopulationSummary, 'specialization' | 'selectivity'>;
}

export interface CompareOptions {
  /** Also search the best-matching weight scale (a few dozen solves); default false. */
  readonly weightScaleSearch?: boolean;
  readonly signal?: AbortSignal;
}

/**
 * Compares `network` (its populations and summary) with `solution`. The
 * solution's populations come in closed form from its gain patterns for binary
 * gains (model.md §6) and from clusters of its gain vectors for continuous ones
 * (§7, gainClusters.ts); both sides are matched by pattern.
 */
export function compareNetworkWithSolution(
  network: NetworkSide,
  solution: SolutionForComparison,
  options: CompareOptions = {},
): NetworkComparison {
  const { problem } = solution;
  const shares = solutionShares(problem, solution.lambda);
  const comparison = compareWithSolution(network.populations, shares);
  // rho of the §6 summary: P(v > 0) for binary gains, P(g > 1/2) for continuous ones (as the solution file's summary).
  const rho = problem.estimator.kind === 'exact' ? activeProbability(problem) : activeGainProbability(problem);
  const solutionSummary = summarizePopulations(shares, problem.contexts, problem.stimuli, rho);
  const searched = options.weightScaleSearch === true;
  return {
    weightScale: problem.weightScale,
    ...comparison,
    solutionSummary,
    summaryDifference: {
      specialization: network.summary.specialization - solutionSummary.specialization,
      selectivity: network.summary.selectivity - solutionSummary.selectivity,
    },
    weightScaleSearched: searched,
    bestWeightScale: searched ? searchWeightScale(network.populations, problem, options.signal) : null,
  };
}

/** The best-matching weight scale, or null when the solver had no answer anywhere in the range. */
function searchWeightScale(populations: readonly PopulationShare[], problem: MaxentProblem, signal: AbortSignal | undefined): BestWeightScale | null {
  const match = bestMatchingWeightScale(populations, sharesAlongWeightScale(problem, solutionShares), signal === undefined ? {} : { signal });
  if (!Number.isFinite(match.tvDistance)) return null;
  const evaluations = match.evaluations.map((evaluation) => ({
    weightScale: evaluation.weightScale,
    tvDistance: Number.isFinite(evaluation.tvDistance) ? evaluation.tvDistance : null,
  }));
  return { weightScale: match.weightScale, tvDistance: match.tvDistance, atBoundary: match.atBoundary, evaluations };
}

/**
 * The `comparison` section of an `analysis` result file (interfaces.md
 * `maxent analyze --solution`).
 */
export function comparisonToFile(comparison: NetworkComparison) {
  return {
    weightScale: comparison.weightScale,
    tvDistance: comparison.tvDistance,
    fractionTvDistance: comparison.fractionTvDistance,
    selectivityDifference: comparison.populations
      .filter((p) => p.selectivityDifference !== null)
      .map((p) => ({ pattern: p.pattern, network: p.selectivity.network, solution: p.selectivity.solution, difference: p.selectivityDifference })),
    meanAbsSelectivityDifference: comparison.meanAbsSelectivityDifference,
    summaryDifference: comparison.summaryDifference,
    solutionSummary: comparison.solutionSummary,
    populations: comparison.populations,
    bestWeightScale: comparison.bestWeightScale,
  };
}
