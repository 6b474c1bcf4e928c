import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeWeightMatrix, encodeNpy, InvalidInputError, weightMatrixFromJson } from '../src/index.js';

// Fixtures written by NumPy (test/fixtures/make_weight_fixtures.py).
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const W = [0, 1.5, -2, 0.1, 0, 3, -1, 0.125, 1e-300];

describe('decodeWeightMatrix', () => {
  it.each([['weights-f8.npy'], ['weights-f8-v2.npy']])('reads the float64 matrix NumPy wrote to %s', (name) => {
    const matrix = decodeWeightMatrix(fixture(name), '--weights');
    expect(matrix.rows).toBe(3);
    expect(matrix.cols).toBe(3);
    expect(Array.from(matrix.data)).toEqual(W);
  });

  it('reads float32 as the float32-rounded values', () => {
    // NumPy's float32 rounding: 0.1 -> 0.10000000149011612 and 1e-300 -> 0.
    expect(Array.from(decodeWeightMatrix(fixture('weights-f4.npy')).data)).toEqual([0, 1.5, -2, 0.10000000149011612, 0, 3, -1, 0.125, 0]);
  });

  it('reads JSON text, JSON bytes and a bare array of rows as the same matrix', () => {
    const rows = [[0, 1.5, -2], [0.1, 0, 3], [-1, 0.125, 1e-300]];
    const object = JSON.stringify({ matrix: rows });
    for (const contents of [object, new TextEncoder().encode(object), JSON.stringify(rows)]) {
      expect(Array.from(decodeWeightMatrix(contents).data)).toEqual(W);
    }
    expect(Array.from(weightMatrixFromJson({ matrix: rows }).data)).toEqual(W);
  });

  it.each([
    ['Fortran order', fixture('weights-fortran.npy'), 'invalid `--weights`: Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray(W) (C order)'],
    ['a 2 x 3 matrix', fixture('weights-2x3.npy'), 'invalid `--weights`: must be a square matrix, got 2x3'],
    ['a 1-D array', encodeNpy(new Float64Array(4), [4]), 'invalid `--weights`: must be a 2-D array, got shape (4)'],
    ['a 0 x 0 matrix', encodeNpy(new Float64Array(0), [0, 0]), 'invalid `--weights`: must be a non-empty square matrix, got 0x0'],
    ['a NaN entry', encodeNpy(Float64Array.from([1, 0, Number.NaN, 1]), [2, 2]), 'invalid `--weights`: must hold only finite numbers, got NaN at row 1, column 0 (0-based)'],
    ['JSON ragged rows', '[[1, 2], [3]]', 'invalid `--weights`: must be a square matrix: row 1 has 1 entries, there are 2 rows'],
    ['a JSON string entry', '{ "matrix": [[1, "2"], [3, 4]] }', 'invalid `--weights`: entry (0, 1) is "2", not a number'],
    ['a JSON null entry', '[[1, null], [3, 4]]', 'invalid `--weights`: entry (0, 1) is null, not a number'],
    ['a JSON overflow to Infinity', '[[1, 1e999], [3, 4]]', 'invalid `--weights`: [0][1] is not a finite number (too large for a double)'],
    ['a missing matrix key', '{ "weights": [[1]] }', 'invalid `--weights`: must hold { "matrix": [[...], ...] } or an array of rows; `matrix` is not a non-empty array of rows'],
    ['an empty array', '[]', 'invalid `--weights`: must hold { "matrix": [[...], ...] } or an array of rows; the array is not a non-empty array of rows'],
    ['a row that is not an array', '[[1, 2], 2]', 'invalid `--weights`: row 1 of the array is not an array'],
  ])('refuses %s with a message naming the field', (_, contents, message) => {
    let error: unknown;
    try {
      decodeWeightMatrix(contents, '--weights');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('--weights');
    expect((error as InvalidInputError).message).toBe(message);
  });

  it('refuses text that is neither .npy nor JSON, and names the default field', () => {
    expect(() => decodeWeightMatrix('{ "matrix": [[1, 2]')).toThrow(/^invalid `weights`: is neither a NumPy \.npy file nor valid JSON \(/);
  });
});
