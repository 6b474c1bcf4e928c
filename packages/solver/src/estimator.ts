import { invalid } from '@maxent/core';

/**
 * What the damped Newton routine (newton.ts) needs from an estimator of a convex
 * dual `L(x) = log Z(x) - <x, targets>` (+ any regulariser), model.md §4: the value,
 * gradient and Hessian at a point, the domain where L is finite, and the limits of
 * its own arithmetic. Exact enumeration of gain patterns (exactEstimator.ts, §5-§6)
 * is one estimator; quadrature and Monte Carlo over continuous gains (§7) and the
 * low-rank joint dual (§14) are others, and plug in without touching Newton.
 *
 * An estimator is stateful: `evaluate` fills `gradient` and `hessian`, which Newton
 * reads until the next call. The point x is a flat Float64Array of `size`
 * multipliers (K x P row-major for the feed-forward problem).
 */
export interface DualEstimator {
  /** Number of multipliers. */
  readonly size: number;
  /**
   * Scale of the targets (at least 1): Newton's tolerance and the cap of the
   * rounding floor are relative to it.
   */
  readonly scale: number;
  /**
   * Orthonormal directions along which L is flat because a linear relation among
   * the constraint functions holds everywhere (model.md §5, the null space of a
   * feasible task). Newton penalises and projects them out, so its steps stay in
   * the range. Empty for most problems.
   */
  readonly nullSpace: readonly NullDirection[];
  /** The domain where L is finite, in words, for messages about a start outside it. */
  readonly domain: string;
  /**
   * L at x and, by `level`, its gradient (>= 1) and Hessian (2) into `gradient` and
   * `hessian`. Returns +Infinity outside the domain, leaving both stale.
   */
  evaluate(x: Float64Array, level: DualLevel): number;
  /** grad L at the last evaluation with level >= 1. */
  readonly gradient: Float64Array;
  /** hess L at the last evaluation with level 2, size x size row-major. */
  readonly hessian: Float64Array;
  /**
   * The largest t such that x + t direction keeps at least `keep` of its distance
   * to the boundary of the domain ("fraction to the boundary"); +Infinity for a
   * domain without boundary in that direction.
   */
  stepToBoundary(x: Float64Array, direction: Float64Array, keep: number): number;
  /**
   * The gradient's residual that rounding alone leaves at the last evaluation
   * (level >= 1), times `margin`: Newton counts a residual below it as converged
   * once it stops gaining. See cappedRoundingFloor.
   */
  roundingFloor(margin?: number): number;
  /**
   * Appended to a "did not converge" message: why Newton may fail here and what
   * to change, from the state of the last evaluation.
   */
  stallHint(): string;
}

/** A unit vector of length `size` with nonzero entries `values` at `indices` (the rest 0). */
export interface NullDirection {
  readonly indices: readonly number[];
  readonly values: Float64Array;
}

/**
 * `value` (from estimator.evaluate), or InvalidInputError naming `field` when it is
 * +Infinity: the point lies outside `domain` (the estimator's arrays are stale then).
 */
export function requireInDomain(value: number, domain: string, field: string): number {
  if (!Number.isFinite(value)) throw invalid(field, `must lie in ${domain}`, 'a point outside it');
  return value;
}

/**
 * The null directions of multipliers lambda (K x P row-major) that relations n among
 * the K contexts' gains imply: L is flat along n (x) e_j for every stimulus j
 * (model.md §5), one direction per relation and stimulus, relation-major.
 */
export function gainRelationNullSpace(relations: readonly Float64Array[], contexts: number, stimuli: number): NullDirection[] {
  const nullSpace: NullDirection[] = [];
  for (const n of relations) {
    for (let j = 0; j < stimuli; j++) {
      nullSpace.push({ indices: Array.from({ length: contexts }, (_, k) => k * stimuli + j), values: Float64Array.from(n) });
    }
  }
  return nullSpace;
}

/** What `evaluate` computes: the value only, also the gradient, also the Hessian. */
export type DualLevel = 0 | 1 | 2;

/** Residuals below this many units of rounding of the summed moment terms count as converged. */
const ROUNDING_FLOOR = 8 * Number.EPSILON;
/** No residual above sqrt(eps) (relative to the targets' scale) counts as converged. */
const MAX_FLOOR = Math.sqrt(Number.EPSILON);

/**
 * A rounding floor of `margin` times 8 eps times `momentScale` (the size of the
 * terms summed into the moments, amplified by the conditioning of their factors),
 * capped at sqrt(eps) of the targets' scale: near the edge of a domain the floor
 * estimate itself blows up, and a residual that large is not a solution.
 */
export function cappedRoundingFloor(momentScale: number, scale: number, margin = 1): number {
  return Math.min(margin * ROUNDING_FLOOR * momentScale, MAX_FLOOR * scale);
}
