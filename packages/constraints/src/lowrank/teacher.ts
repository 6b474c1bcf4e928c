import { invalid } from '@maxent/core';
import { nonlinearity } from '../nonlinearity.js';
import { createTanhAverages, tanhAverages } from './gaussianAverages.js';
import type { LatentField } from './latentField.js';

/** Nonlinearities of the low-rank networks of model.md §14 (tanh by default). */
export const LOWRANK_NONLINEARITIES = ['tanh', 'relu'] as const;
export type LowRankNonlinearity = (typeof LOWRANK_NONLINEARITIES)[number];

/** One Gaussian component of a loading distribution over (m, n) in R^(2R). */
export interface LoadingComponent {
  /** Mixture weight (the weights of a teacher sum to 1). */
  readonly weight: number;
  /** Mean of (m_1..m_R, n_1..n_R). */
  readonly mean: Float64Array;
  /** Covariance of (m, n), 2R x 2R row-major, symmetric positive semi-definite. */
  readonly covariance: Float64Array;
}

/** A teacher given by Gaussian or Gaussian-mixture loadings (model.md §14 "Teachers"). */
export interface MixtureTeacher {
  readonly rank: number;
  readonly nonlinearity: 'tanh';
  readonly components: readonly LoadingComponent[];
}

/** A finite rank-R network: neuron i has loadings m_i, n_i (rows of M, N) and bias d_i. */
export interface LowRankNetwork {
  readonly rank: number;
  readonly neurons: number;
  readonly nonlinearity: LowRankNonlinearity;
  /** M, N x R row-major. */
  readonly m: Float64Array;
  /** N (the matrix), N x R row-major. */
  readonly n: Float64Array;
  /** Biases d (length N), or null for none. */
  readonly bias: Float64Array | null;
}

/**
 * G of a Gaussian mixture with tanh, by Stein's lemma per component (model.md §14):
 * with z = m . kappa ~ N(mu_m . kappa, kappa^T C_mm kappa),
 * `E[n tanh(z)] = mu_n <tanh> + C_nm kappa <tanh'>`; its Jacobian differentiates the
 * averages through mean and variance (d<F>/dv = <F''>/2).
 */
export function mixtureField(teacher: MixtureTeacher): LatentField {
  const R = teacher.rank;
  const D = 2 * R;
  const averages = createTanhAverages();
  const cmmKappa = new Float64Array(R);
  const cnmKappa = new Float64Array(R);
  return {
    rank: R,
    evaluate(kappa, g, jacobian) {
      g.fill(0);
      jacobian?.fill(0);
      for (const { weight, mean, covariance } of teacher.components) {
        let meanZ = 0;
        for (let s = 0; s < R; s++) meanZ += mean[s] * kappa[s];
        let variance = 0;
        for (let r = 0; r < R; r++) {
          let mm = 0;
          let nm = 0;
          for (let s = 0; s < R; s++) {
            mm += covariance[r * D + s] * kappa[s];
            nm += covariance[(R + r) * D + s] * kappa[s];
          }
          cmmKappa[r] = mm;
          cnmKappa[r] = nm;
          variance += kappa[r] * mm;
        }
        tanhAverages(meanZ, variance, averages);
        for (let r = 0; r < R; r++) g[r] += weight * (mean[R + r] * averages.value + cnmKappa[r] * averages.derivative);
        if (jacobian === undefined) continue;
        for (let r = 0; r < R; r++) {
          for (let s = 0; s < R; s++) {
            const dValue = averages.derivative * mean[s] + averages.second * cmmKappa[s];
            const dDerivative = averages.second * mean[s] + averages.third * cmmKappa[s];
            jacobian[r * R + s] +=
              weight * (mean[R + r] * dValue + covariance[(R + r) * D + s] * averages.derivative + cnmKappa[r] * dDerivative);
          }
        }
      }
    },
  };
}

/**
 * G of weighted loadings, `sum_i w_i n_i phi(m_i . kappa + d_i)`: a finite network
 * (w_i = 1/N, model.md §14 "stays in the span") or a solution's p(m) on points with
 * n_i = E[n | m_i]. `weights` null means 1/N each.
 */
export function loadingsField(
  rank: number,
  name: LowRankNonlinearity,
  m: Float64Array,
  n: Float64Array,
  weights: Float64Array | null = null,
  bias: Float64Array | null = null,
): LatentField {
  const R = rank;
  const count = m.length / R;
  const { value, derivative } = nonlinearity(name);
  const uniform = 1 / count;
  return {
    rank: R,
    evaluate(kappa, g, jacobian) {
      g.fill(0);
      jacobian?.fill(0);
      for (let i = 0; i < count; i++) {
        let z = bias === null ? 0 : bias[i];
        for (let s = 0; s < R; s++) z += m[i * R + s] * kappa[s];
        const w = weights === null ? uniform : weights[i];
        const phi = w * value(z);
        for (let r = 0; r < R; r++) g[r] += n[i * R + r] * phi;
        if (jacobian === undefined) continue;
        const slope = w * derivative(z);
        for (let r = 0; r < R; r++) {
          const nr = n[i * R + r] * slope;
          for (let s = 0; s < R; s++) jacobian[r * R + s] += nr * m[i * R + s];
        }
      }
    },
  };
}

/** The latent field of a finite network (model.md §14: exact in the span at finite N). */
export function networkField(network: LowRankNetwork): LatentField {
  return loadingsField(network.rank, network.nonlinearity, network.m, network.n, null, network.bias);
}

/**
 * Checks a teacher's shapes, weights and covariances (symmetric, PSD through its
 * factor), naming the field; returns it with weights normalised to sum 1.
 */
export function checkMixtureTeacher(teacher: MixtureTeacher, field = 'teacher'): MixtureTeacher {
  const R = teacher.rank;
  if (!Number.isInteger(R) || R < 1) throw invalid(`${field}.rank`, 'must be an integer >= 1', R);
  if (teacher.components.length === 0) throw invalid(`${field}.components`, 'must hold at least one component', []);
  const D = 2 * R;
  let total = 0;
  teacher.components.forEach((component, c) => {
    const at = `${field}.components.${c}`;
    if (!(component.weight > 0) || !Number.isFinite(component.weight)) throw invalid(`${at}.weight`, 'must be a positive finite number', component.weight);
    if (component.mean.length !== D) throw invalid(`${at}.mean`, `must hold 2R = ${D} numbers (m then n)`, Array.from(component.mean));
    if (component.covariance.length !== D * D) throw invalid(`${at}.covariance`, `must be a ${D} x ${D} matrix`, `${component.covariance.length} entries`);
    for (const x of [...component.mean, ...component.covariance]) {
      if (!Number.isFinite(x)) throw invalid(at, 'must hold finite numbers', x);
    }
    for (let a = 0; a < D; a++) {
      for (let b = 0; b < a; b++) {
        const ab = component.covariance[a * D + b];
        const ba = component.covariance[b * D + a];
        if (Math.abs(ab - ba) > 1e-12 * Math.max(1, Math.abs(ab))) throw invalid(`${at}.covariance`, 'must be symmetric', `[${a}][${b}] = ${ab}, [${b}][${a}] = ${ba}`);
      }
    }
    psdFactor(component.covariance, D, `${at}.covariance`);
    total += component.weight;
  });
  return { ...teacher, components: teacher.components.map((component) => ({ ...component, weight: component.weight / total })) };
}

/**
 * Lower factor L with L L^T = C (D x D) of a positive semi-definite C: a pivot
 * that rounds to zero leaves its column zero (a degenerate direction, e.g. n = 2m
 * exactly). Throws naming `field` when C is not PSD.
 */
export function psdFactor(covariance: Float64Array, D: number, field: string): Float64Array {
  const L = new Float64Array(D * D);
  let scale = 0;
  for (let a = 0; a < D; a++) scale = Math.max(scale, Math.abs(covariance[a * D + a]));
  const tolerance = 1e-12 * Math.max(scale, 1e-300);
  for (let j = 0; j < D; j++) {
    let pivot = covariance[j * D + j];
    for (let k = 0; k < j; k++) pivot -= L[j * D + k] * L[j * D + k];
    if (pivot < -tolerance) throw invalid(field, 'must be positive semi-definite', `a negative pivot ${pivot.toExponential(3)} at row ${j}`);
    if (pivot <= tolerance) continue;
    const root = Math.sqrt(pivot);
    L[j * D + j] = root;
    for (let i = j + 1; i < D; i++) {
      let sum = covariance[i * D + j];
      for (let k = 0; k < j; k++) sum -= L[i * D + k] * L[j * D + k];
      L[i * D + j] = sum / root;
    }
  }
  return L;
}
