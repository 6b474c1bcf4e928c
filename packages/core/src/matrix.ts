import { Matrix } from 'ml-matrix';

/**
 * Dense row-major matrix over one Float64Array: the layout of every numeric
 * kernel in maxent-networks (architecture.md). Element (i, j) is data[i * cols + j].
 */
export interface Mat {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;
}

export function zeros(rows: number, cols: number): Mat {
  return { rows, cols, data: new Float64Array(rows * cols) };
}

/** From nested arrays; every row must have the same length. */
export function fromRows(rows: readonly (readonly number[])[]): Mat {
  const rowCount = rows.length;
  const cols = rowCount === 0 ? 0 : rows[0].length;
  const out = zeros(rowCount, cols);
  for (let i = 0; i < rowCount; i++) {
    const row = rows[i];
    if (row.length !== cols) throw new RangeError(`fromRows: row ${i} has ${row.length} entries, expected ${cols}`);
    for (let j = 0; j < cols; j++) out.data[i * cols + j] = row[j];
  }
  return out;
}

/** To nested arrays (for JSON result files). */
export function toRows(matrix: Mat): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < matrix.rows; i++) {
    out.push(Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
  }
  return out;
}

export function cloneMat(matrix: Mat): Mat {
  return { rows: matrix.rows, cols: matrix.cols, data: Float64Array.from(matrix.data) };
}

/** Converts to ml-matrix, for decompositions only (it stores one array per row). */
export function toMlMatrix(matrix: Mat): Matrix {
  const out = new Matrix(matrix.rows, matrix.cols);
  for (let i = 0; i < matrix.rows; i++) {
    for (let j = 0; j < matrix.cols; j++) out.set(i, j, matrix.data[i * matrix.cols + j]);
  }
  return out;
}

/** Largest absolute entry; 0 for an empty matrix. */
export function maxAbs(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 0; i < values.length; i++) {
    const value = Math.abs(values[i]);
    if (value > best || Number.isNaN(value)) best = value;
  }
  return best;
}
