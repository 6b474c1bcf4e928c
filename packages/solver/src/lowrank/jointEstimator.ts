import { invalid } from '@maxent/core';
import { featureMatrix, type LoadingPoints, type LowRankProblem } from '@maxent/constraints';
import { cappedRoundingFloor, type DualEstimator } from '../estimator.js';
import { absoluteRidge } from './conditionalSolve.js';
import { foldedPoints } from './foldedPoints.js';

/**
 * The joint dual of model.md §14 as a DualEstimator for dampedNewton. The
 * multipliers x = vec Lambda (T x R row-major). With a(m) = Lambda^T phi(m), n | m is
 * N(s^2 a, s^2 I) and m is tilted, p(m) ∝ p0(m) exp(s^2 |a|^2 / 2), so
 *   L = log E_p0[ exp(s^2 |a|^2 / 2) ] - <Lambda, G> + (eps / 2) |Lambda|^2,
 *   grad = E_p[ phi_t s^2 a_r ] - G + eps Lambda,
 *   hess = E_p[ phi phi^T ] (x) s^2 I + Cov_p( phi (x) s^2 a ) + eps I,
 * with E_p0 on the prior's points (trapezoid for R <= 2, common random numbers above).
 * tanh: L is finite everywhere. relu (no bias): a is homogeneous in m, the tilt is
 * exp(q(u) r^2 / (2 sigma_m^2)) along a direction u with q(u) = s^2 sigma_m^2 |a(u)|^2, and
 * Z is finite iff q < 1 on every direction (checked on R = 1's two directions, or
 * a fine circle of directions for R = 2).
 */
export interface JointEstimator extends DualEstimator {
  /** Tilted weights p(m_j) at the last evaluation with level >= 1. */
  readonly pm: Float64Array;
  /** E_p[ n_r phi_t ] at the last evaluation with level >= 1 (T x R). */
  readonly moments: Float64Array;
  /** log Z at the last evaluation. */
  logPartition(): number;
  /** eps / s^2. */
  readonly ridge: number;
}

/** Directions on the circle for relu's domain check at R = 2. */
const RELU_CIRCLE_DIRECTIONS = 3600;

export function createJointEstimator(problem: LowRankProblem, prior: LoadingPoints): JointEstimator {
  const { rank: R, points, targets, nonlinearity } = problem;
  const T = points.length / R;
  const size = T * R;
  const folded = nonlinearity === 'tanh' && prior.kind === 'trapezoid';
  const loadings = folded ? foldedPoints(prior) : prior;
  const J = loadings.count;
  const fullPm = new Float64Array(prior.count);
  const s2 = problem.priorNStd * problem.priorNStd;
  const features = featureMatrix(nonlinearity, loadings, points);
  let trace = 0;
  for (let j = 0; j < J; j++) for (let t = 0; t < T; t++) trace += loadings.weights[j] * features[j * T + t] ** 2;
  const ridge = absoluteRidge(problem, trace / T);
  const eps = ridge * s2;
  const logWeights = Float64Array.from(loadings.weights, Math.log);
  const a = new Float64Array(J * R);
  const exponent = new Float64Array(J);
  const pm = new Float64Array(J);
  const moments = new Float64Array(size);
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  const grams = new Float64Array((1 + (R * (R + 1)) / 2) * T * T);
  let logZ = 0;
  let momentScale = 1;
  const directions = nonlinearity === 'relu' ? reluDirections(R, points) : null;
  const q = (x: Float64Array) => (directions === null ? 0 : maxQ(directions, x, T, R, s2 * problem.priorMStd ** 2));
  const scale = Math.max(1, ...Array.from(targets, Math.abs));

  const evaluate = (x: Float64Array, level: 0 | 1 | 2): number => {
    if (directions !== null && !(q(x) < 1)) return Number.POSITIVE_INFINITY;
    let largest = Number.NEGATIVE_INFINITY;
    for (let j = 0; j < J; j++) {
      let e = 0;
      for (let r = 0; r < R; r++) {
        let sum = 0;
        for (let t = 0; t < T; t++) sum += features[j * T + t] * x[t * R + r];
        a[j * R + r] = sum;
        e += sum * sum;
      }
      const value = logWeights[j] + 0.5 * s2 * e;
      exponent[j] = value;
      if (value > largest) largest = value;
    }
    let total = 0;
    for (let j = 0; j < J; j++) total += Math.exp(exponent[j] - largest);
    logZ = largest + Math.log(total);
    let value = logZ;
    for (let i = 0; i < size; i++) value += x[i] * (0.5 * eps * x[i] - targets[i]);
    if (level === 0) return value;
    moments.fill(0);
    momentScale = 0;
    for (let j = 0; j < J; j++) {
      const p = Math.exp(exponent[j] - logZ);
      pm[j] = p;
      if (p === 0) continue;
      for (let t = 0; t < T; t++) {
        const phi = features[j * T + t];
        for (let r = 0; r < R; r++) {
          const term = phi * s2 * a[j * R + r];
          moments[t * R + r] += p * term;
          if (Math.abs(term) > momentScale) momentScale = Math.abs(term);
        }
      }
    }
    for (let i = 0; i < size; i++) gradient[i] = moments[i] - targets[i] + eps * x[i];
    if (level === 1) return value;
    weightedGrams(features, pm, a, J, T, R, s2, grams);
    // hess_(tr),(ur') = s^2 delta_rr' E[phi_t phi_u] + s^4 E[phi_t phi_u a_r a_r'] - E[f_tr] E[f_ur'] + eps delta.
    for (let i = 0; i < size; i++) {
      const t = (i / R) | 0;
      const r = i % R;
      for (let k = i; k < size; k++) {
        const u = (k / R) | 0;
        const rr = k % R;
        const low = t <= u ? t * T + u : u * T + t;
        let h = grams[(1 + pairIndex(r, rr, R)) * T * T + low] - moments[i] * moments[k];
        if (rr === r) h += s2 * grams[low];
        if (k === i) h += eps;
        hessian[i * size + k] = h;
        hessian[k * size + i] = h;
      }
    }
    return value;
  };

  return {
    size,
    scale,
    nullSpace: [],
    domain: nonlinearity === 'relu' ? 'the multipliers with q(u) = s^2 sigma_m^2 |Lambda^T relu(kappa . u)|^2 < 1 on every direction u' : 'all multipliers',
    evaluate,
    gradient,
    hessian,
    get pm() {
      if (!folded) return pm;
      // p(-m) = p(m): each kept node stands for itself and its mirror, count - 1 - j.
      const center = (prior.count - 1) / 2;
      for (let j = 0; j < J; j++) {
        const half = j === center ? pm[j] : pm[j] / 2;
        fullPm[j] = half;
        fullPm[prior.count - 1 - j] = half;
      }
      return fullPm;
    },
    moments,
    ridge,
    logPartition: () => logZ,
    stepToBoundary(x, direction, keep) {
      if (directions === null) return Number.POSITIVE_INFINITY;
      return reluStepToBoundary(directions, x, direction, keep, T, R, s2 * problem.priorMStd ** 2);
    },
    roundingFloor: (margin = 1) => cappedRoundingFloor(momentScale * Math.sqrt(J), scale, margin),
    stallHint: () =>
      ' (the Gram matrix is numerically rank-deficient along some directions; a larger ridge, fewer or better spread points, or a larger prior-n-std can help)',
  };
}

/** relu(u . kappa_t) for each direction u (rows) of the domain check: count x T. */
function reluDirections(R: number, points: Float64Array): Float64Array {
  if (R > 2) throw invalid('nonlinearity', 'relu in the joint problem is supported for R <= 2 (its domain is checked on directions)', 'relu');
  const units = R === 1 ? [[1], [-1]] : Array.from({ length: RELU_CIRCLE_DIRECTIONS }, (_, k) => {
    const angle = (2 * Math.PI * k) / RELU_CIRCLE_DIRECTIONS;
    return [Math.cos(angle), Math.sin(angle)];
  });
  const T = points.length / R;
  const out = new Float64Array(units.length * T);
  units.forEach((u, k) => {
    for (let t = 0; t < T; t++) {
      let z = 0;
      for (let r = 0; r < R; r++) z += u[r] * points[t * R + r];
      out[k * T + t] = z > 0 ? z : 0;
    }
  });
  return out;
}

function directionAxis(directions: Float64Array, k: number, x: Float64Array, T: number, R: number, out: Float64Array): void {
  out.fill(0);
  for (let t = 0; t < T; t++) {
    const phi = directions[k * T + t];
    if (phi === 0) continue;
    for (let r = 0; r < R; r++) out[r] += phi * x[t * R + r];
  }
}

function maxQ(directions: Float64Array, x: Float64Array, T: number, R: number, factor: number): number {
  const count = directions.length / T;
  const axis = new Float64Array(R);
  let largest = 0;
  for (let k = 0; k < count; k++) {
    directionAxis(directions, k, x, T, R, axis);
    let q = 0;
    for (let r = 0; r < R; r++) q += axis[r] * axis[r];
    largest = Math.max(largest, factor * q);
  }
  return largest;
}

/** As dual.ts's: the largest t keeping `keep` of 1 - q on every direction (q quadratic in t). */
function reluStepToBoundary(directions: Float64Array, x: Float64Array, direction: Float64Array, keep: number, T: number, R: number, factor: number): number {
  const count = directions.length / T;
  const alpha = new Float64Array(R);
  const beta = new Float64Array(R);
  let largest = Number.POSITIVE_INFINITY;
  for (let k = 0; k < count; k++) {
    directionAxis(directions, k, x, T, R, alpha);
    directionAxis(directions, k, direction, T, R, beta);
    let aa = 0;
    let ab = 0;
    let bb = 0;
    for (let r = 0; r < R; r++) {
      aa += alpha[r] * alpha[r];
      ab += alpha[r] * beta[r];
      bb += beta[r] * beta[r];
    }
    if (bb === 0) continue;
    const c = (1 - keep) * (1 / factor - aa);
    if (!(c > 0)) return 0;
    const root = c / (ab + Math.sqrt(ab * ab + bb * c));
    if (root < largest) largest = root;
  }
  return largest;
}

/** Index of the unordered pair (r, r') among the R (R + 1) / 2 pairs, row by row (r <= r'). */
function pairIndex(r: number, rr: number, R: number): number {
  const [lo, hi] = r <= rr ? [r, rr] : [rr, r];
  return lo * R - (lo * (lo - 1)) / 2 + (hi - lo);
}

/**
 * The upper triangles (t <= u) of E_p[phi_t phi_u] and of s^4 E_p[phi_t phi_u a_r a_r'] for
 * every pair r <= r', into `grams` (1 + R (R + 1) / 2 blocks of T x T). One pass over
 * the points with the products phi_t phi_u shared by all blocks: this is the bulk of
 * a Hessian evaluation (R = 1 and 2 are written out, the rest loops over pairs).
 */
function weightedGrams(features: Float64Array, pm: Float64Array, a: Float64Array, J: number, T: number, R: number, s2: number, grams: Float64Array): void {
  grams.fill(0);
  const s4 = s2 * s2;
  const TT = T * T;
  const pairs = (R * (R + 1)) / 2;
  const c = new Float64Array(1 + pairs);
  for (let j = 0; j < J; j++) {
    const p = pm[j];
    if (p === 0) continue;
    const row = j * T;
    if (R === 1) {
      const c0 = p;
      const c1 = p * s4 * a[j] * a[j];
      for (let t = 0; t < T; t++) {
        const phi = features[row + t];
        const base = t * T;
        for (let u = t; u < T; u++) {
          const prod = phi * features[row + u];
          grams[base + u] += c0 * prod;
          grams[TT + base + u] += c1 * prod;
        }
      }
    } else if (R === 2) {
      const a1 = a[2 * j];
      const a2 = a[2 * j + 1];
      const c0 = p;
      const c11 = p * s4 * a1 * a1;
      const c12 = p * s4 * a1 * a2;
      const c22 = p * s4 * a2 * a2;
      for (let t = 0; t < T; t++) {
        const phi = features[row + t];
        const base = t * T;
        for (let u = t; u < T; u++) {
          const prod = phi * features[row + u];
          grams[base + u] += c0 * prod;
          grams[TT + base + u] += c11 * prod;
          grams[2 * TT + base + u] += c12 * prod;
          grams[3 * TT + base + u] += c22 * prod;
        }
      }
    } else {
      c[0] = p;
      let k = 1;
      for (let r = 0; r < R; r++) for (let rr = r; rr < R; rr++) c[k++] = p * s4 * a[j * R + r] * a[j * R + rr];
      for (let t = 0; t < T; t++) {
        const phi = features[row + t];
        const base = t * T;
        for (let u = t; u < T; u++) {
          const prod = phi * features[row + u];
          for (let b = 0; b <= pairs; b++) grams[b * TT + base + u] += c[b] * prod;
        }
      }
    }
  }
}
