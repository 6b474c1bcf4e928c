import type { CurvePoint, Mat, MatchSection } from '@maxent/core';
import { activeProbability, summarizePopulations, type MaxentProblem, type PopulationShare, type PopulationSummary } from '@maxent/constraints';
import {
  bestMatchingWeightScale,
  compareWithSolution,
  jointWeightScaleMatch,
  type JointMatch,
  type MatchPart,
  type MismatchPoint,
  type PartMatch,
  type SolutionComparison,
} from '@maxent/analysis';
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
  /** The joint match of model.md §15 (run with the weight-scale search); null when it did not run or found no solution. */
  readonly jointMatch: JointMatchSection | null;
}

export type { CurvePoint, MatchSection };

export interface JointMatchSection {
  /** The minimiser of the part chosen with `match` (default joint), called the best match. */
  readonly match: MatchSection;
  readonly matchJoint: MatchSection;
  readonly matchEnergy: MatchSection;
  readonly matchSelectivity: MatchSection;
  readonly curve: CurvePoint[];
}

/** The network side: its populations and §6 summary, e.g. a `NetworkPopulations` of @maxent/analysis. */
export interface NetworkSide {
  readonly populations: readonly PopulationShare[];
  readonly summary: Pick<PopulationSummary, 'specialization' | 'selectivity'>;
}

export interface CompareOptions {
  /** Also search the best-matching weight scale and the joint match of model.md §15 (about a hundred warm-started solves); default false. */
  readonly weightScaleSearch?: boolean;
  /** Which minimiser of the joint match is the best match (`match`); default joint. */
  readonly match?: MatchPart;
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
  const searches = searched ? searchWeightScales(network.populations, problem, options) : null;
  return {
    weightScale: problem.weightScale,
    ...comparison,
    solutionSummary,
    summaryDifference: {
      specialization: network.summary.specialization - solutionSummary.specialization,
      selectivity: network.summary.selectivity - solutionSummary.selectivity,
    },
    weightScaleSearched: searched,
    bestWeightScale: searches?.bestWeightScale ?? null,
    jointMatch: searches?.jointMatch ?? null,
  };
}

/**
 * The joint match (model.md §15, range 1/64..64) and the energy-only search of
 * §10 (range 1/16..16, kept for the `bestWeightScale` fields), over one solver
 * path: shares are memoised by sigma (to 12 digits), so the second search reuses
 * the first one's grid.
 */
function searchWeightScales(populations: readonly PopulationShare[], problem: MaxentProblem, options: CompareOptions) {
  const along = sharesAlongWeightScale(problem, solutionShares);
  const memo = new Map<string, PopulationShare[] | null>();
  const sharesAt = (weightScale: number) => {
    const key = weightScale.toPrecision(12);
    if (!memo.has(key)) memo.set(key, along(weightScale));
    return memo.get(key)!;
  };
  const signal = options.signal === undefined ? {} : { signal: options.signal };
  const joint = jointWeightScaleMatch(populations, sharesAt, { ...signal, by: options.match });
  return { jointMatch: jointMatchSection(joint), bestWeightScale: searchWeightScale(populations, sharesAt, signal) };
}

function jointMatchSection(joint: JointMatch): JointMatchSection | null {
  if (!Number.isFinite(joint.joint.mismatch)) return null;
  const part = (match: PartMatch): MatchSection => ({
    by: match.by,
    weightScale: match.weightScale,
    mismatch: match.mismatch,
    tvDistance: match.tvDistance,
    selectivityDifference: match.selectivityDifference,
    atRangeEnd: match.atRangeEnd,
    rangeEnd: match.rangeEnd,
  });
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const point = (p: MismatchPoint): CurvePoint => ({
    weightScale: p.weightScale,
    mismatch: finite(p.mismatch),
    tvDistance: finite(p.tvDistance),
    selectivityDifference: finite(p.selectivityDifference),
  });
  return { match: part(joint.match), matchJoint: part(joint.joint), matchEnergy: part(joint.energy), matchSelectivity: part(joint.selectivity), curve: joint.curve.map(point) };
}

/** The best-matching weight scale on energy shares alone (model.md §10), or null when the solver had no answer anywhere in the range. */
function searchWeightScale(
  populations: readonly PopulationShare[],
  sharesAt: (weightScale: number) => PopulationShare[] | null,
  signal: { signal?: AbortSignal },
): BestWeightScale | null {
  const match = bestMatchingWeightScale(populations, sharesAt, signal);
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
    // model.md §15 (interfaces.md): the joint match, its parts alone and the mismatch curve.
    match: comparison.jointMatch?.match ?? null,
    matchJoint: comparison.jointMatch?.matchJoint ?? null,
    matchEnergy: comparison.jointMatch?.matchEnergy ?? null,
    matchSelectivity: comparison.jointMatch?.matchSelectivity ?? null,
    curve: comparison.jointMatch?.curve ?? null,
  };
}
