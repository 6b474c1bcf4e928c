import { invalid, resolveOptions, type MatchPart, type Progress } from '@maxent/core';
import type { PopulationShare } from '@maxent/constraints';
import { pooledEnergyShareTvDistance, pooledSelectivityDifference, poolByPattern, type Pooled } from './comparison.js';
import { logGrid, plannedEvaluations, refineGridMinimum } from './logScaleSearch.js';

/**
 * The joint match of a network with the max-ent family over the weight scale
 * sigma (model.md §15):
 *
 *     mismatch(sigma) = TV(sigma) + S(sigma)
 *
 * TV is the total-variation distance between the energy-share distributions over
 * gain patterns, S the energy-weighted mean |chi_network - chi_solution| over the
 * patterns on both sides (both in [0, 1]; S counts as 1, its largest value, where
 * no pattern is on both sides). Each of the three objectives (joint, TV alone, S
 * alone) is minimised on one shared log grid over [lower, upper], then by its own
 * golden section; a minimiser whose grid point is an end of the range is flagged
 * with its side, since the family's optimum may lie beyond it (§15: the small end is
 * the sigma -> 0 limit, fully structured selectivity; the large end the random one).
 * The solver is injected as `solutionAt` (null where it has no answer: no match
 * there), so this package does not depend on it.
 */
export type { MatchPart };

export const MATCH_PARTS: readonly MatchPart[] = Object.freeze(['joint', 'energy', 'selectivity']);

export interface JointMatchOptions {
  /** Smallest sigma tried; default 1/64. */
  readonly lower?: number;
  /** Largest sigma tried; default 64. */
  readonly upper?: number;
  /** Log-spaced grid points over [lower, upper]; default 25 (steps of sqrt 2 on the default range). */
  readonly gridPoints?: number;
  /** Relative width of the final bracket on sigma; default 1e-3. */
  readonly tolerance?: number;
  /** Which part's minimiser is reported as `match`; default joint. */
  readonly by?: MatchPart;
  readonly signal?: AbortSignal;
  /** Called after every solve: `done` of at most `total`. */
  readonly onProgress?: (progress: Progress) => void;
}

export const DEFAULT_JOINT_MATCH: Readonly<Required<Omit<JointMatchOptions, 'signal' | 'onProgress'>>> = Object.freeze({
  lower: 1 / 64,
  upper: 64,
  gridPoints: 25,
  tolerance: 1e-3,
  by: 'joint',
});

/** The two parts of the mismatch at one sigma; Infinity where the solver had no answer. */
export interface MismatchPoint {
  readonly weightScale: number;
  readonly mismatch: number;
  readonly tvDistance: number;
  readonly selectivityDifference: number;
}

export interface PartMatch extends MismatchPoint {
  /** The objective minimised. */
  readonly by: MatchPart;
  /** The best grid point was an end of the range: the optimum may lie outside it. */
  readonly atRangeEnd: boolean;
  /** Which end, or null. */
  readonly rangeEnd: 'lower' | 'upper' | null;
}

export interface JointMatch {
  /** The minimiser of the part chosen by `by`. */
  readonly match: PartMatch;
  readonly joint: PartMatch;
  readonly energy: PartMatch;
  readonly selectivity: PartMatch;
  /** Every sigma evaluated (grid and golden-section points), ascending: the mismatch curve. */
  readonly curve: MismatchPoint[];
}

const PART_VALUE: Readonly<Record<MatchPart, (point: MismatchPoint) => number>> = {
  joint: (point) => point.mismatch,
  energy: (point) => point.tvDistance,
  selectivity: (point) => point.selectivityDifference,
};

export function jointWeightScaleMatch(
  network: readonly PopulationShare[],
  solutionAt: (weightScale: number) => readonly PopulationShare[] | null,
  options: JointMatchOptions = {},
): JointMatch {
  const settings = resolveOptions(DEFAULT_JOINT_MATCH, options);
  if (!(settings.lower > 0 && Number.isFinite(settings.lower))) throw invalid('lower', 'must be a positive finite number', settings.lower);
  if (!(settings.upper > settings.lower && Number.isFinite(settings.upper))) {
    throw invalid('upper', `must be a finite number > lower (${settings.lower})`, settings.upper);
  }
  if (!(Number.isInteger(settings.gridPoints) && settings.gridPoints >= 3)) throw invalid('gridPoints', 'must be an integer >= 3', settings.gridPoints);
  if (!(settings.tolerance > 0)) throw invalid('tolerance', 'must be a positive number', settings.tolerance);
  if (!MATCH_PARTS.includes(settings.by)) throw invalid('by', `must be one of ${MATCH_PARTS.join(', ')}`, settings.by);

  const low = Math.log(settings.lower);
  const high = Math.log(settings.upper);
  const width = Math.log1p(settings.tolerance);
  const refinements = plannedEvaluations(settings.gridPoints, (high - low) / (settings.gridPoints - 1), width) - settings.gridPoints;
  const planned = settings.gridPoints + MATCH_PARTS.length * refinements;

  // The network side is the same at every sigma: pool it once. Points are memoised
  // by log sigma, so a sigma two searches share is solved once.
  const pooledNetwork = poolByPattern(network);
  const points = new Map<number, MismatchPoint>();
  const evaluate = (log: number): MismatchPoint => {
    const known = points.get(log);
    if (known !== undefined) return known;
    settings.signal?.throwIfAborted();
    const weightScale = Math.exp(log);
    const solution = solutionAt(weightScale);
    const point = solution === null ? noAnswer(weightScale) : mismatchAgainst(pooledNetwork, poolByPattern(solution), weightScale);
    points.set(log, point);
    settings.onProgress?.({ done: points.size, total: Math.max(planned, points.size) });
    return point;
  };

  const grid = logGrid(low, high, settings.gridPoints);
  const gridPoints = grid.map(evaluate);
  const search = (by: MatchPart): PartMatch => {
    const value = PART_VALUE[by];
    const best = refineGridMinimum(grid, gridPoints.map(value), (log) => value(evaluate(log)), width);
    const rangeEnd = best.gridIndex === 0 ? 'lower' : best.gridIndex === grid.length - 1 ? 'upper' : null;
    return { by, ...evaluate(best.log), atRangeEnd: rangeEnd !== null, rangeEnd };
  };
  const joint = search('joint');
  const energy = search('energy');
  const selectivity = search('selectivity');
  const parts = { joint, energy, selectivity };
  const curve = [...points.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
  return { match: parts[settings.by], ...parts, curve };
}

/** The two parts of the mismatch of a pooled network against a pooled solution (see {@link jointWeightScaleMatch}). */
export function mismatchAgainst(network: ReadonlyMap<string, Pooled>, solution: ReadonlyMap<string, Pooled>, weightScale: number): MismatchPoint {
  const tvDistance = pooledEnergyShareTvDistance(network, solution);
  const difference = pooledSelectivityDifference(network, solution);
  const selectivityDifference = Number.isNaN(difference) ? 1 : difference;
  return { weightScale, mismatch: tvDistance + selectivityDifference, tvDistance, selectivityDifference };
}

function noAnswer(weightScale: number): MismatchPoint {
  return { weightScale, mismatch: Infinity, tvDistance: Infinity, selectivityDifference: Infinity };
}
