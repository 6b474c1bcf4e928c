import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { maxAbs, toMlMatrix } from '@maxent/core';
import type { DualEstimator, NullDirection } from './estimator.js';

/** One Newton iteration of `dampedNewton`. */
export interface NewtonStep {
  /** 0 for the starting point, then one per accepted step (numbered from the offset). */
  readonly iteration: number;
  /** L at the iterate. */
  readonly value: number;
  /** max |grad L| at the iterate. */
  readonly maxResidual: number;
  /** Step length accepted by the line search (1 = full Newton step; 0 at the start). */
  readonly stepSize: number;
}

/** How a run of `dampedNewton` ended (the iterate itself is updated in place). */
export interface NewtonResult {
  readonly converged: boolean;
  readonly iterations: number;
  readonly maxResidual: number;
  /** "converged in n Newton iterations (...)" or "did not converge: ..." with the estimator's hint. */
  readonly message: string;
}

export interface NewtonSettings {
  /** Converged when max |grad L| <= tolerance * estimator.scale. */
  readonly tolerance: number;
  /** Steps before giving up. */
  readonly maxIterations: number;
  /** Checked between iterations (throws the signal's reason). */
  readonly signal?: AbortSignal | undefined;
}

const ARMIJO = 1e-4;
/** A step may use up at most half of the distance to the boundary of the domain (estimator.stepToBoundary). */
const FRACTION_TO_BOUNDARY = 0.5;
const SMALLEST_STEP = 1e-12;
/** Below this Newton decrement the quadratic phase has begun: full steps are taken (round-off blurs Armijo). */
const QUADRATIC_PHASE_DECREMENT = 1e-12;
/** Neither the residual (by 1%) nor L improving for this many iterations is a stall. */
const STALL_ITERATIONS = 30;

/**
 * Damped Newton with the estimator's Hessian on a convex dual (model.md §4), from
 * `x` (updated in place), at most `settings.maxIterations` steps, as a generator
 * that yields every iteration numbered from `offset` and returns how it ended.
 * Armijo backtracking never leaves the domain (L = +Infinity outside it) and a
 * fraction-to-boundary rule keeps each step away from the domain's walls. The
 * caller has checked that x lies in the domain. A stall ends the run unconverged.
 */
export function* dampedNewton(
  estimator: DualEstimator,
  x: Float64Array,
  settings: NewtonSettings,
  offset = 0,
): Generator<NewtonStep, NewtonResult> {
  const size = estimator.size;
  let value = estimator.evaluate(x, 2);
  // The tolerance is on the scale of the targets: rounding limits the residual to about eps * max |A|.
  const tolerance = settings.tolerance * estimator.scale;
  const direction = new Float64Array(size);
  const gradient = new Float64Array(size);
  const trial = new Float64Array(size);
  const system = new Float64Array(size * size);
  let residual = maxAbs(estimator.gradient);
  let best = residual;
  let bestValue = value;
  let sinceBest = 0;
  let stepSize = 0;
  let previousResidual = Number.POSITIVE_INFINITY;
  const result = (converged: boolean, iterations: number, message: string): NewtonResult => ({
    converged,
    iterations,
    maxResidual: residual,
    message,
  });
  for (let iteration = 0; ; iteration++) {
    yield { iteration: offset + iteration, value, maxResidual: residual, stepSize };
    settings.signal?.throwIfAborted();
    // Rounding alone leaves a residual that no Newton step can remove (for the
    // exact estimator: a few eps times the moments' rounding scale, large when
    // 1 - q is small). It counts as converged only once Newton has stopped
    // gaining (quadratic convergence gains far more than 10x a step).
    const floor = estimator.roundingFloor();
    const stagnant = residual >= 0.1 * previousResidual;
    if (residual <= tolerance || (residual <= floor && stagnant)) {
      const atFloor = residual > tolerance ? ', at the rounding floor of the moments' : '';
      return result(true, iteration, `converged in ${iteration} Newton iterations (max residual ${residual.toExponential(2)}${atFloor})`);
    }
    if (iteration >= settings.maxIterations) {
      return result(
        false,
        iteration,
        `did not converge: max residual ${residual.toExponential(2)} after ${iteration} Newton iterations ` +
          `(tolerance ${tolerance})${estimator.stallHint()}`,
      );
    }
    gradient.set(estimator.gradient);
    newtonDirection(estimator, gradient, direction, system);
    let slope = 0;
    for (let i = 0; i < size; i++) slope += gradient[i] * direction[i];
    let t = Math.min(1, estimator.stepToBoundary(x, direction, FRACTION_TO_BOUNDARY));
    let accepted = false;
    while (t >= SMALLEST_STEP) {
      for (let i = 0; i < size; i++) trial[i] = x[i] + t * direction[i];
      const trialValue = estimator.evaluate(trial, 2);
      const quadraticPhase = -slope < QUADRATIC_PHASE_DECREMENT && trialValue <= value + 1e-9 * Math.max(1, Math.abs(value));
      if (Number.isFinite(trialValue) && (trialValue <= value + ARMIJO * t * slope || quadraticPhase)) {
        value = trialValue;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      // Back to the iterate, so the hint reads the state there.
      estimator.evaluate(x, 2);
      return result(
        false,
        iteration,
        `did not converge: the line search found no decrease after ${iteration} Newton iterations ` +
          `(max residual ${residual.toExponential(2)})${estimator.stallHint()}`,
      );
    }
    x.set(trial);
    stepSize = t;
    previousResidual = residual;
    residual = maxAbs(estimator.gradient);
    // Damped Newton does not decrease the residual monotonically, only L: the
    // loop has stalled when neither the residual nor L has improved for a while.
    if (residual < 0.99 * best || value < bestValue - 1e-10 * Math.max(1, Math.abs(bestValue))) {
      best = Math.min(best, residual);
      bestValue = Math.min(bestValue, value);
      sinceBest = 0;
    } else if (++sinceBest >= STALL_ITERATIONS) {
      return result(
        false,
        iteration + 1,
        `did not converge: the residual stalled at ${residual.toExponential(2)} for ${STALL_ITERATIONS} Newton iterations${estimator.stallHint()}`,
      );
    }
  }
}

/**
 * Solves H d = -g. Along the estimator's null directions the Hessian is singular
 * and L is flat, so those directions get a penalty of the Hessian's mean diagonal
 * and are projected out of g: the step stays in the range. Any remaining
 * indefiniteness from rounding gets a growing Levenberg shift.
 */
function newtonDirection(estimator: DualEstimator, gradient: Float64Array, direction: Float64Array, system: Float64Array): void {
  const { size, hessian, nullSpace } = estimator;
  projectOut(nullSpace, gradient);
  let trace = 0;
  for (let i = 0; i < size; i++) trace += hessian[i * size + i];
  const scale = trace > 0 ? trace / size : 1;
  const rhs = Matrix.columnVector(Array.from(gradient, (g) => -g));
  for (let attempt = 0, shift = 0; attempt < 20; attempt++, shift = shift === 0 ? 1e-12 * scale : shift * 10) {
    system.set(hessian);
    for (const { indices, values } of nullSpace) {
      for (let a = 0; a < indices.length; a++) {
        // scale * (v_a v_b), not (scale v_a) v_b: the product must be symmetric in a and b to the
        // last bit, or ml-matrix's Cholesky rejects the system as not symmetric (K >= 3, linear gains).
        for (let b = 0; b < indices.length; b++) system[indices[a] * size + indices[b]] += scale * (values[a] * values[b]);
      }
    }
    for (let i = 0; i < size; i++) system[i * size + i] += shift;
    const cholesky = new CholeskyDecomposition(toMlMatrix({ rows: size, cols: size, data: system }));
    if (cholesky.isPositiveDefinite()) {
      const solution = cholesky.solve(rhs);
      for (let i = 0; i < size; i++) direction[i] = solution.get(i, 0);
      projectOut(nullSpace, direction);
      return;
    }
  }
  // The Hessian is a covariance (PSD) plus a positive shift: Cholesky cannot keep failing
  // unless it holds NaN; fall back to steepest descent so the line search decides.
  for (let i = 0; i < size; i++) direction[i] = -gradient[i];
}

/** Removes the components along each null direction, one after another. */
function projectOut(nullSpace: readonly NullDirection[], x: Float64Array): void {
  for (const { indices, values } of nullSpace) {
    let dot = 0;
    for (let a = 0; a < indices.length; a++) dot += values[a] * x[indices[a]];
    for (let a = 0; a < indices.length; a++) x[indices[a]] -= dot * values[a];
  }
}
