import { resolveOptions } from '@maxent/core';
import type { LoadingPoints, LowRankProblem } from '@maxent/constraints';
import { requireInDomain } from '../estimator.js';
import { dampedNewton, type NewtonResult, type NewtonStep } from '../newton.js';
import { createJointEstimator } from './jointEstimator.js';
import type { LowRankSolution } from './lowRankSolution.js';

export interface JointSolveOptions {
  /** Converged when max |grad L| <= tolerance * max(1, max |G|). Default 1e-10. */
  readonly tolerance?: number;
  /** Newton steps before giving up. Default 50. */
  readonly maxIterations?: number;
  readonly signal?: AbortSignal;
  /** Called after every Newton iteration. */
  readonly onProgress?: (step: NewtonStep) => void;
}

export const JOINT_SOLVE_DEFAULTS = Object.freeze({ tolerance: 1e-10, maxIterations: 50 });

/**
 * Warm-up ridge (relative to tr(K)/T, as DEFAULT_RIDGE) and the residual (relative to the
 * tolerance's scale) at which the warm-up hands over. The default ridge 1e-8 leaves the
 * dual nearly flat along K's near-null directions (model.md §14 "Degeneracy"), where
 * Newton's quadratic region is small: quadstable at 121^2 nodes took 26 iterations from 0,
 * and 11 in all (7 + 4) from the solution at ridge 1e-4.
 */
const WARM_UP_RIDGE = 1e-4;
const WARM_UP_TOLERANCE = 1e-3;

/**
 * The joint problem of model.md §14 (p(m, n) both free): damped Newton
 * (newton.ts) on the dual of jointEstimator.ts from Lambda = 0 (whose first step is
 * the conditional solution under the prior). When the problem's ridge is below
 * WARM_UP_RIDGE, Newton first solves the better-conditioned problem at that ridge to
 * WARM_UP_TOLERANCE and continues from there (one budget and one iteration count for
 * both). `loadings` are the prior's points (trapezoid or Monte Carlo). Non-convergence
 * is reported, not thrown.
 */
export function solveJoint(problem: LowRankProblem, loadings: LoadingPoints, options: JointSolveOptions = {}): LowRankSolution {
  const settings = resolveOptions(JOINT_SOLVE_DEFAULTS, options);
  const estimator = createJointEstimator(problem, loadings);
  const x = new Float64Array(estimator.size);
  requireInDomain(estimator.evaluate(x, 0), estimator.domain, 'lambda');
  const drain = (steps: Generator<NewtonStep, NewtonResult>): NewtonResult => {
    let next = steps.next();
    while (next.done !== true) {
      settings.onProgress?.(next.value);
      next = steps.next();
    }
    return next.value;
  };
  let warmUp = 0;
  const warm = createJointEstimator({ ...problem, ridge: { relative: WARM_UP_RIDGE } }, loadings);
  if (warm.ridge > estimator.ridge) {
    const tolerance = Math.max(settings.tolerance, WARM_UP_TOLERANCE);
    warmUp = drain(dampedNewton(warm, x, { tolerance, maxIterations: settings.maxIterations, signal: settings.signal })).iterations;
  }
  const final = drain(dampedNewton(estimator, x, { tolerance: settings.tolerance, maxIterations: settings.maxIterations - warmUp, signal: settings.signal }, warmUp));
  const iterations = warmUp + final.iterations;
  const outcome = {
    ...final,
    iterations,
    message:
      warmUp === 0
        ? final.message
        : `${final.message.replace(/(converged|after) (in )?\d+ Newton iterations/, (text) => text.replace(/\d+/, String(iterations)))} (${warmUp} of them at the warm-up ridge ${WARM_UP_RIDGE})`,
  };
  // The arrays of the estimator hold the state at x after Newton's last evaluation; refresh to be sure.
  estimator.evaluate(x, 1);
  const { targets } = problem;
  const s2 = problem.priorNStd * problem.priorNStd;
  let maxResidual = 0;
  let inner = 0;
  for (let i = 0; i < x.length; i++) {
    maxResidual = Math.max(maxResidual, Math.abs(estimator.moments[i] - targets[i]));
    inner += x[i] * estimator.moments[i];
  }
  return {
    mode: 'joint',
    problem,
    loadings,
    pm: Float64Array.from(estimator.pm),
    coefficients: Float64Array.from(x, (value) => s2 * value),
    ridge: estimator.ridge,
    maxResidual,
    klFromPrior: inner - estimator.logPartition(),
    converged: outcome.converged,
    iterations: outcome.iterations,
    message: outcome.message,
  };
}
