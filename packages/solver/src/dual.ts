import { invalid, zeros, type Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { requireInDomain, type DualLevel } from './estimator.js';
import { axisTable, lowBitCount, patternTable, supersetSums, type PatternTable } from './patterns.js';

/**
 * The convex dual of model.md §4 for binary gains, by exact enumeration of the
 * 2^K gain patterns (model.md §5-§6):
 *
 *     L(lambda) = log Ztilde(lambda) - <lambda, A>,  Ztilde = sum_g P0(g) (1 - q(g))^(-1/2)
 *     grad L    = E[f] - A,   E[f_kj] = sum_g pi(g) g_k sigma^4 a_j / (1 - q)
 *     hess L    = Cov(f),     E[f_kj f_k'j'] = sum_g pi(g) g_k g_k' M_jj'(g)
 *     M(g)      = sigma^4 I / (1 - q) + 3 sigma^8 a a^T / (1 - q)^2     (Isserlis, §5)
 *
 * Because g is binary and a = lambda^T g, every moment is a sum of
 * per-pattern weights over the patterns containing a few given contexts:
 *
 *     E[f_kj]          = sum_l lambda_lj F1({k, l})
 *     E[f_kj f_k'j']   = F1({k, k'}) delta_jj' + sum_{l,l'} lambda_lj lambda_l'j' F2({k, k', l, l'})
 *
 * with F1, F2 the superset sums of w1 = pi sigma^4 / (1 - q) and
 * w2 = 3 pi sigma^8 / (1 - q)^2. So one pass over the patterns (O(2^K P)), two
 * zeta transforms (O(K 2^K)) and an O(K^4 P + K^3 P^2) contraction give the
 * exact dense Hessian, instead of O(2^K (KP)^2) for accumulating it pattern
 * by pattern.
 */
export interface DualWorkspace {
  readonly problem: MaxentProblem;
  readonly patterns: PatternTable;
  readonly lowBits: number;
  readonly highBits: number;
  readonly lowAxis: Float64Array;
  readonly highAxis: Float64Array;
  /** The same tables for a search direction (stepToBoundary). */
  readonly lowDirection: Float64Array;
  readonly highDirection: Float64Array;
  /** q(g) of the last evaluation (NaN outside the support). */
  readonly q: Float64Array;
  /** P0(g) (1 - q)^(-1/2) of the last evaluation (unnormalised pi). */
  readonly weight: Float64Array;
  readonly weight1: Float64Array;
  readonly weight2: Float64Array;
  /** E[f] of the last evaluation with level >= 1, K x P row-major. */
  readonly moments: Float64Array;
  /** grad L of the last evaluation with level >= 1. */
  readonly gradient: Float64Array;
  /** hess L of the last evaluation with level 2, KP x KP row-major. */
  readonly hessian: Float64Array;
  /** Scratch for the Hessian contraction. */
  readonly scratchT: Float64Array;
  readonly scratchY: Float64Array;
  /** log Ztilde of the last evaluation. */
  logPartition: number;
  /**
   * Rounding scale of E[f] at the last evaluation with level >= 1: the largest
   * sum_l |lambda_lj| F1({k, l}) (size of the terms summed into E[f_kj]) times
   * 1 + kappa, kappa = the w1-weighted mean of q / (1 - q) (relative error of 1 - q
   * computed from q). The residual cannot go much below a few eps times this.
   */
  momentScale: number;
}


export function createDualWorkspace(problem: MaxentProblem): DualWorkspace {
  const { contexts: K, stimuli: P } = problem;
  const patterns = patternTable(problem);
  const lowBits = lowBitCount(K);
  const highBits = K - lowBits;
  const size = K * P;
  return {
    problem,
    patterns,
    lowBits,
    highBits,
    lowAxis: new Float64Array((1 << lowBits) * P),
    highAxis: new Float64Array((1 << highBits) * P),
    lowDirection: new Float64Array((1 << lowBits) * P),
    highDirection: new Float64Array((1 << highBits) * P),
    q: new Float64Array(patterns.count),
    weight: new Float64Array(patterns.count),
    weight1: new Float64Array(patterns.count),
    weight2: new Float64Array(patterns.count),
    moments: new Float64Array(size),
    gradient: new Float64Array(size),
    hessian: new Float64Array(size * size),
    scratchT: new Float64Array(K * K),
    scratchY: new Float64Array(K * P),
    logPartition: Number.NaN,
    momentScale: Number.NaN,
  };
}

/**
 * Evaluates L at `lambda` (K*P row-major) and, by `level`, its gradient and
 * Hessian into the workspace. Returns L, or +Infinity when lambda is outside the
 * domain (q(g) >= 1 for some pattern of the support, model.md §5 "Domain"), in
 * which case the gradient and Hessian are left stale.
 */
export function evaluateDual(workspace: DualWorkspace, lambda: Float64Array, level: DualLevel): number {
  const { problem, patterns, lowBits, highBits, lowAxis, highAxis, q, weight, weight1, weight2 } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const s2 = problem.weightScale * problem.weightScale;
  const s4 = s2 * s2;
  const s8 = s4 * s4;
  const prior = patterns.prior;
  axisTable(lambda, P, 0, lowBits, lowAxis);
  axisTable(lambda, P, lowBits, highBits, highAxis);

  const lowCount = 1 << lowBits;
  const highCount = 1 << highBits;
  let partition = 0;
  let sumWeight1 = 0;
  let sumWeight1Condition = 0;
  for (let high = 0; high < highCount; high++) {
    const highOffset = high * P;
    for (let low = 0; low < lowCount; low++) {
      const index = high * lowCount + low;
      const p0 = prior[index];
      if (p0 === 0) {
        q[index] = Number.NaN;
        weight[index] = 0;
        weight1[index] = 0;
        weight2[index] = 0;
        continue;
      }
      const lowOffset = low * P;
      let norm2 = 0;
      for (let j = 0; j < P; j++) {
        const a = lowAxis[lowOffset + j] + highAxis[highOffset + j];
        norm2 += a * a;
      }
      const qg = s4 * norm2;
      // Outside the domain the Gaussian part is not normalisable (model.md §5).
      if (!(qg < 1)) return Number.POSITIVE_INFINITY;
      const slack = 1 - qg;
      const w = p0 / Math.sqrt(slack);
      q[index] = qg;
      weight[index] = w;
      partition += w;
      if (level > 0) {
        const w1 = (w * s4) / slack;
        weight1[index] = w1;
        weight2[index] = (3 * w1 * s4) / slack;
        sumWeight1 += w1;
        sumWeight1Condition += (w1 * qg) / slack;
      }
    }
  }
  const logPartition = Math.log(partition);
  workspace.logPartition = logPartition;
  const task = problem.task.data;
  let linear = 0;
  for (let i = 0; i < K * P; i++) linear += lambda[i] * task[i];
  const value = logPartition - linear;
  if (level === 0) return value;

  const inverse = 1 / partition;
  for (let i = 0; i < patterns.count; i++) weight1[i] *= inverse;
  supersetSums(weight1, K);
  const { moments, gradient } = workspace;
  let momentScale = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < P; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let l = 0; l < K; l++) {
        const term = weight1[(1 << k) | (1 << l)] * lambda[l * P + j];
        sum += term;
        magnitude += Math.abs(term);
      }
      moments[k * P + j] = sum;
      gradient[k * P + j] = sum - task[k * P + j];
      if (magnitude > momentScale) momentScale = magnitude;
    }
  }
  workspace.momentScale = momentScale * (1 + (sumWeight1 > 0 ? sumWeight1Condition / sumWeight1 : 0));
  if (level === 1) return value;

  for (let i = 0; i < patterns.count; i++) weight2[i] *= inverse;
  supersetSums(weight2, K);
  fillHessian(workspace, lambda);
  return value;
}

/**
 * The largest t such that moving from lambda to lambda + t direction keeps, for
 * every pattern of the support, at least `keep` of its slack 1 - q(g)
 * ("fraction to the boundary", as in interior-point methods). q(g) along the line
 * is the quadratic sigma^4 |a + t b|^2 with b = direction^T g, so the bound is a
 * root per pattern. Newton steps computed far from the wall of a rare pattern
 * (small P0(g), so small weight in the Hessian) would otherwise jump right next to
 * it, where the dual is very steep and progress stalls (model.md §5 "Domain").
 */
export function stepToBoundary(workspace: DualWorkspace, lambda: Float64Array, direction: Float64Array, keep: number): number {
  const { problem, patterns, lowBits, highBits, lowAxis, highAxis, lowDirection, highDirection } = workspace;
  const P = problem.stimuli;
  const s2 = problem.weightScale * problem.weightScale;
  const s4 = s2 * s2;
  axisTable(lambda, P, 0, lowBits, lowAxis);
  axisTable(lambda, P, lowBits, highBits, highAxis);
  axisTable(direction, P, 0, lowBits, lowDirection);
  axisTable(direction, P, lowBits, highBits, highDirection);
  const lowCount = 1 << lowBits;
  const highCount = 1 << highBits;
  let largest = Number.POSITIVE_INFINITY;
  for (let high = 0; high < highCount; high++) {
    const highOffset = high * P;
    for (let low = 0; low < lowCount; low++) {
      if (patterns.prior[high * lowCount + low] === 0) continue;
      const lowOffset = low * P;
      let aa = 0;
      let ab = 0;
      let bb = 0;
      for (let j = 0; j < P; j++) {
        const a = lowAxis[lowOffset + j] + highAxis[highOffset + j];
        const b = lowDirection[lowOffset + j] + highDirection[highOffset + j];
        aa += a * a;
        ab += a * b;
        bb += b * b;
      }
      if (bb === 0) continue;
      // s4 (aa + 2 t ab + t^2 bb) = 1 - keep (1 - s4 aa)  <=>  bb t^2 + 2 ab t - c = 0, c > 0.
      const c = (1 - keep) * (1 / s4 - aa);
      if (!(c > 0)) return 0;
      const root = c / (ab + Math.sqrt(ab * ab + bb * c));
      if (root < largest) largest = root;
    }
  }
  return largest;
}

function fillHessian(workspace: DualWorkspace, lambda: Float64Array): void {
  const { problem, weight1: f1, weight2: f2, moments, hessian, scratchT: t, scratchY: y } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const size = K * P;
  for (let k = 0; k < K; k++) {
    for (let k2 = k; k2 < K; k2++) {
      const base = (1 << k) | (1 << k2);
      // T[l][l'] = F2({k, k', l, l'}); Y = T lambda; block = lambda^T Y.
      for (let l = 0; l < K; l++) {
        const withL = base | (1 << l);
        for (let l2 = 0; l2 < K; l2++) t[l * K + l2] = f2[withL | (1 << l2)];
      }
      for (let l = 0; l < K; l++) {
        for (let j = 0; j < P; j++) {
          let sum = 0;
          for (let l2 = 0; l2 < K; l2++) sum += t[l * K + l2] * lambda[l2 * P + j];
          y[l * P + j] = sum;
        }
      }
      const diagonal = f1[base];
      for (let j = 0; j < P; j++) {
        const row = (k * P + j) * size + k2 * P;
        const mirror = k2 * P * size + k * P + j;
        for (let j2 = 0; j2 < P; j2++) {
          let sum = j === j2 ? diagonal : 0;
          for (let l = 0; l < K; l++) sum += lambda[l * P + j] * y[l * P + j2];
          sum -= moments[k * P + j] * moments[k2 * P + j2];
          hessian[row + j2] = sum;
          hessian[mirror + j2 * size] = sum;
        }
      }
    }
  }
}

/** Value, gradient and Hessian of the dual at one lambda (fresh arrays). */
export interface DualEvaluation {
  /** L(lambda) = log Ztilde - <lambda, A>; +Infinity outside the domain. */
  readonly value: number;
  /** log Ztilde(lambda). NaN outside the domain. */
  readonly logPartition: number;
  /** grad L = E[f] - A, K x P. NaN outside the domain. */
  readonly gradient: Mat;
  /** E[f] at lambda, K x P. NaN outside the domain. */
  readonly moments: Mat;
  /** hess L = Cov(f), KP x KP with index k*P + j. NaN outside the domain. */
  readonly hessian: Mat;
}

/**
 * The dual objective of model.md §4-§5 with its exact gradient and Hessian, for
 * binary gains (relu; linear as the all-active pattern). For tests and for
 * callers who build their own optimiser.
 */
export function dualObjective(problem: MaxentProblem, lambda: Mat): DualEvaluation {
  checkLambdaShape(problem, lambda, 'lambda');
  const workspace = createDualWorkspace(problem);
  const { contexts: K, stimuli: P } = problem;
  const value = evaluateDual(workspace, lambda.data, 2);
  const inside = Number.isFinite(value);
  const copy = (data: Float64Array, rows: number, cols: number): Mat => {
    const out = zeros(rows, cols);
    if (inside) out.data.set(data);
    else out.data.fill(Number.NaN);
    return out;
  };
  return {
    value,
    logPartition: inside ? workspace.logPartition : Number.NaN,
    gradient: copy(workspace.gradient, K, P),
    moments: copy(workspace.moments, K, P),
    hessian: copy(workspace.hessian, K * P, K * P),
  };
}

/** The domain of the exact dual (model.md §5 "Domain"), for messages. */
export const EXACT_DOMAIN = 'the domain q(g) < 1 for every gain pattern with prior mass (model.md §5)';

/**
 * evaluateDual, throwing InvalidInputError naming `field` when lambda lies outside
 * the domain (where the value is +Infinity and the workspace's arrays are stale).
 */
export function evaluateInDomain(workspace: DualWorkspace, lambda: Float64Array, level: DualLevel, field: string): number {
  return requireInDomain(evaluateDual(workspace, lambda, level), EXACT_DOMAIN, field);
}

/** Throws InvalidInputError naming `field` unless lambda is a finite K x P matrix. */
export function checkLambdaShape(problem: MaxentProblem, lambda: Mat, field: string): void {
  const { contexts: K, stimuli: P } = problem;
  if (lambda.rows !== K || lambda.cols !== P || lambda.data.length !== K * P) {
    throw invalid(field, `must be a ${K} x ${P} matrix (contexts x stimuli of the task)`, `${lambda.rows} x ${lambda.cols}`);
  }
  for (let i = 0; i < lambda.data.length; i++) {
    if (!Number.isFinite(lambda.data[i])) throw invalid(field, 'must hold finite numbers', lambda.data[i]);
  }
}
