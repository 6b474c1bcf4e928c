import { eigenvalues } from '@maxent/core';
import { nonlinearity } from '../nonlinearity.js';
import type { LoadingPoints } from './priorPoints.js';
import type { LowRankNonlinearity } from './teacher.js';

/** phi(m_j . kappa_t) for every point m_j and constraint point kappa_t: count x T row-major. */
export function featureMatrix(name: LowRankNonlinearity, loadings: LoadingPoints, points: Float64Array): Float64Array {
  const R = loadings.rank;
  const T = points.length / R;
  const { value } = nonlinearity(name);
  const features = new Float64Array(loadings.count * T);
  for (let j = 0; j < loadings.count; j++) {
    for (let t = 0; t < T; t++) {
      let z = 0;
      for (let r = 0; r < R; r++) z += loadings.m[j * R + r] * points[t * R + r];
      features[j * T + t] = value(z);
    }
  }
  return features;
}

/** K = E_p(m)[ phi phi^T ] (T x T) from the features (count x T) and weights (model.md §14). */
export function gramMatrix(features: Float64Array, weights: Float64Array, T: number): Float64Array {
  const K = new Float64Array(T * T);
  const count = weights.length;
  for (let j = 0; j < count; j++) {
    const w = weights[j];
    const row = j * T;
    for (let a = 0; a < T; a++) {
      const wa = w * features[row + a];
      if (wa === 0) continue;
      for (let b = a; b < T; b++) K[a * T + b] += wa * features[row + b];
    }
  }
  for (let a = 0; a < T; a++) for (let b = 0; b < a; b++) K[a * T + b] = K[b * T + a];
  return K;
}

/** Conditioning of the Gram matrix (model.md §14 "Degeneracy and conditioning"). */
export interface GramSpectrum {
  /** Largest over smallest eigenvalue (Infinity when the smallest is <= 0 in rounding). */
  readonly condition: number;
  /** Eigenvalues below `relativeFloor` of the largest. */
  readonly nullDimensions: number;
  readonly largest: number;
  readonly smallest: number;
  /** tr(K) / T: the scale the default ridge is relative to. */
  readonly meanDiagonal: number;
}

/** Null dimensions count eigenvalues below this fraction of the largest (§14: "below 1e-10 of the largest"). */
export const NULL_EIGENVALUE_FLOOR = 1e-10;

export function gramSpectrum(K: Float64Array, T: number, relativeFloor = NULL_EIGENVALUE_FLOOR): GramSpectrum {
  const { real } = eigenvalues({ rows: T, cols: T, data: K }, 'gram');
  let largest = -Infinity;
  let smallest = Infinity;
  for (const x of real) {
    largest = Math.max(largest, x);
    smallest = Math.min(smallest, x);
  }
  let nullDimensions = 0;
  for (const x of real) if (x < relativeFloor * largest) nullDimensions++;
  let trace = 0;
  for (let t = 0; t < T; t++) trace += K[t * T + t];
  return { condition: smallest > 0 ? largest / smallest : Infinity, nullDimensions, largest, smallest, meanDiagonal: trace / T };
}
