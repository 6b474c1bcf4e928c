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

export function identity(size: number): Mat {
  const out = zeros(size, size);
  for (let i = 0; i < size; i++) out.data[i * size + i] = 1;
  return out;
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

export function get(matrix: Mat, i: number, j: number): number {
  return matrix.data[i * matrix.cols + j];
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

export function fromMlMatrix(matrix: Matrix): Mat {
  const out = zeros(matrix.rows, matrix.columns);
  for (let i = 0; i < matrix.rows; i++) {
    for (let j = 0; j < matrix.columns; j++) out.data[i * matrix.columns + j] = matrix.get(i, j);
  }
  return out;
}

/** out = a * b (allocates out when not given). */
export function matmul(a: Mat, b: Mat, out: Mat = zeros(a.rows, b.cols)): Mat {
  if (a.cols !== b.rows) throw new RangeError(`matmul: ${a.rows}x${a.cols} times ${b.rows}x${b.cols}`);
  const { data: o } = out;
  o.fill(0);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k];
      if (aik === 0) continue;
      const bRow = k * b.cols;
      const oRow = i * b.cols;
      for (let j = 0; j < b.cols; j++) o[oRow + j] += aik * b.data[bRow + j];
    }
  }
  return out;
}

export function transpose(matrix: Mat): Mat {
  const out = zeros(matrix.cols, matrix.rows);
  for (let i = 0; i < matrix.rows; i++) {
    for (let j = 0; j < matrix.cols; j++) out.data[j * matrix.rows + i] = matrix.data[i * matrix.cols + j];
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
