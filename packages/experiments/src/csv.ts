import type { SweepRow } from './runPoint.js';

/** Column names: every key of every row, in order of first appearance (rows sorted by index). */
export function sweepColumns(rows: readonly SweepRow[]): string[] {
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    for (const key of Object.keys(row)) {
      if (!seen.has(key)) {
        seen.add(key);
        columns.push(key);
      }
    }
  }
  return columns;
}

/**
 * RFC 4180 CSV for spreadsheets: a header line, one line per row; empty cells
 * for missing or undefined values (null, NaN); fields with commas, quotes or
 * line breaks quoted. Numbers in JavaScript's shortest round-trip form.
 */
export function sweepCsv(rows: readonly SweepRow[], columns: readonly string[]): string {
  const cell = (value: SweepRow[string] | undefined): string => {
    if (value === null || value === undefined || (typeof value === 'number' && Number.isNaN(value))) return '';
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.map((column) => cell(column)).join(',')];
  for (const row of rows) lines.push(columns.map((column) => cell(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
