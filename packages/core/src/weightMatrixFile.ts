import { InvalidInputError } from './errors.js';
import type { Mat } from './matrix.js';
import { decodeNpy } from './npy.js';
import { assertJsonDepth, checkJsonValue } from './jsonInput.js';
import { assertSquareFinite } from './linalg/squareMatrix.js';

const NPY_MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"

/**
 * A square weight matrix W (model.md §11) from the contents of a file: a NumPy
 * `.npy` (2-D, little-endian float32 or float64, C order), recognised by its magic
 * string whatever the file is called, or JSON text holding `{ "matrix": [[...]] }`
 * or a bare array of rows. A string is read as JSON. The result is square,
 * non-empty and finite; anything else is an {@link InvalidInputError} naming `field`.
 * No file system: the caller reads the file (the CLI) or the upload (the viewer).
 */
export function decodeWeightMatrix(contents: Uint8Array | string, field = 'weights'): Mat {
  if (typeof contents !== 'string' && isNpy(contents)) return checkedSquare(matrixOfNpy(contents, field), field);
  const text = typeof contents === 'string' ? contents : new TextDecoder().decode(contents);
  assertJsonDepth(text, field);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw fail(field, `is neither a NumPy .npy file nor valid JSON (${(error as Error).message})`);
  }
  checkJsonValue(parsed, field);
  return weightMatrixFromJson(parsed, field);
}

/** The same from already parsed JSON: `{ "matrix": rows }` or the rows themselves, numbers only. */
export function weightMatrixFromJson(parsed: unknown, field = 'weights'): Mat {
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const rows = isObject ? (parsed as Record<string, unknown>).matrix : parsed;
  const where = isObject ? '`matrix`' : 'the array';
  if (!Array.isArray(rows) || rows.length === 0) {
    throw fail(field, `must hold { "matrix": [[...], ...] } or an array of rows; ${where} is not a non-empty array of rows`);
  }
  const n = rows.length;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row: unknown = rows[i];
    if (!Array.isArray(row)) throw fail(field, `row ${i} of ${where} is not an array`);
    if (row.length !== n) throw fail(field, `must be a square matrix: row ${i} has ${row.length} entries, there are ${n} rows`);
    for (let j = 0; j < n; j++) {
      const value: unknown = row[j];
      // JSON has no NaN (encoders write null); a literal like 1e999 parses to Infinity.
      if (typeof value !== 'number') throw fail(field, `entry (${i}, ${j}) is ${JSON.stringify(value)}, not a number`);
      data[i * n + j] = value;
    }
  }
  return checkedSquare({ rows: n, cols: n, data }, field);
}

function isNpy(bytes: Uint8Array): boolean {
  return bytes.length >= NPY_MAGIC.length && NPY_MAGIC.every((byte, i) => bytes[i] === byte);
}

function matrixOfNpy(bytes: Uint8Array, field: string): Mat {
  const array = decodeNpy(bytes, field);
  if (array.shape.length !== 2) throw fail(field, `must be a 2-D array, got shape (${array.shape.join(', ')})`);
  const [rows, cols] = array.shape;
  return { rows, cols, data: array.data };
}

/** Square, non-empty, finite: the measures of model.md §11 are undefined otherwise. */
function checkedSquare(matrix: Mat, field: string): Mat {
  assertSquareFinite(matrix, field);
  return matrix;
}

function fail(field: string, why: string): InvalidInputError {
  return new InvalidInputError(field, `invalid \`${field}\`: ${why}`);
}
