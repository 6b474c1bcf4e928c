import { invalid, resolveOptions, type Progress } from '@maxent/core';
import type { PopulationShare } from '@maxent/constraints';
import { pooledEnergyShareTvDistance, poolByPattern } from './comparison.js';
import { logGrid, plannedEvaluations, refineGridMinimum } from './logScaleSearch.js';

/**
 * The weight scale sigma whose max-ent solution matches a network best (model.md §10).
 *
 * Objective: the total-variation distance between the network's and the
 * solution's energy-share distributions over gain patterns, D(sigma). It is the
 * comparison's headline number, has no free weights, and moves with sigma in the
 * way that matters here: small sigma concentrates the energy in few structured
 * patterns, large sigma spreads it towards the prior (§5 "Scaling": (A, sigma) is
 * the problem (A / sigma^2, 1)).
 *
 * Search: D on a log-spaced grid over [lower, upper] (D need not be unimodal over
 * the whole range), then golden-section search on log sigma between the grid
 * neighbours of the best grid point, until the bracket is narrower than
 * `tolerance` (relative, on sigma). The solver is injected as `solutionAt`, so
 * this package does not depend on it (architecture.md); it returns null where it
 * has no solution (e.g. the Newton iteration fails at an extreme sigma), and such a
 * sigma counts as no match (D = Infinity).
 */
export interface WeightScaleSearchOptions {
  /** Smallest sigma tried; default 1/16. */
  readonly lower?: number;
  /** Largest sigma tried; default 16. */
  readonly upper?: number;
  /** Log-spaced grid points over [lower, upper]; default 17 (steps of sqrt 2 on the default range). */
  readonly gridPoints?: number;
  /** Relative width of the final bracket on sigma; default 1e-3. */
  readonly tolerance?: number;
  readonly signal?: AbortSignal;
  /** Called after every evaluation of the objective: `done` of the `total` evaluations the search makes. */
  readonly onProgress?: (progress: WeightScaleProgress) => void;
}

export const DEFAULT_WEIGHT_SCALE_SEARCH: Readonly<Required<Omit<WeightScaleSearchOptions, 'signal' | 'onProgress'>>> =
  Object.freeze({ lower: 1 / 16, upper: 16, gridPoints: 17, tolerance: 1e-3 });

export interface WeightScaleEvaluation {
  readonly weightScale: number;
  /** D(sigma); Infinity where `solutionAt` had no solution. */
  readonly tvDistance: number;
}

/** What {@link bestMatchingWeightScale} reports after each evaluation. */
export interface WeightScaleProgress extends Progress, WeightScaleEvaluation {}

export interface WeightScaleMatch {
  /** The best-matching sigma. */
  readonly weightScale: number;
  /** D at that sigma. */
  readonly tvDistance: number;
  /** True when the best grid point was an end of the range: the optimum may lie outside it. */
  readonly atBoundary: boolean;
  /** Every evaluation, in order. */
  readonly evaluations: WeightScaleEvaluation[];
}

export function bestMatchingWeightScale(
  network: readonly PopulationShare[],
  solutionAt: (weightScale: number) => readonly PopulationShare[] | null,
  options: WeightScaleSearchOptions = {},
): WeightScaleMatch {
  const settings = resolveOptions(DEFAULT_WEIGHT_SCALE_SEARCH, options);
  if (!(settings.lower > 0 && Number.isFinite(settings.lower))) throw invalid('lower', 'must be a positive finite number', settings.lower);
  if (!(settings.upper > settings.lower && Number.isFinite(settings.upper))) {
    throw invalid('upper', `must be a finite number > lower (${settings.lower})`, settings.upper);
  }
  if (!(Number.isInteger(settings.gridPoints) && settings.gridPoints >= 3)) throw invalid('gridPoints', 'must be an integer >= 3', settings.gridPoints);
  if (!(settings.tolerance > 0)) throw invalid('tolerance', 'must be a positive number', settings.tolerance);

  const low = Math.log(settings.lower);
  const high = Math.log(settings.upper);
  const width = Math.log1p(settings.tolerance);
  // For an interior optimum, whose bracket spans two grid steps; one at an end of
  // the range has a bracket of one step and may need fewer.
  const planned = plannedEvaluations(settings.gridPoints, (high - low) / (settings.gridPoints - 1), width);

  const evaluations: WeightScaleEvaluation[] = [];
  // The network side is the same at every sigma: pool it by pattern once.
  const pooledNetwork = poolByPattern(network);
  const objective = (logScale: number): number => {
    settings.signal?.throwIfAborted();
    const weightScale = Math.exp(logScale);
    const solution = solutionAt(weightScale);
    const tvDistance = solution === null ? Infinity : pooledEnergyShareTvDistance(pooledNetwork, poolByPattern(solution));
    const evaluation = { weightScale, tvDistance };
    evaluations.push(evaluation);
    // max: rounding in the bracket updates may add one shrink to the plan.
    const done = evaluations.length;
    settings.onProgress?.({ done, total: Math.max(planned, done), ...evaluation });
    return tvDistance;
  };

  const grid = logGrid(low, high, settings.gridPoints);
  const best = refineGridMinimum(grid, grid.map(objective), objective, width);
  const atBoundary = best.gridIndex === 0 || best.gridIndex === grid.length - 1;
  return { weightScale: Math.exp(best.log), tvDistance: best.value, atBoundary, evaluations };
}
