import { toMlMatrix, type Mat } from '../matrix.js';
import { EigenvalueDecomposition } from 'ml-matrix';
import { hessenbergQrEigenvalues } from './hessenbergQr.js';
import { scaledByPowerOfTwo, timesPowerOfTwo, unitScaleExponent } from './powerOfTwoScaling.js';
import { assertSquareFinite } from './squareMatrix.js';

/** Eigenvalues lambda_k = real[k] + i imaginary[k] of a real square matrix. */
export interface Eigenvalues {
  readonly real: Float64Array;
  readonly imaginary: Float64Array;
}

/**
 * All eigenvalues of a real, possibly non-symmetric, square matrix (the spectrum
 * of a signed W, model.md §11); complex eigenvalues come in conjugate pairs.
 * Computed by our eigenvalues-only Hessenberg QR on Float64Array
 * (hessenbergQr.ts); in the rare case that its iteration does not converge, by
 * ml-matrix's EigenvalueDecomposition (Householder reduction and shifted QR
 * with eigenvectors, JAMA orthes + hqr2). Throws InvalidInputError for
 * non-square, empty or non-finite input.
 */
export function eigenvalues(matrix: Mat, field = 'A'): Eigenvalues {
  assertSquareFinite(matrix, field);
  return eigenvaluesOfValidated(matrix);
}

/**
 * The computation behind {@link eigenvalues}, for an already validated square
 * matrix. The iteration runs on W 2^-k with max |W 2^-k| in [1, 2) (exact), so
 * entries near the ends of the double range neither overflow nor underflow in
 * it; the eigenvalues are scaled back by 2^k, and come out infinite only when
 * they are too large for a double.
 */
export function eigenvaluesOfValidated(matrix: Mat): Eigenvalues {
  const n = matrix.rows;
  const exponent = unitScaleExponent(matrix.data);
  const scaled = scaledByPowerOfTwo(matrix.data, -exponent);
  let real: Float64Array = new Float64Array(n);
  let imaginary: Float64Array = new Float64Array(n);
  if (!hessenbergQrEigenvalues(Float64Array.from(scaled), n, real, imaginary)) {
    ({ real, imaginary } = denseEigenvalues({ rows: n, cols: n, data: scaled }));
  }
  if (exponent !== 0) {
    for (let k = 0; k < n; k++) {
      real[k] = timesPowerOfTwo(real[k], exponent);
      imaginary[k] = timesPowerOfTwo(imaginary[k], exponent);
    }
  }
  return { real, imaginary };
}

/** ml-matrix's EigenvalueDecomposition: the fallback, and the independent route in tests. */
export function denseEigenvalues(matrix: Mat): Eigenvalues {
  const decomposition = new EigenvalueDecomposition(toMlMatrix(matrix));
  return {
    real: Float64Array.from(decomposition.realEigenvalues),
    imaginary: Float64Array.from(decomposition.imaginaryEigenvalues),
  };
}
