import type { MaxentProblem } from '@maxent/constraints';
import type { DualLevel } from './estimator.js';
import type { GainPoints } from './gainPoints.js';

/**
 * The convex dual of model.md §4 with the expectation over v replaced by a
 * weighted set of gain vectors g_i with weights W_i (gainPoints.ts: quadrature
 * nodes or Monte Carlo draws, model.md §7). With a_i = lambda^T g_i and
 * q_i = sigma^4 |a_i|^2, the Gaussian part (u, w) integrates out in closed form
 * (§5), as in dual.ts with pi(g) replaced by the point weights:
 *
 *     L(lambda)  = log Ztilde - <lambda, A>,   Ztilde = sum_i W_i (1 - q_i)^(-1/2)
 *     pi_i       = W_i (1 - q_i)^(-1/2) / Ztilde
 *     E[f_kj]    = sum_i pi_i g_ik sigma^4 a_ij / (1 - q_i)
 *     E[f f^T]   = sum_i pi_i (g_i g_i^T) (x) ( sigma^4 I / (1 - q_i) + 3 sigma^8 a_i a_i^T / (1 - q_i)^2 )
 *     hess L     = E[f f^T] - E[f] E[f]^T
 *
 * The Hessian is accumulated point by point, dense (KP x KP): with b_i = g_i (x) a_i
 * it is sum_i pi_i [ sigma^4/(1-q_i) (g_i g_i^T) (x) I + 3 sigma^8/(1-q_i)^2 b_i b_i^T ],
 * one K x K and one upper-triangular KP x KP update per point.
 *
 * Every point has positive weight, so this discretised dual is finite exactly
 * where q_i < 1 at every point, and steep there: it always has a minimiser
 * (given feasibility), even where the true dual's lies on or beyond the edge of
 * its domain (model.md §7 "Attainability"). Whether the answer is admissible is
 * decided at the vertices of the gain box (gainBox.ts), not here.
 */
export interface PointDualWorkspace {
  readonly problem: MaxentProblem;
  readonly points: GainPoints;
  /** q_i of the last evaluation. */
  readonly q: Float64Array;
  /** W_i (1 - q_i)^(-1/2) of the last evaluation (unnormalised pi). */
  readonly weight: Float64Array;
  /** E[f] of the last evaluation with level >= 1, K x P row-major. */
  readonly moments: Float64Array;
  /** grad L of the last evaluation with level >= 1. */
  readonly gradient: Float64Array;
  /** hess L of the last evaluation with level 2. */
  readonly hessian: Float64Array;
  readonly scratchA: Float64Array;
  readonly scratchB: Float64Array;
  readonly scratchD: Float64Array;
  /** log Ztilde of the last evaluation. */
  logPartition: number;
  /** Rounding scale of E[f] at the last evaluation with level >= 1 (as in dual.ts). */
  momentScale: number;
}

export function createPointDualWorkspace(problem: MaxentProblem, points: GainPoints): PointDualWorkspace {
  const { contexts: K, stimuli: P } = problem;
  const size = K * P;
  return {
    problem,
    points,
    q: new Float64Array(points.count),
    weight: new Float64Array(points.count),
    moments: new Float64Array(size),
    gradient: new Float64Array(size),
    hessian: new Float64Array(size * size),
    scratchA: new Float64Array(P),
    scratchB: new Float64Array(size),
    scratchD: new Float64Array(K * K),
    logPartition: Number.NaN,
    momentScale: Number.NaN,
  };
}

/**
 * L at lambda and, by level, its gradient and Hessian into the workspace;
 * +Infinity (arrays stale) when q_i >= 1 at some point.
 */
export function evaluatePointDual(workspace: PointDualWorkspace, lambda: Float64Array, level: DualLevel): number {
  const { problem, points, q, weight, moments, hessian, scratchA: a, scratchB: b, scratchD: d } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const size = K * P;
  const s2 = problem.weightScale * problem.weightScale;
  const s4 = s2 * s2;
  const { gains, weights: prior, count } = points;
  if (level > 0) moments.fill(0);
  if (level === 2) {
    hessian.fill(0);
    d.fill(0);
  }
  let partition = 0;
  let sumWeight1 = 0;
  let sumWeight1Condition = 0;
  let magnitude = 0;
  for (let i = 0; i < count; i++) {
    const row = i * K;
    let norm2 = 0;
    let largest = 0;
    for (let j = 0; j < P; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += lambda[k * P + j] * gains[row + k];
      a[j] = sum;
      norm2 += sum * sum;
      if (Math.abs(sum) > largest) largest = Math.abs(sum);
    }
    const qi = s4 * norm2;
    // The Gaussian part is not normalisable at this point (model.md §5).
    if (!(qi < 1)) return Number.POSITIVE_INFINITY;
    const slack = 1 - qi;
    const w = prior[i] / Math.sqrt(slack);
    q[i] = qi;
    weight[i] = w;
    partition += w;
    if (level === 0) continue;
    const w1 = (w * s4) / slack;
    sumWeight1 += w1;
    sumWeight1Condition += (w1 * qi) / slack;
    magnitude += w1 * largest;
    for (let k = 0; k < K; k++) {
      const gk = w1 * gains[row + k];
      for (let j = 0; j < P; j++) moments[k * P + j] += gk * a[j];
    }
    if (level === 1) continue;
    const w2 = (3 * w1 * s4) / slack;
    for (let k = 0; k < K; k++) {
      const gk = gains[row + k];
      for (let k2 = k; k2 < K; k2++) d[k * K + k2] += w1 * gk * gains[row + k2];
      for (let j = 0; j < P; j++) b[k * P + j] = gk * a[j];
    }
    for (let r = 0; r < size; r++) {
      const br = w2 * b[r];
      if (br === 0) continue;
      const offset = r * size;
      for (let c = r; c < size; c++) hessian[offset + c] += br * b[c];
    }
  }
  const logPartition = Math.log(partition);
  workspace.logPartition = logPartition;
  const task = problem.task.data;
  let linear = 0;
  for (let i = 0; i < size; i++) linear += lambda[i] * task[i];
  const value = logPartition - linear;
  if (level === 0) return value;

  const inverse = 1 / partition;
  const { gradient } = workspace;
  for (let i = 0; i < size; i++) {
    moments[i] *= inverse;
    gradient[i] = moments[i] - task[i];
  }
  workspace.momentScale = magnitude * inverse * (1 + (sumWeight1 > 0 ? sumWeight1Condition / sumWeight1 : 0));
  if (level === 1) return value;

  for (let k = 0; k < K; k++) {
    for (let j = 0; j < P; j++) {
      const r = k * P + j;
      for (let k2 = k; k2 < K; k2++) {
        // (k, j), (k2, j) with k2 >= k lies in the upper triangle.
        hessian[r * size + k2 * P + j] += d[k * K + k2];
      }
    }
  }
  for (let r = 0; r < size; r++) {
    for (let c = r; c < size; c++) {
      const entry = hessian[r * size + c] * inverse - moments[r] * moments[c];
      hessian[r * size + c] = entry;
      hessian[c * size + r] = entry;
    }
  }
  return value;
}

/**
 * The largest t such that lambda + t direction keeps at least `keep` of every
 * point's slack 1 - q_i (fraction to the boundary, as dual.ts stepToBoundary).
 */
export function pointStepToBoundary(workspace: PointDualWorkspace, lambda: Float64Array, direction: Float64Array, keep: number): number {
  const { problem, points } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const s2 = problem.weightScale * problem.weightScale;
  const s4 = s2 * s2;
  const { gains, count } = points;
  let largest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const row = i * K;
    let aa = 0;
    let ab = 0;
    let bb = 0;
    for (let j = 0; j < P; j++) {
      let x = 0;
      let y = 0;
      for (let k = 0; k < K; k++) {
        const g = gains[row + k];
        x += lambda[k * P + j] * g;
        y += direction[k * P + j] * g;
      }
      aa += x * x;
      ab += x * y;
      bb += y * y;
    }
    if (bb === 0) continue;
    const c = (1 - keep) * (1 / s4 - aa);
    if (!(c > 0)) return 0;
    const root = c / (ab + Math.sqrt(ab * ab + bb * c));
    if (root < largest) largest = root;
  }
  return largest;
}

/**
 * Monte Carlo standard errors of the moments at the last evaluation (level >= 1):
 * E[f] is the self-normalised estimate sum_i pi_i h_i of the conditional means
 * h_i,kj = g_ik sigma^4 a_ij / (1 - q_i) (the (u, w) part is exact, §5), whose
 * delta-method variance for M independent draws is estimated by
 * sum_i pi_i^2 (h_i - E[f])^2. K x P row-major.
 */
export function momentStandardErrors(workspace: PointDualWorkspace, lambda: Float64Array): Float64Array {
  const { problem, points, q, weight, moments } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const s4 = problem.weightScale ** 4;
  const { gains, count } = points;
  let partition = 0;
  for (let i = 0; i < count; i++) partition += weight[i];
  const variance = new Float64Array(K * P);
  const a = new Float64Array(P);
  for (let i = 0; i < count; i++) {
    const row = i * K;
    for (let j = 0; j < P; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += lambda[k * P + j] * gains[row + k];
      a[j] = sum;
    }
    const pi = weight[i] / partition;
    const factor = s4 / (1 - q[i]);
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < P; j++) {
        const deviation = gains[row + k] * factor * a[j] - moments[k * P + j];
        variance[k * P + j] += pi * pi * deviation * deviation;
      }
    }
  }
  return variance.map(Math.sqrt);
}
