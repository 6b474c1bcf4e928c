import type { LowRankNonlinearity } from './teacher.js';

/**
 * Exact linear relations among the constraint functions phi(m . kappa_t) that hold
 * for every m (model.md §14 "Degeneracy"), found from the points alone:
 * - kappa = 0: phi(0) = 0 (tanh, relu), no constraint, its target must be 0;
 * - tanh (odd): kappa_b = -kappa_a gives phi_b = -phi_a, so G_b = -G_a; equal points G_b = G_a;
 * - relu (positively homogeneous): kappa_b = c kappa_a with c > 0 gives phi_b = c phi_a, so G_b = c G_a.
 * A target that breaks a relation is an inconsistent task (no distribution has those
 * moments): exit 3 with the reason.
 */
export interface Degeneracies {
  /** Indices of points at the origin. */
  readonly zeroPoints: number[];
  /** (a, b, c): phi_b = c phi_a for all m (c = -1 for a +-kappa pair, 1 for a repeat). */
  readonly relations: [number, number, number][];
  /** Indices that carry independent constraints: the first point of each relation group, no zero points. */
  readonly kept: number[];
  /** max over relations of |G_b - c G_a| and over zero points of |G|. */
  readonly maxViolation: number;
  /** The allowed violation: `tolerance` times max(1, max |G|). */
  readonly allowedViolation: number;
  readonly consistent: boolean;
  /** Why the targets are inconsistent (the worst relation), or "" when consistent. */
  readonly reason: string;
}

/** Relative tolerance of the consistency check (exact relations hold to rounding for any network without biases). */
export const DEFAULT_CONSISTENCY_TOLERANCE = 1e-9;

/** The degeneracies of points (T x R) and the consistency of targets G (T x R) with them. */
export function findDegeneracies(
  rank: number,
  name: LowRankNonlinearity,
  points: Float64Array,
  targets: Float64Array,
  tolerance = DEFAULT_CONSISTENCY_TOLERANCE,
): Degeneracies {
  const R = rank;
  const T = points.length / R;
  const norms = Float64Array.from({ length: T }, (_, t) => Math.hypot(...points.subarray(t * R, (t + 1) * R)));
  const scale = Math.max(1e-300, ...norms);
  const zeroPoints: number[] = [];
  const relations: [number, number, number][] = [];
  const representative = new Int32Array(T).fill(-1);
  const kept: number[] = [];
  for (let b = 0; b < T; b++) {
    if (norms[b] <= 1e-12 * scale) {
      zeroPoints.push(b);
      continue;
    }
    for (const a of kept) {
      const c = proportionality(points, R, a, b, norms);
      if (c === null) continue;
      const related = name === 'tanh' ? Math.abs(Math.abs(c) - 1) <= 1e-12 : c > 0;
      if (related) {
        relations.push([a, b, name === 'tanh' ? Math.sign(c) : c]);
        representative[b] = a;
        break;
      }
    }
    if (representative[b] < 0) kept.push(b);
  }
  let maxG = 0;
  for (const g of targets) maxG = Math.max(maxG, Math.abs(g));
  const allowedViolation = tolerance * Math.max(1, maxG);
  let maxViolation = 0;
  let reason = '';
  const note = (violation: number, why: () => string) => {
    if (violation > maxViolation) {
      maxViolation = violation;
      if (violation > allowedViolation) reason = why();
    }
  };
  for (const t of zeroPoints) {
    let violation = 0;
    for (let r = 0; r < R; r++) violation = Math.max(violation, Math.abs(targets[t * R + r]));
    note(violation, () => `the point kappa = 0 (index ${t}) carries no constraint (phi(0) = 0), but its target G is ${format(targets, t, R)}, not 0`);
  }
  for (const [a, b, c] of relations) {
    let violation = 0;
    for (let r = 0; r < R; r++) violation = Math.max(violation, Math.abs(targets[b * R + r] - c * targets[a * R + r]));
    note(violation, () => {
      const law = name === 'tanh' ? (c < 0 ? 'G(-kappa) = -G(kappa) (odd phi)' : 'equal G at a repeated point') : `G(c kappa) = c G(kappa) (relu, c = ${c.toPrecision(6)})`;
      return `targets break ${law}: point ${b} ${format(points, b, R)} has G = ${format(targets, b, R)}, point ${a} ${format(points, a, R)} has G = ${format(targets, a, R)} (violation ${violation.toExponential(3)})`;
    });
  }
  const consistent = maxViolation <= allowedViolation;
  return { zeroPoints, relations, kept, maxViolation, allowedViolation, consistent, reason: consistent ? '' : reason };
}

/** c with kappa_b = c kappa_a (to 1e-12 relative), or null. */
function proportionality(points: Float64Array, R: number, a: number, b: number, norms: Float64Array): number | null {
  let dot = 0;
  for (let r = 0; r < R; r++) dot += points[a * R + r] * points[b * R + r];
  const c = dot / (norms[a] * norms[a]);
  let off = 0;
  for (let r = 0; r < R; r++) off = Math.max(off, Math.abs(points[b * R + r] - c * points[a * R + r]));
  return off <= 1e-12 * Math.max(norms[a], norms[b]) ? c : null;
}

function format(values: Float64Array, t: number, R: number): string {
  return `(${Array.from(values.subarray(t * R, (t + 1) * R), (x) => x.toPrecision(6)).join(', ')})`;
}
