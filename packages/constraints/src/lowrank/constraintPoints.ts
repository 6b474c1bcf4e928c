import { invalid } from '@maxent/core';
import type { LatentField } from './latentField.js';

/** A grid of constraint points kappa_t in latent space (model.md §14 "Constraints"). */
export type PointGrid =
  /** `count` points per dimension on [-extent, extent] (R = 1 or 2). */
  | { readonly kind: 'square'; readonly extent: number; readonly count: number }
  /** R = 2: `radii` equally spaced radii in (0, extent] times `angles` equally spaced angles. */
  | { readonly kind: 'polar'; readonly extent: number; readonly radii: number; readonly angles: number };

/**
 * The points of a grid, T x R row-major. With `fold` (odd phi: G(-kappa) = -G(kappa)
 * carries nothing new, and kappa = 0 carries no constraint, §14 "Degeneracy") only
 * the points of the open half-space whose first nonzero coordinate is positive are kept.
 */
export function gridPoints(rank: number, grid: PointGrid, fold: boolean): Float64Array {
  if (!(grid.extent > 0) || !Number.isFinite(grid.extent)) throw invalid('grid.extent', 'must be a positive finite number', grid.extent);
  const points: number[][] = [];
  if (grid.kind === 'square') {
    if (rank > 2) throw invalid('grid.kind', 'square grids are for R = 1 or 2; give points for R >= 3', grid.kind);
    if (!Number.isInteger(grid.count) || grid.count < 2) throw invalid('grid.count', 'must be an integer >= 2', grid.count);
    const axis = Array.from({ length: grid.count }, (_, j) => -grid.extent + (2 * grid.extent * j) / (grid.count - 1));
    if (rank === 1) for (const x of axis) points.push([x]);
    else for (const x of axis) for (const y of axis) points.push([x, y]);
  } else {
    if (rank !== 2) throw invalid('grid.kind', 'polar grids need R = 2', grid.kind);
    if (!Number.isInteger(grid.radii) || grid.radii < 1) throw invalid('grid.radii', 'must be an integer >= 1', grid.radii);
    if (!Number.isInteger(grid.angles) || grid.angles < 1) throw invalid('grid.angles', 'must be an integer >= 1', grid.angles);
    for (let a = 0; a < grid.angles; a++) {
      const angle = (2 * Math.PI * a) / grid.angles;
      for (let k = 1; k <= grid.radii; k++) {
        const radius = (grid.extent * k) / grid.radii;
        points.push([radius * Math.cos(angle), radius * Math.sin(angle)]);
      }
    }
  }
  const kept = fold ? points.filter(inUpperHalfSpace) : points;
  return Float64Array.from(kept.flat());
}

/** First coordinate that is not (numerically) zero is positive; the origin is excluded. */
function inUpperHalfSpace(point: readonly number[]): boolean {
  const scale = Math.max(...point.map(Math.abs));
  for (const x of point) {
    if (Math.abs(x) > 1e-12 * scale) return x > 0;
  }
  return false;
}

/** Targets G(kappa_t) of a latent field at the points (T x R). */
export function fieldTargets(field: LatentField, points: Float64Array): Float64Array {
  const R = field.rank;
  const T = points.length / R;
  const targets = new Float64Array(T * R);
  const g = new Float64Array(R);
  for (let t = 0; t < T; t++) {
    field.evaluate(points.subarray(t * R, (t + 1) * R), g);
    targets.set(g, t * R);
  }
  return targets;
}

/** Points and targets read off latent trajectories. */
export interface TrajectoryTargets {
  readonly points: Float64Array;
  readonly targets: Float64Array;
}

/**
 * From latent trajectories (trials x steps x R, sampled with step alpha = dt / tau):
 * `G_t = (kappa_{t+1} - (1 - alpha) kappa_t) / alpha` at kappa_t (model.md §14, exact for
 * Euler data), every `stride`-th step of every trial.
 */
export function trajectoryTargets(kappa: Float64Array, shape: readonly number[], alpha: number, stride = 1): TrajectoryTargets {
  if (shape.length !== 3) throw invalid('trajectories', 'must be a 3-D array trials x T x R', `shape [${shape.join(', ')}]`);
  const [trials, steps, R] = shape;
  if (steps < 2) throw invalid('trajectories', 'must have at least 2 time steps', steps);
  if (!(alpha > 0 && alpha <= 1)) throw invalid('alpha', 'must be a number in (0, 1]', alpha);
  if (!Number.isInteger(stride) || stride < 1) throw invalid('stride', 'must be an integer >= 1', stride);
  const points: number[] = [];
  const targets: number[] = [];
  for (let trial = 0; trial < trials; trial++) {
    for (let t = 0; t + 1 < steps; t += stride) {
      const at = (trial * steps + t) * R;
      for (let r = 0; r < R; r++) {
        const now = kappa[at + r];
        const next = kappa[at + R + r];
        points.push(now);
        targets.push((next - (1 - alpha) * now) / alpha);
      }
    }
  }
  return { points: Float64Array.from(points), targets: Float64Array.from(targets) };
}
