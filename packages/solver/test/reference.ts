// Independent, deliberately naive reference for the exact dual (model.md §5-§6):
// loops over every gain pattern and accumulates E[f] and E[f f^T] entry by entry
// from the conditional Gaussian moments, with no superset sums or shortcuts.
import type { MaxentProblem } from '@maxent/constraints';
import { activeProbability, patternPriorProbability } from '@maxent/constraints';

export interface NaiveDual {
  value: number;
  logPartition: number;
  moments: number[];
  hessian: number[][];
  fractions: number[];
}

export function naiveDual(problem: MaxentProblem, lambda: ArrayLike<number>): NaiveDual {
  const { contexts: K, stimuli: P, weightScale: sigma } = problem;
  const rho = problem.nonlinearity === 'linear' ? 1 : activeProbability(problem);
  const s2 = sigma ** 2;
  const patterns: number[][] = [];
  const weights: number[] = [];
  const means: number[][] = [];
  const second: number[][][] = [];
  for (let index = 0; index < 2 ** K; index++) {
    const g = Array.from({ length: K }, (_, k) => (index >> k) & 1);
    const prior = patternPriorProbability(g, rho);
    if (prior === 0) continue;
    const a = Array.from({ length: P }, (_, j) => g.reduce((sum, gk, k) => sum + gk * lambda[k * P + j], 0));
    const q = s2 * s2 * a.reduce((sum, x) => sum + x * x, 0);
    if (q >= 1) throw new Error('outside the domain');
    const varW = s2 / (1 - q);
    const covU = (j: number, j2: number) => s2 * ((j === j2 ? 1 : 0) + (s2 * s2 * a[j] * a[j2]) / (1 - q));
    const ewu = a.map((x) => (s2 * s2 * x) / (1 - q));
    // E[f_kj | v] = g_k E[w u_j]; E[f_kj f_k'j' | v] = g_k g_k' (Var w Cov u + 2 E[wu] E[wu]) (Isserlis).
    const mean: number[] = [];
    for (let k = 0; k < K; k++) for (let j = 0; j < P; j++) mean.push(g[k] * ewu[j]);
    const m2: number[][] = [];
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < P; j++) {
        const row: number[] = [];
        for (let k2 = 0; k2 < K; k2++) {
          for (let j2 = 0; j2 < P; j2++) row.push(g[k] * g[k2] * (varW * covU(j, j2) + 2 * ewu[j] * ewu[j2]));
        }
        m2.push(row);
      }
    }
    patterns.push(g);
    weights.push(prior / Math.sqrt(1 - q));
    means.push(mean);
    second.push(m2);
  }
  const Z = weights.reduce((s, w) => s + w, 0);
  const size = K * P;
  const moments = new Array<number>(size).fill(0);
  const raw = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  weights.forEach((w, n) => {
    for (let i = 0; i < size; i++) {
      moments[i] += (w / Z) * means[n][i];
      for (let i2 = 0; i2 < size; i2++) raw[i][i2] += (w / Z) * second[n][i][i2];
    }
  });
  const hessian = raw.map((row, i) => row.map((x, i2) => x - moments[i] * moments[i2]));
  let linear = 0;
  for (let i = 0; i < size; i++) linear += lambda[i] * problem.task.data[i];
  return {
    value: Math.log(Z) - linear,
    logPartition: Math.log(Z),
    moments,
    hessian,
    fractions: weights.map((w) => w / Z),
  };
}

/**
 * The dual over weighted gain points (model.md §7), deliberately naive: per point, E[f | v] and E[f f^T | v] entry by entry from
 * the conditional Gaussian moments of model.md §5 (Isserlis), then mixed with
 * the weights W_i (1 - q_i)^(-1/2) / Ztilde.
 */
export function naivePointDual(
  problem: MaxentProblem,
  points: { readonly count: number; readonly gains: ArrayLike<number>; readonly weights: ArrayLike<number> },
  lambda: ArrayLike<number>,
): { value: number; logPartition: number; moments: number[]; hessian: number[][] } {
  const { contexts: K, stimuli: P, weightScale: sigma } = problem;
  const s2 = sigma * sigma;
  const size = K * P;
  let partition = 0;
  const first = new Array<number>(size).fill(0);
  const second = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  for (let i = 0; i < points.count; i++) {
    const g = Array.from({ length: K }, (_, k) => points.gains[i * K + k]);
    const a = Array.from({ length: P }, (_, j) => g.reduce((sum, gk, k) => sum + gk * lambda[k * P + j], 0));
    const q = s2 * s2 * a.reduce((sum, x) => sum + x * x, 0);
    if (!(q < 1)) return { value: Infinity, logPartition: NaN, moments: [], hessian: [] };
    const w = points.weights[i] / Math.sqrt(1 - q);
    partition += w;
    const ewu = a.map((x) => (s2 * s2 * x) / (1 - q));
    const varW = s2 / (1 - q);
    const covU = (j: number, j2: number) => s2 * ((j === j2 ? 1 : 0) + (s2 * s2 * a[j] * a[j2]) / (1 - q));
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < P; j++) {
        first[k * P + j] += w * g[k] * ewu[j];
        for (let k2 = 0; k2 < K; k2++) {
          for (let j2 = 0; j2 < P; j2++) second[k * P + j][k2 * P + j2] += w * g[k] * g[k2] * (varW * covU(j, j2) + 2 * ewu[j] * ewu[j2]);
        }
      }
    }
  }
  const moments = first.map((x) => x / partition);
  const hessian = second.map((row, r) => row.map((x, c) => x / partition - moments[r] * moments[c]));
  let linear = 0;
  for (let i = 0; i < size; i++) linear += lambda[i] * problem.task.data[i];
  return { value: Math.log(partition) - linear, logPartition: Math.log(partition), moments, hessian };
}

