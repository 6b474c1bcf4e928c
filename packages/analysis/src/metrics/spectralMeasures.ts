import { eigenvalues, type Eigenvalues, type Mat } from '@maxent/core';

/** The spectral measures of model.md §11, from one eigenvalue computation. */
export interface SpectralMeasures {
  /** Largest real part among the eigenvalues of the signed W. */
  readonly leadingEigenvalue: number;
  /** ln(leadingEigenvalue), the published MATLAB analysis' `lambda_max`; null when leadingEigenvalue <= 0. */
  readonly logLeadingEigenvalue: number | null;
  /** Largest modulus |lambda|. */
  readonly spectralRadius: number;
  /** Entropy in bits of p_k = |lambda_k| / sum |lambda|; null when every eigenvalue is 0. */
  readonly spectralEntropy: number | null;
}

/** Largest real part among the eigenvalues of W (signed). */
export function leadingEigenvalue(matrix: Mat, field = 'W'): number {
  return spectralMeasures(eigenvalues(matrix, field)).leadingEigenvalue;
}

/**
 * Natural log of {@link leadingEigenvalue}, which the published MATLAB analysis
 * reports as `lambda_max`. The log of a non-positive number is undefined, so a
 * leading real part <= 0 gives null (never NaN or -Infinity).
 */
export function logLeadingEigenvalue(matrix: Mat, field = 'W'): number | null {
  return spectralMeasures(eigenvalues(matrix, field)).logLeadingEigenvalue;
}

/** Largest modulus among the eigenvalues of W. */
export function spectralRadius(matrix: Mat, field = 'W'): number {
  return spectralMeasures(eigenvalues(matrix, field)).spectralRadius;
}

/**
 * H = - sum_k p_k log2 p_k with p_k = |lambda_k| / sum_j |lambda_j| (model.md
 * §11), in bits; null when every eigenvalue is exactly 0 (e.g. the zero matrix),
 * where p is undefined. A nilpotent matrix gives eigenvalues at rounding level,
 * whose entropy is then that of rounding noise: check spectralRadius first.
 */
export function spectralEntropy(matrix: Mat, field = 'W'): number | null {
  return spectralMeasures(eigenvalues(matrix, field)).spectralEntropy;
}

/** The four spectral measures from already computed eigenvalues. */
export function spectralMeasures(values: Eigenvalues): SpectralMeasures {
  const { real, imaginary } = values;
  const n = real.length;
  let leading = -Infinity;
  let radius = 0;
  let sumModulus = 0;
  const modulus = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    if (real[k] > leading) leading = real[k];
    const size = Math.hypot(real[k], imaginary[k]);
    modulus[k] = size;
    if (size > radius) radius = size;
    sumModulus += size;
  }
  let entropy: number | null = null;
  if (sumModulus > 0) {
    let h = 0;
    for (let k = 0; k < n; k++) {
      const p = modulus[k] / sumModulus;
      if (p > 0) h -= p * Math.log2(p);
    }
    entropy = h > 0 ? h : 0;
  }
  return {
    leadingEigenvalue: leading,
    logLeadingEigenvalue: leading > 0 ? Math.log(leading) : null,
    spectralRadius: radius,
    spectralEntropy: entropy,
  };
}
