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
 * Since a_i = lambda^T g_i, every moment is a contraction of lambda with
 * symmetric moments of the gains, as dual.ts does for binary gains:
 *
 *     E[f_kj]        = sum_l lambda_lj F1_kl
 *     E[f_kj f_k'j'] = F1_kk' delta_jj' + sum_{l,l'} lambda_lj lambda_l'j' F2_kk'll'
 *
 * with F1 = sum_i pi_i sigma^4/(1 - q_i) g_i (x) g_i and F2 = sum_i pi_i
 * 3 sigma^8/(1 - q_i)^2 g_i (x) g_i (x) g_i (x) g_i. A point costs its K P axis a_i,
 * K(K+1)/2 second and C(K+3, 4) fourth moments (a fourth moment is the product
 * of two of the point's pair products g_k g_l, one multiplication each), instead of (KP)^2 / 2 for the dense outer
 * product; the contraction into the dense KP x KP Hessian is done once per
 * evaluation.
 *
 * Every point has positive weight, so this discretised dual is finite exactly
 * where q_i < 1 at every point, and steep there: it has a minimiser (given
 * feasibility) even where the true dual's lies on or beyond the edge of its
 * domain (model.md §7 "Attainability"). Whether the answer is admissible is
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
  /** Sorted second moments F1 (k <= l), then the dense K x K table. */
  readonly second: Float64Array;
  readonly secondTable: Float64Array;
  /** Sorted fourth moments F2 (k <= k' <= l <= l'), then the dense K^4 table. */
  readonly fourth: Float64Array;
  readonly fourthTable: Float64Array;
  /** Position in `fourth` of each entry of the dense table. */
  readonly fourthIndex: Int32Array;
  /** Position of the pair (k, k) in `second`'s order, for each k. */
  readonly diagonalPair: Int32Array;
  readonly scratchPair: Float64Array;
  readonly scratchA: Float64Array;
  readonly scratchY: Float64Array;
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
    second: new Float64Array((K * (K + 1)) / 2),
    secondTable: new Float64Array(K * K),
    fourth: new Float64Array((K * (K + 1) * (K + 2) * (K + 3)) / 24),
    fourthTable: new Float64Array(K ** 4),
    fourthIndex: sortedFourthIndex(K),
    diagonalPair: Int32Array.from({ length: K }, (_, k) => k * K - (k * (k - 1)) / 2),
    scratchPair: new Float64Array((K * (K + 1)) / 2),
    scratchA: new Float64Array(P),
    scratchY: new Float64Array(K * P),
    logPartition: Number.NaN,
    momentScale: Number.NaN,
  };
}

/**
 * L at lambda and, by level, its gradient and Hessian into the workspace;
 * +Infinity (arrays stale) when q_i >= 1 at some point.
 */
export function evaluatePointDual(workspace: PointDualWorkspace, lambda: Float64Array, level: DualLevel): number {
  const { problem, points, q, weight, second, fourth, scratchA: a, scratchPair: pair, diagonalPair } = workspace;
  const pairCount = second.length;
  const { contexts: K, stimuli: P } = problem;
  const size = K * P;
  const s2 = problem.weightScale * problem.weightScale;
  const s4 = s2 * s2;
  const { gains, weights: prior, count } = points;
  second.fill(0);
  fourth.fill(0);
  let partition = 0;
  let sumWeight1 = 0;
  let sumWeight1Condition = 0;
  for (let i = 0; i < count; i++) {
    const row = i * K;
    let norm2 = 0;
    for (let j = 0; j < P; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += lambda[k * P + j] * gains[row + k];
      a[j] = sum;
      norm2 += sum * sum;
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
    // Products g_k g_l (k <= l) in the order of `second`; a fourth moment is a product of two of them.
    let index = 0;
    for (let k = 0; k < K; k++) {
      const gk = gains[row + k];
      for (let l = k; l < K; l++) pair[index++] = gk * gains[row + l];
    }
    for (let t = 0; t < pairCount; t++) second[t] += w1 * pair[t];
    if (level === 1) continue;
    const w2 = (3 * w1 * s4) / slack;
    // Sorted quadruples (k, k', l, l') run over the pairs (k, k') in order and, for each, over the pairs
    // (l, l') with l >= k': a contiguous tail of `pair` from (k', k') on, so no index tables.
    let t = 0;
    let left = 0;
    for (let k = 0; k < K; k++) {
      for (let k2 = k; k2 < K; k2++) {
        const scaled = w2 * pair[left++];
        for (let b = diagonalPair[k2]; b < pairCount; b++) fourth[t++] += scaled * pair[b];
      }
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
  const { moments, gradient, secondTable: f1 } = workspace;
  let index = 0;
  for (let k = 0; k < K; k++) {
    for (let l = k; l < K; l++) {
      const entry = second[index++] * inverse;
      f1[k * K + l] = entry;
      f1[l * K + k] = entry;
    }
  }
  let momentScale = 0;
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < P; j++) {
      let sum = 0;
      let magnitude = 0;
      for (let l = 0; l < K; l++) {
        const term = f1[k * K + l] * lambda[l * P + j];
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

  fillFourthTable(workspace, inverse);
  fillPointHessian(workspace, lambda);
  return value;
}

/** The dense symmetric K^4 table of F2 from its sorted entries, normalised by 1 / Ztilde. */
function fillFourthTable(workspace: PointDualWorkspace, inverse: number): void {
  const { fourth, fourthTable: table, fourthIndex } = workspace;
  for (let t = 0; t < table.length; t++) table[t] = fourth[fourthIndex[t]] * inverse;
}

/**
 * For every (k, k', l, l') in K^4 (row-major), the position of its sorted
 * quadruple in the order the accumulation loop of evaluatePointDual writes.
 */
function sortedFourthIndex(K: number): Int32Array {
  const position = new Map<number, number>();
  let index = 0;
  for (let k = 0; k < K; k++) {
    for (let k2 = k; k2 < K; k2++) {
      for (let l = k2; l < K; l++) for (let l2 = l; l2 < K; l2++) position.set(((k * K + k2) * K + l) * K + l2, index++);
    }
  }
  const map = new Int32Array(K ** 4);
  for (let t = 0; t < map.length; t++) {
    const sorted = [Math.floor(t / K ** 3), Math.floor(t / K ** 2) % K, Math.floor(t / K) % K, t % K].sort((x, y) => x - y);
    map[t] = position.get(((sorted[0] * K + sorted[1]) * K + sorted[2]) * K + sorted[3])!;
  }
  return map;
}

/** hess L from F1, F2 and E[f] (see the header): per pair (k, k'), Y = T lambda with T_ll' = F2_kk'll', block = lambda^T Y. */
function fillPointHessian(workspace: PointDualWorkspace, lambda: Float64Array): void {
  const { problem, secondTable: f1, fourthTable: f2, moments, hessian, scratchY: y } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const size = K * P;
  for (let k = 0; k < K; k++) {
    for (let k2 = k; k2 < K; k2++) {
      const base = (k * K + k2) * K * K;
      for (let l = 0; l < K; l++) {
        for (let j = 0; j < P; j++) {
          let sum = 0;
          for (let l2 = 0; l2 < K; l2++) sum += f2[base + l * K + l2] * lambda[l2 * P + j];
          y[l * P + j] = sum;
        }
      }
      const diagonal = f1[k * K + k2];
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
    // s4 (aa + 2 t ab + t^2 bb) = 1 - keep (1 - s4 aa)  <=>  bb t^2 + 2 ab t - c = 0, c > 0: the positive root,
    // in the form without cancellation for either sign of ab (points with tiny gains have bb << ab^2).
    const c = (1 - keep) * (1 / s4 - aa);
    if (!(c > 0)) return 0;
    const discriminant = Math.sqrt(ab * ab + bb * c);
    const root = ab >= 0 ? c / (ab + discriminant) : (discriminant - ab) / bb;
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
