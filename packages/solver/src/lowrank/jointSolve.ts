import { resolveOptions } from '@maxent/core';
import type { LoadingPoints, LowRankProblem } from '@maxent/constraints';
import { requireInDomain } from '../estimator.js';
import { dampedNewton, type NewtonStep } from '../newton.js';
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
 * The joint problem of model.md §14 (p(m, n) both free): damped Newton
 * (newton.ts) on the dual of jointEstimator.ts from Lambda = 0 (whose first step is
 * the conditional solution under the prior). `loadings` are the prior's points
 * (trapezoid or Monte Carlo). Non-convergence is reported, not thrown.
 */
export function solveJoint(problem: LowRankProblem, loadings: LoadingPoints, options: JointSolveOptions = {}): LowRankSolution {
  const settings = resolveOptions(JOINT_SOLVE_DEFAULTS, options);
  const estimator = createJointEstimator(problem, loadings);
  const x = new Float64Array(estimator.size);
  requireInDomain(estimator.evaluate(x, 0), estimator.domain, 'lambda');
  const steps = dampedNewton(estimator, x, { tolerance: settings.tolerance, maxIterations: settings.maxIterations, signal: settings.signal });
  let next = steps.next();
  while (next.done !== true) {
    settings.onProgress?.(next.value);
    next = steps.next();
  }
  const outcome = next.value;
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
