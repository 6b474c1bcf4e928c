import type { SweepRow } from './runPoint.js';
import type { SweepPoint } from './spec.js';

/**
 * Replicates (`--seeds S`): a trained setting is run S times with different seeds,
 * each run its own point and row. After the points, the merged result carries one
 * row per setting (mode `mean`) with, for every measure, the mean over its
 * replicates in the measure's own column and the standard error of that mean in
 * `<measure>Stderr` (sample standard deviation / sqrt(n); null for a single value).
 * Booleans count as 0/1, so their mean is the fraction of replicates where they
 * hold (e.g. `matchAtRangeEnd`). Nulls (a diverged run, a point without a
 * comparison) are left out of both; `<measure>Count` says how many values entered
 * when fewer than all did. A text measure is kept when all replicates agree,
 * else null.
 */

/** Columns that say which setting a row is, not what was measured: copied from the first replicate. */
export const SETTING_COLUMNS: readonly string[] = Object.freeze([
  'grid', 'task', 'contexts', 'stimuli', 'nonlinearity', 'weightScale', 'stimulusStd', 'contextMean', 'contextStd', 'estimator',
  'initScale', 'neurons', 'weightDecay', 'matchBy',
]);

/** Columns of a single run that have no meaning for the mean row. */
const RUN_COLUMNS = new Set(['index', 'mode', 'seed', 'replicate']);

/** The mean rows of a merged sweep: one per trained setting with replicates, in point order. */
export function replicateMeanRows(points: readonly SweepPoint[], rows: readonly SweepRow[]): SweepRow[] {
  const groups = new Map<number, SweepRow[]>();
  for (const point of points) {
    if (point.mode !== 'trained' || point.replicate === undefined) continue;
    const first = point.index - point.replicate;
    groups.set(first, [...(groups.get(first) ?? []), rows[point.index]]);
  }
  return [...groups.values()].map(meanRow);
}

/** The mean row of one setting's replicate rows (see above). */
export function meanRow(replicates: readonly SweepRow[]): SweepRow {
  const out: SweepRow = { mode: 'mean', replicates: replicates.length, indices: replicates.map((row) => row.index).join(' ') };
  const first = replicates[0];
  for (const column of SETTING_COLUMNS) if (column in first) out[column] = first[column];
  const measures: string[] = [];
  for (const row of replicates) for (const key of Object.keys(row)) if (!RUN_COLUMNS.has(key) && !SETTING_COLUMNS.includes(key) && !measures.includes(key)) measures.push(key);
  for (const column of measures) {
    const values = replicates.map((row) => row[column]).filter((value) => value !== null && value !== undefined);
    if (values.length === 0) {
      out[column] = null;
      continue;
    }
    if (values.every((value) => typeof value === 'string')) {
      out[column] = values.every((value) => value === values[0]) && values.length === replicates.length ? values[0] : null;
      continue;
    }
    const numbers = values.map((value) => (typeof value === 'boolean' ? Number(value) : typeof value === 'number' ? value : Number.NaN)).filter(Number.isFinite);
    const { mean, stderr } = meanAndStderr(numbers);
    out[column] = mean;
    out[`${column}Stderr`] = stderr;
    if (numbers.length < replicates.length) out[`${column}Count`] = numbers.length;
  }
  return out;
}

/** Mean and standard error of the mean (sample standard deviation, n - 1, over sqrt n); null where undefined. */
export function meanAndStderr(values: readonly number[]): { mean: number | null; stderr: number | null } {
  const n = values.length;
  if (n === 0) return { mean: null, stderr: null };
  let sum = 0;
  for (const value of values) sum += value;
  const mean = sum / n;
  if (n === 1) return { mean, stderr: null };
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return { mean, stderr: Math.sqrt(squares / (n - 1) / n) };
}
