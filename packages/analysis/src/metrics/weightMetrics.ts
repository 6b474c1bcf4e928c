import type { Mat } from '@maxent/core';
import { assertSquareFinite, eigenvaluesOfValidated, expmOfValidated } from '@maxent/core/internal';
import { meanRowEntropy } from './entropy.js';
import { normalisedAbsolute } from './communicability.js';
import { modularityOfValidated, type ModularityOptions, type ModularityResult } from './modularity.js';
import { spectralMeasures, type SpectralMeasures } from './spectralMeasures.js';
import { absoluteSum } from './totalWeight.js';

/**
 * Every measure of model.md §11; the keys of the `weight-metrics` result file
 * (interfaces.md): the four spectral measures and the rest.
 */
export interface WeightMetrics extends SpectralMeasures {
  readonly shannonEntropy: number;
  readonly communicabilityEntropy: number;
  readonly modularity: ModularityResult;
  readonly totalWeight: number;
}

export type WeightMetricsOptions = ModularityOptions;

/**
 * The full set of weight-matrix measures of a square W (model.md §11), validating
 * once (the measures below are the unchecked computations behind the public
 * functions) and computing the spectrum once. `options` go to {@link modularity}.
 */
export function weightMetrics(matrix: Mat, options: WeightMetricsOptions = {}, field = 'W'): WeightMetrics {
  assertSquareFinite(matrix, field);
  const n = matrix.rows;
  const spectrum = spectralMeasures(eigenvaluesOfValidated(matrix));
  const c = expmOfValidated(normalisedAbsolute(matrix));
  return {
    shannonEntropy: meanRowEntropy(matrix.data, n),
    communicabilityEntropy: meanRowEntropy(c.data, n),
    modularity: modularityOfValidated(matrix, options),
    leadingEigenvalue: spectrum.leadingEigenvalue,
    logLeadingEigenvalue: spectrum.logLeadingEigenvalue,
    spectralRadius: spectrum.spectralRadius,
    spectralEntropy: spectrum.spectralEntropy,
    totalWeight: absoluteSum(matrix.data),
  };
}
