// The task matrix as typed in the page or carried in the URL: rows separated by
// ";" or new lines, entries by "," or spaces ("1 0; 0 1").
import { invalid } from '@maxent/core';
import { LIMITS } from './viewerState.js';

/** Parses a typed matrix; throws InvalidInputError naming `field` unless it is a non-empty rectangle of finite numbers. */
export function parseMatrixText(text: string, field = 'task.matrix'): number[][] {
  const rows = text
    .split(/[;\n]/)
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map((line) => line.split(/[\s,]+/).filter((entry) => entry !== ''));
  if (rows.length === 0) throw invalid(field, 'must have at least one row (one per context), e.g. "1 0; 0 1"', text);
  const width = rows[0].length;
  const matrix = rows.map((row, k) => {
    if (row.length !== width) throw invalid(field, `must be rectangular: row 1 has ${width} entries but row ${k + 1} has ${row.length}`, text);
    return row.map((entry) => {
      const value = Number(entry);
      if (!Number.isFinite(value)) throw invalid(field, `entries must be finite numbers, got "${entry}" in row ${k + 1}`, text);
      return value;
    });
  });
  if (rows.length * width > LIMITS.matrixEntries) {
    throw invalid(field, `must have at most ${LIMITS.matrixEntries} entries in the viewer`, `${rows.length} x ${width}`);
  }
  return matrix;
}

/** The matrix in the URL's spelling: "1,0;0,1". */
export function formatMatrixText(matrix: readonly (readonly number[])[], rowSeparator = ';', entrySeparator = ','): string {
  return matrix.map((row) => row.map((value) => String(value)).join(entrySeparator)).join(rowSeparator);
}
