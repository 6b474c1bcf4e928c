// What a figure shows, as plain numbers: written on its panel (data-series) so
// a test, or a curious reader of the page, can check a chart against the
// result file it was drawn from.
import type { Figure } from '@maxent/figures';

export interface SeriesDigest {
  readonly name: string;
  /** The y value of each point (bars: the value; [x, y] pairs: y), null for a gap. */
  readonly values: readonly (number | null)[];
}

export interface FigureDigest {
  readonly categories: readonly string[] | null;
  readonly series: readonly SeriesDigest[];
}

/** Series longer than this are summarised by their length only (a scatter of thousands of neurons). */
export const MAX_DIGEST_POINTS = 128;

export function seriesDigest(figure: Figure): FigureDigest {
  const option = figure.option as { xAxis?: unknown; series?: unknown };
  const xAxis = Array.isArray(option.xAxis) ? option.xAxis[0] : option.xAxis;
  const categories = isRecord(xAxis) && Array.isArray(xAxis.data) ? xAxis.data.map(String) : null;
  const series = (Array.isArray(option.series) ? option.series : [option.series]).filter(isRecord).map((entry) => {
    const data = Array.isArray(entry.data) ? entry.data : [];
    const values = data.length > MAX_DIGEST_POINTS ? [] : data.map(yOf);
    return { name: String(entry.name ?? ''), values, ...(data.length > MAX_DIGEST_POINTS ? { points: data.length } : {}) };
  });
  return { categories, series };
}

function yOf(item: unknown): number | null {
  const value = isRecord(item) && 'value' in item ? item.value : item;
  if (Array.isArray(value)) return typeof value[1] === 'number' ? value[1] : null;
  return typeof value === 'number' ? value : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
