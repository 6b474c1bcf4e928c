import { InvalidInputError } from '../errors.js';
import type { Mat } from '../matrix.js';

/**
 * Boundary check of the square-matrix routines (expm, eigenvalues, Lanczos) and
 * of the weight-matrix measures built on them (model.md §11): the input must be
 * a non-empty square matrix of finite numbers. NaN or Inf entries have no
 * defined exponential, spectrum or entropy, so they are an error naming the
 * first offending entry rather than a NaN result.
 */
export function assertSquareFinite(matrix: Mat, field: string): void {
  if (matrix.rows !== matrix.cols) {
    throw new InvalidInputError(field, `invalid \`${field}\`: must be a square matrix, got ${matrix.rows}x${matrix.cols}`);
  }
  if (matrix.rows === 0) {
    throw new InvalidInputError(field, `invalid \`${field}\`: must be a non-empty square matrix, got 0x0`);
  }
  if (matrix.data.length !== matrix.rows * matrix.cols) {
    throw new InvalidInputError(
      field,
      `invalid \`${field}\`: data holds ${matrix.data.length} values, a ${matrix.rows}x${matrix.cols} matrix needs ${matrix.rows * matrix.cols}`,
    );
  }
  const { data, cols } = matrix;
  for (let index = 0; index < data.length; index++) {
    const value = data[index];
    if (!Number.isFinite(value)) {
      const row = Math.floor(index / cols);
      throw new InvalidInputError(
        field,
        `invalid \`${field}\`: must hold only finite numbers, got ${value} at row ${row}, column ${index - row * cols} (0-based)`,
      );
    }
  }
}

/**
 * Exact symmetry, which Lanczos assumes (on a non-symmetric matrix it returns a
 * meaningless pair): an error names the first entry above the diagonal, in
 * row-major order, that differs from its mirror image.
 */
export function assertSymmetric(matrix: Mat, field: string): void {
  const { rows: n, data } = matrix;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const upper = data[i * n + j];
      const lower = data[j * n + i];
      if (upper !== lower) {
        throw new InvalidInputError(
          field,
          `invalid \`${field}\`: must be symmetric, got ${upper} at row ${i}, column ${j} and ${lower} at row ${j}, column ${i} (0-based)`,
        );
      }
    }
  }
}
