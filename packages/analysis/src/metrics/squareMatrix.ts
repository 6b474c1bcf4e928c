import { InvalidInputError, type Mat } from '@maxent/core';

/**
 * Boundary check shared by every weight-matrix measure (model.md §11): the input
 * must be a non-empty square matrix of finite numbers. NaN or Inf entries have no
 * defined entropy, exponential or spectrum, so they are an error naming the
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
