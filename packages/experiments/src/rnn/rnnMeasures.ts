import { weightMetrics, type WeightMetrics } from '@maxent/analysis';
import type { Mat } from '@maxent/core';

/**
 * What the study tracks of a recurrent matrix W after every epoch (model.md §11,
 * §12): the §11 measures by @maxent/analysis' weightMetrics (modularity in the
 * given node order, resolution 1) and the correlation between |W| and distance.
 */
export interface RnnMeasures {
  readonly shannonEntropy: number;
  readonly communicabilityEntropy: number;
  /** Q (null when |W| has no edges). */
  readonly modularity: number | null;
  /** Community label per unit (0-based), from the modularity search. */
  readonly communities: readonly number[];
  readonly leadingEigenvalue: number;
  /** Natural log of the leading eigenvalue (null when it is <= 0), the published `lambda_max`. */
  readonly logLeadingEigenvalue: number | null;
  readonly spectralRadius: number;
  readonly spectralEntropy: number | null;
  readonly totalWeight: number;
  /** Pearson correlation of |W_ij| and D_ij over the off-diagonal pairs (null when |W| is constant there). */
  readonly distanceCorrelation: number | null;
}

export function rnnMeasures(w: Float64Array, units: number, distances: Float64Array): RnnMeasures {
  const matrix: Mat = { rows: units, cols: units, data: w };
  const metrics: WeightMetrics = weightMetrics(matrix, {}, 'W');
  return {
    shannonEntropy: metrics.shannonEntropy,
    communicabilityEntropy: metrics.communicabilityEntropy,
    modularity: metrics.modularity.q,
    communities: Array.from(metrics.modularity.communities),
    leadingEigenvalue: metrics.leadingEigenvalue,
    logLeadingEigenvalue: nullIfNaN(metrics.logLeadingEigenvalue),
    spectralRadius: metrics.spectralRadius,
    spectralEntropy: nullIfNaN(metrics.spectralEntropy),
    totalWeight: metrics.totalWeight,
    distanceCorrelation: distanceCorrelation(w, distances, units),
  };
}

function nullIfNaN(value: number | null): number | null {
  return value === null || Number.isNaN(value) ? null : value;
}

/**
 * Pearson correlation between |W_ij| and D_ij over i != j (the diagonal, where
 * D = 0, is left out). Negative when strong weights are short. Null when either
 * side is constant.
 */
export function distanceCorrelation(w: Float64Array, distances: Float64Array, units: number): number | null {
  let count = 0;
  let sumA = 0;
  let sumD = 0;
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) {
      if (i === j) continue;
      sumA += Math.abs(w[i * units + j]);
      sumD += distances[i * units + j];
      count++;
    }
  }
  const meanA = sumA / count;
  const meanD = sumD / count;
  let cov = 0;
  let varA = 0;
  let varD = 0;
  for (let i = 0; i < units; i++) {
    for (let j = 0; j < units; j++) {
      if (i === j) continue;
      const a = Math.abs(w[i * units + j]) - meanA;
      const d = distances[i * units + j] - meanD;
      cov += a * d;
      varA += a * a;
      varD += d * d;
    }
  }
  if (!(varA > 0 && varD > 0)) return null;
  return cov / Math.sqrt(varA * varD);
}
