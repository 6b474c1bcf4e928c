import { loadingsField, nonlinearity, type LatentField, type LoadingPoints, type LowRankProblem } from '@maxent/constraints';

/** Which max-ent problem of model.md §14 a solution solves. */
export const LOWRANK_MODES = ['conditional', 'joint'] as const;
export type LowRankMode = (typeof LOWRANK_MODES)[number];

/**
 * A solution of the low-rank max-ent problem (model.md §14). In both modes
 * `n | m ~ N(E[n|m], s^2 I)` with `E[n|m] = phi(m)^T B`, phi_t(m) = phi(m . kappa_t),
 * and p(m) is the weighted point set (`loadings` with weights `pm`): the prior or
 * the empirical loadings (conditional), the tilted prior (joint). The multipliers
 * Lambda = B / s^2 are not part of it: they are unidentified along near-null
 * directions of the Gram matrix (§14), so nothing should read them.
 */
export interface LowRankSolution {
  readonly mode: LowRankMode;
  readonly problem: LowRankProblem;
  readonly loadings: LoadingPoints;
  /** Weights of p(m) on the loading points (sum 1). */
  readonly pm: Float64Array;
  /** B, T x R row-major. */
  readonly coefficients: Float64Array;
  /** The ridge actually used, as eps / s^2. */
  readonly ridge: number;
  /** max_tr |E[n_r phi_t] - G_tr| under the solution. */
  readonly maxResidual: number;
  /** KL(p || p0) in nats. */
  readonly klFromPrior: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly message: string;
}

/** E[n | m] (length R) at one m (length R) into `out`. */
export function conditionalMean(solution: LowRankSolution, m: ArrayLike<number>, out = new Float64Array(solution.problem.rank)): Float64Array {
  const { rank: R, points, nonlinearity: name } = solution.problem;
  const T = points.length / R;
  const { value } = nonlinearity(name);
  out.fill(0);
  for (let t = 0; t < T; t++) {
    let z = 0;
    for (let s = 0; s < R; s++) z += m[s] * points[t * R + s];
    const phi = value(z);
    for (let r = 0; r < R; r++) out[r] += phi * solution.coefficients[t * R + r];
  }
  return out;
}

/** E[n | m_j] at every loading point, count x R. */
export function conditionalMeans(solution: LowRankSolution, m: Float64Array): Float64Array {
  const R = solution.problem.rank;
  const count = m.length / R;
  const means = new Float64Array(count * R);
  for (let j = 0; j < count; j++) conditionalMean(solution, m.subarray(j * R, (j + 1) * R), means.subarray(j * R, (j + 1) * R));
  return means;
}

/** The solution's mean-field latent field, G(kappa) = E_p(m)[ E[n|m] phi(m . kappa) ] (model.md §14). */
export function solutionField(solution: LowRankSolution): LatentField {
  const { rank, nonlinearity: name } = solution.problem;
  return loadingsField(rank, name, solution.loadings.m, conditionalMeans(solution, solution.loadings.m), solution.pm);
}
