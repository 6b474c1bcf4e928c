// The demo's closing table: the solution and the three networks side by side,
// read back from the result files they wrote; the networks against the max-ent
// family by the joint match of model.md §15.
import { formatCell, valueAt, type CellValue } from '../report/table.js';
import { tableLines } from '../table.js';

export interface SummaryRow {
  readonly name: string;
  readonly cells: readonly CellValue[];
}

export const SUMMARY_COLUMNS = [
  'result', 'neurons', 'R2', 'R2 linearised', 'specialization', 'selectivity', 'TV to solution',
  'best sigma (joint)', 'TV at best', 'chi difference at best', 'at range end',
] as const;

/** A row from an optional evaluation and an analysis (or a solution) file. */
export function summaryRow(name: string, files: { evaluation?: unknown; analysis: unknown }): SummaryRow {
  const number = (file: unknown, path: string): CellValue => {
    const value = file === undefined ? undefined : valueAt(file, path);
    return typeof value === 'number' ? value : null;
  };
  // The matched comparison of model.md §15: the joint minimiser over sigma, its parts, and its end of the range if any.
  const match = files.analysis === undefined ? undefined : valueAt(files.analysis, 'comparison.match');
  const rangeEnd = typeof match === 'object' && match !== null ? ((match as { rangeEnd?: unknown }).rangeEnd ?? 'no') : null;
  return {
    name,
    cells: [
      number(files.analysis, 'neurons'),
      number(files.evaluation, 'r2'),
      number(files.evaluation, 'linearized.r2'),
      number(files.analysis, 'summary.specialization'),
      number(files.analysis, 'summary.selectivity'),
      number(files.analysis, 'comparison.tvDistance'),
      number(files.analysis, 'comparison.match.weightScale'),
      number(files.analysis, 'comparison.match.tvDistance'),
      number(files.analysis, 'comparison.match.selectivityDifference'),
      typeof rangeEnd === 'string' ? rangeEnd : null,
    ],
  };
}

export function summaryText(rows: readonly SummaryRow[]): string {
  return `${tableLines([...SUMMARY_COLUMNS], rows.map((row) => [row.name, ...row.cells.map(formatCell)])).join('\n')}\n`;
}

/** The same table as CSV (full precision, empty cells for undefined). */
export function summaryCsv(rows: readonly SummaryRow[]): string {
  const cell = (value: CellValue) => (value === null ? '' : String(value));
  return `${[SUMMARY_COLUMNS.join(','), ...rows.map((row) => [row.name, ...row.cells.map(cell)].join(','))].join('\n')}\n`;
}
