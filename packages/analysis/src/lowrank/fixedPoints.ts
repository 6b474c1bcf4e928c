import { eigenvalues, invalid, resolveOptions } from '@maxent/core';
import { latentFlow, type LatentField } from '@maxent/constraints';

/** Stability of a fixed point from the eigenvalues of the latent Jacobian -I + dG/dkappa (model.md §14). */
export type FixedPointKind = 'stable' | 'saddle' | 'source' | 'marginal';

export interface FixedPoint {
  readonly kappa: number[];
  readonly kind: FixedPointKind;
  readonly eigenvalues: { readonly real: number[]; readonly imaginary: number[] };
  /** max |F(kappa)| at the root. */
  readonly residual: number;
}

export interface FixedPointOptions {
  /** Newton starts on a grid over [-extent, extent]^R. Default 3. */
  readonly extent?: number;
  /** Starts per dimension (R <= 2; a random-free Halton-like lattice of startsPerDimension^2 points above). Default 21 for R = 1, 15 for R = 2, 6 above. */
  readonly startsPerDimension?: number;
  /** Roots closer than this (max norm) are one fixed point. Default 1e-6. */
  readonly mergeDistance?: number;
  /** |real part| below this is marginal. Default 1e-9. */
  readonly marginalTolerance?: number;
}

export const FIXED_POINT_DEFAULTS = Object.freeze({ extent: 3, mergeDistance: 1e-6, marginalTolerance: 1e-9 });

const NEWTON_STEPS = 60;
const ROOT_TOLERANCE = 1e-12;
/** Backtracking stops at steps shorter than this fraction of the Newton step. */
const MIN_STEP = 1 / 1024;
/** Newton has stalled when |F| fell by less than STALL_FACTOR over the last STALL_STEPS steps. */
const STALL_STEPS = 8;
const STALL_FACTOR = 0.5;

/**
 * The fixed points of tau dkappa/dt = -kappa + G(kappa) (model.md §14 "root finding in
 * latent space"): damped Newton (backtracking on |F|) from a grid of starts,
 * roots merged, each classified by the eigenvalues of the latent Jacobian: all real
 * parts negative stable, all positive source, mixed saddle, any near zero marginal
 * (a ring attractor's continuum). Sorted by kind then by kappa.
 */
export function latentFixedPoints(field: LatentField, options: FixedPointOptions = {}): FixedPoint[] {
  const settings = resolveOptions(FIXED_POINT_DEFAULTS, options);
  const R = field.rank;
  const perDimension = options.startsPerDimension ?? (R === 1 ? 21 : R === 2 ? 15 : 6);
  if (!Number.isInteger(perDimension) || perDimension < 1) throw invalid('startsPerDimension', 'must be an integer >= 1', perDimension);
  if (!(settings.extent > 0)) throw invalid('extent', 'must be a positive number', settings.extent);
  const roots: Float64Array[] = [];
  const flow = new Float64Array(R);
  const jacobian = new Float64Array(R * R);
  for (const start of startGrid(R, perDimension, settings.extent)) {
    const root = newtonRoot(field, start, flow, jacobian);
    if (root === null) continue;
    if (roots.some((other) => maxDistance(other, root) <= settings.mergeDistance * Math.max(1, maxNorm(root)))) continue;
    roots.push(root);
  }
  const points = roots.map((kappa) => {
    latentFlow(field, kappa, flow, jacobian);
    const { real, imaginary } = eigenvalues({ rows: R, cols: R, data: Float64Array.from(jacobian) }, 'jacobian');
    return { kappa: Array.from(kappa), kind: classify(real, settings.marginalTolerance), eigenvalues: { real: Array.from(real), imaginary: Array.from(imaginary) }, residual: maxNorm(flow) };
  });
  const order: Record<FixedPointKind, number> = { stable: 0, saddle: 1, source: 2, marginal: 3 };
  return points.sort((a, b) => order[a.kind] - order[b.kind] || compareLexicographic(a.kappa, b.kappa));
}

function classify(real: Float64Array, tolerance: number): FixedPointKind {
  if (real.some((x) => Math.abs(x) <= tolerance)) return 'marginal';
  if (real.every((x) => x < 0)) return 'stable';
  if (real.every((x) => x > 0)) return 'source';
  return 'saddle';
}

/** Newton on F with backtracking on |F|; null when it does not reach ROOT_TOLERANCE. */
function newtonRoot(field: LatentField, start: Float64Array, flow: Float64Array, jacobian: Float64Array): Float64Array | null {
  const R = field.rank;
  const kappa = Float64Array.from(start);
  const trial = new Float64Array(R);
  const trialFlow = new Float64Array(R);
  latentFlow(field, kappa, flow, jacobian);
  let norm = maxNorm(flow);
  const history: number[] = [norm];
  for (let step = 0; step < NEWTON_STEPS; step++) {
    if (norm <= ROOT_TOLERANCE * Math.max(1, maxNorm(kappa))) return kappa;
    // Stalled: on a near-continuum of roots (a ring drawn on a finite grid) Newton crawls
    // along it, each step a long backtrack; a root is what it has reached by then, or none.
    if (history.length > STALL_STEPS && norm > STALL_FACTOR * history[history.length - 1 - STALL_STEPS]) break;
    const direction = solveSmall(jacobian, flow, R);
    if (direction === null) return null;
    let t = 1;
    let accepted = false;
    while (t > MIN_STEP) {
      for (let r = 0; r < R; r++) trial[r] = kappa[r] - t * direction[r];
      latentFlow(field, trial, trialFlow);
      const trialNorm = maxNorm(trialFlow);
      if (trialNorm < norm || trialNorm <= ROOT_TOLERANCE) {
        accepted = true;
        break;
      }
      t /= 2;
    }
    if (!accepted) return norm <= 1e-10 ? kappa : null;
    kappa.set(trial);
    latentFlow(field, kappa, flow, jacobian);
    norm = maxNorm(flow);
    history.push(norm);
  }
  return norm <= 1e-10 ? kappa : null;
}

function* startGrid(R: number, perDimension: number, extent: number): Generator<Float64Array> {
  const axis = Array.from({ length: perDimension }, (_, k) => (perDimension === 1 ? 0 : -extent + (2 * extent * k) / (perDimension - 1)));
  const total = perDimension ** R;
  for (let index = 0; index < total; index++) {
    const start = new Float64Array(R);
    let rest = index;
    for (let r = 0; r < R; r++) {
      start[r] = axis[rest % perDimension];
      rest = Math.floor(rest / perDimension);
    }
    yield start;
  }
}

/** Gaussian elimination with partial pivoting for the small R x R Newton system; null if singular. */
function solveSmall(matrix: Float64Array, rhs: Float64Array, R: number): Float64Array | null {
  const a = Float64Array.from(matrix);
  const b = Float64Array.from(rhs);
  for (let col = 0; col < R; col++) {
    let pivot = col;
    for (let row = col + 1; row < R; row++) if (Math.abs(a[row * R + col]) > Math.abs(a[pivot * R + col])) pivot = row;
    if (!(Math.abs(a[pivot * R + col]) > 1e-14)) return null;
    if (pivot !== col) {
      for (let k = 0; k < R; k++) [a[col * R + k], a[pivot * R + k]] = [a[pivot * R + k], a[col * R + k]];
      [b[col], b[pivot]] = [b[pivot], b[col]];
    }
    for (let row = col + 1; row < R; row++) {
      const factor = a[row * R + col] / a[col * R + col];
      for (let k = col; k < R; k++) a[row * R + k] -= factor * a[col * R + k];
      b[row] -= factor * b[col];
    }
  }
  const x = new Float64Array(R);
  for (let row = R - 1; row >= 0; row--) {
    let sum = b[row];
    for (let k = row + 1; k < R; k++) sum -= a[row * R + k] * x[k];
    x[row] = sum / a[row * R + row];
  }
  return x;
}

function maxNorm(x: ArrayLike<number>): number {
  let largest = 0;
  for (let i = 0; i < x.length; i++) largest = Math.max(largest, Math.abs(x[i]));
  return largest;
}

function maxDistance(a: Float64Array, b: Float64Array): number {
  let largest = 0;
  for (let i = 0; i < a.length; i++) largest = Math.max(largest, Math.abs(a[i] - b[i]));
  return largest;
}

function compareLexicographic(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
