/** Inverse and log |determinant| of a small square matrix; null when a pivot is not above the floor. */
export interface SmallInverse {
  readonly inverse: Float64Array;
  readonly logDeterminant: number;
}

/**
 * Gauss-Jordan with partial pivoting for the small R x R matrices of latent
 * spaces (Gram matrices M^T M, component covariances C_mm): R^3 work, no
 * allocation beyond the result. Returns null when a pivot's magnitude is not
 * above `pivotFloor`, so each caller names its own singular input.
 */
export function invertSmallMatrix(a: Float64Array, R: number, pivotFloor: number): SmallInverse | null {
  const work = Float64Array.from(a);
  const inverse = new Float64Array(R * R);
  for (let r = 0; r < R; r++) inverse[r * R + r] = 1;
  let logDeterminant = 0;
  for (let col = 0; col < R; col++) {
    let pivot = col;
    for (let row = col + 1; row < R; row++) if (Math.abs(work[row * R + col]) > Math.abs(work[pivot * R + col])) pivot = row;
    const p = work[pivot * R + col];
    if (!(Math.abs(p) > pivotFloor)) return null;
    for (const buffer of [work, inverse]) {
      for (let k = 0; k < R; k++) {
        const swap = buffer[col * R + k];
        buffer[col * R + k] = buffer[pivot * R + k];
        buffer[pivot * R + k] = swap;
      }
    }
    logDeterminant += Math.log(Math.abs(p));
    for (let k = 0; k < R; k++) {
      work[col * R + k] /= p;
      inverse[col * R + k] /= p;
    }
    for (let row = 0; row < R; row++) {
      if (row === col) continue;
      const factor = work[row * R + col];
      for (let k = 0; k < R; k++) {
        work[row * R + k] -= factor * work[col * R + k];
        inverse[row * R + k] -= factor * inverse[col * R + k];
      }
    }
  }
  return { inverse, logDeterminant };
}
