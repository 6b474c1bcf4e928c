import { CholeskyDecomposition, Matrix, pseudoInverse } from 'ml-matrix';
import { featureMatrix, gramMatrix, type LoadingPoints, type LowRankProblem } from '@maxent/constraints';
import { foldedPoints } from './foldedPoints.js';
import type { LowRankSolution } from './lowRankSolution.js';

/** eps / s^2 of a problem's ridge, given the Gram matrix's mean diagonal tr(K)/T (model.md §14). */
export function absoluteRidge(problem: LowRankProblem, meanDiagonal: number): number {
  return 'relative' in problem.ridge ? problem.ridge.relative * meanDiagonal : problem.ridge.absolute;
}

/**
 * The conditional problem of model.md §14: p(m) fixed (the prior's points or the
 * empirical loadings), n | m free. The dual is quadratic, so one linear solve:
 * `(K + (eps / s^2) I) B = G` with K = E_p(m)[phi phi^T], and E[n|m] = phi(m)^T B,
 * independent of s. KL = E_p(m)[ |E[n|m]|^2 ] / (2 s^2) (a shift of the Gaussian mean).
 */
export function solveConditional(problem: LowRankProblem, loadings: LoadingPoints): LowRankSolution {
  const { rank: R, points, targets } = problem;
  const T = points.length / R;
  // K and the KL sum even functions of m: on a symmetric trapezoid grid half the nodes suffice (tanh).
  const summed = problem.nonlinearity === 'tanh' && loadings.kind === 'trapezoid' ? foldedPoints(loadings) : loadings;
  const features = featureMatrix(problem.nonlinearity, summed, points);
  const K = gramMatrix(features, summed.weights, T);
  let trace = 0;
  for (let t = 0; t < T; t++) trace += K[t * T + t];
  const ridge = absoluteRidge(problem, trace / T);
  const coefficients = ridgeSolve(K, T, ridge, targets, R);
  // Residual of the moments, E[n phi_t] - G = K B - G, without the ridge.
  let maxResidual = 0;
  for (let t = 0; t < T; t++) {
    for (let r = 0; r < R; r++) {
      let sum = -targets[t * R + r];
      for (let u = 0; u < T; u++) sum += K[t * T + u] * coefficients[u * R + r];
      maxResidual = Math.max(maxResidual, Math.abs(sum));
    }
  }
  let meanSquare = 0;
  for (let j = 0; j < summed.count; j++) {
    for (let r = 0; r < R; r++) {
      let mean = 0;
      for (let t = 0; t < T; t++) mean += features[j * T + t] * coefficients[t * R + r];
      meanSquare += summed.weights[j] * mean * mean;
    }
  }
  const s2 = problem.priorNStd * problem.priorNStd;
  return {
    mode: 'conditional',
    problem,
    loadings,
    pm: loadings.weights,
    coefficients,
    ridge,
    maxResidual,
    klFromPrior: meanSquare / (2 * s2),
    converged: true,
    iterations: 1,
    message: `solved by one linear solve (ridge eps/s^2 = ${ridge.toExponential(3)}, max residual ${maxResidual.toExponential(2)})`,
  };
}

/** (K + ridge I)^-1 G for a T x T Gram K and G (T x R): Cholesky, or the pseudo-inverse when K is singular and ridge 0. */
export function ridgeSolve(K: Float64Array, T: number, ridge: number, targets: Float64Array, R: number): Float64Array {
  const system = new Matrix(T, T);
  for (let a = 0; a < T; a++) for (let b = 0; b < T; b++) system.set(a, b, K[a * T + b] + (a === b ? ridge : 0));
  const rhs = new Matrix(T, R);
  for (let t = 0; t < T; t++) for (let r = 0; r < R; r++) rhs.set(t, r, targets[t * R + r]);
  const cholesky = new CholeskyDecomposition(system);
  const solution = cholesky.isPositiveDefinite() ? cholesky.solve(rhs) : pseudoInverse(system).mmul(rhs);
  const out = new Float64Array(T * R);
  for (let t = 0; t < T; t++) for (let r = 0; r < R; r++) out[t * R + r] = solution.get(t, r);
  return out;
}
