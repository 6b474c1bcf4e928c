import { invalid } from '@maxent/core';
import { LOWRANK_NONLINEARITIES, type LowRankNonlinearity } from './teacher.js';

/**
 * The ridge eps of the low-rank duals (model.md §14), as eps / s^2: `relative` to
 * tr(K)/T (default 1e-8) or `absolute` (Connector's rho N / alpha^2).
 */
export type Ridge = { readonly relative: number } | { readonly absolute: number };

export const DEFAULT_RIDGE: Ridge = Object.freeze({ relative: 1e-8 });

/**
 * The max-ent problem of model.md §14: constraint points kappa_t with targets G_t
 * (both T x R row-major), constraint functions f_tr(m, n) = n_r phi(m . kappa_t), prior
 * m ~ N(0, sigmaM^2 I), n ~ N(0, s^2 I).
 */
export interface LowRankProblem {
  readonly rank: number;
  readonly nonlinearity: LowRankNonlinearity;
  readonly points: Float64Array;
  readonly targets: Float64Array;
  /** sigma_m (`--prior-m-std`). */
  readonly priorMStd: number;
  /** s (`--prior-n-std`). */
  readonly priorNStd: number;
  readonly ridge: Ridge;
}

/** Checks shapes and scales of a problem, naming the field. */
export function checkLowRankProblem(problem: LowRankProblem): LowRankProblem {
  const { rank: R, points, targets } = problem;
  if (!Number.isInteger(R) || R < 1) throw invalid('rank', 'must be an integer >= 1', R);
  if (!(LOWRANK_NONLINEARITIES as readonly string[]).includes(problem.nonlinearity)) {
    throw invalid('nonlinearity', `must be one of ${LOWRANK_NONLINEARITIES.join(', ')}`, problem.nonlinearity);
  }
  if (points.length === 0 || points.length % R !== 0) throw invalid('points', `must be T x ${R} with T >= 1`, `${points.length} numbers`);
  if (targets.length !== points.length) throw invalid('G', `must have the shape of the points (${points.length / R} x ${R})`, `${targets.length} numbers`);
  for (const [field, values] of [['points', points], ['G', targets]] as const) {
    for (const x of values) if (!Number.isFinite(x)) throw invalid(field, 'must hold finite numbers', x);
  }
  for (const [field, value] of [['priorMStd', problem.priorMStd], ['priorNStd', problem.priorNStd]] as const) {
    if (!(value > 0) || !Number.isFinite(value)) throw invalid(field, 'must be a positive finite number', value);
  }
  const ridge = 'relative' in problem.ridge ? problem.ridge.relative : problem.ridge.absolute;
  if (!(ridge >= 0) || !Number.isFinite(ridge)) throw invalid('ridge', 'must be a finite number >= 0', ridge);
  return problem;
}
