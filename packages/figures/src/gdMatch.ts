// Figures of the joint match of trained networks with the max-ent family (model.md
// §15): the mismatch along sigma, the TV distance at the best match against K per
// training setting, and the best sigma against weight decay and init scale. They read
// a sweep's rows (the mean rows of replicates when there are any) or an analysis
// file's comparison.
import { invalid } from '@maxent/core';
import { baseOption, categoryAxis, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { finiteOrNull } from './numbers.js';
import { OKABE_ITO, REFERENCE_INK, seriesColor } from './palette.js';
import type { AnalysisFile, SweepFile, SweepRow } from './results.js';
import { expectArray, expectKind } from './results.js';
import { mismatchAlongWeightScaleOption } from './sweep.js';

type Series = NonNullable<Figure['option']['series']>;
type Row = SweepRow & Readonly<Record<string, unknown>>;

/** Prefix of the sweep columns holding the joint mismatch on the search grid (`mismatch@sigma`). */
export const CURVE_PREFIX = 'mismatch@';

/**
 * The rows a gd-match figure reads: the mean rows when the sweep ran replicates,
 * else the trained rows; only those with a joint match.
 */
export function matchedRows(sweep: SweepFile): Row[] {
  expectKind(sweep, 'sweep');
  expectArray(sweep.rows, 'rows');
  const rows = sweep.rows as readonly Row[];
  const means = rows.filter((row) => (row.mode as string) === 'mean');
  return (means.length > 0 ? means : rows.filter((row) => row.mode === 'trained')).filter((row) => 'matchWeightScale' in row);
}

/** The training setting of a row, as a legend label: regime (grid), init scale, weight decay. */
export function settingLabel(row: Row): string {
  const decay = typeof row.weightDecay === 'number' ? row.weightDecay : 0;
  return `${row.grid ?? 'sweep'}: init ${formatValue(row.initScale)}, decay ${formatValue(decay)}`;
}

/** Mismatch against sigma for the networks at one K (default: 3 if present), one line per training setting. */
export function matchCurveFigure(sweep: SweepFile, options: { contexts?: number } = {}): Figure {
  const rows = matchedRows(sweep);
  const present = [...new Set(rows.map((row) => row.contexts))].sort((a, b) => a - b);
  const contexts = options.contexts ?? (present.includes(3) ? 3 : present[0]);
  const shown = rows.filter((row) => row.contexts === contexts);
  const series: Series = shown.map((row, index) => ({
    type: 'line' as const,
    name: settingLabel(row),
    symbol: 'circle',
    symbolSize: 4,
    itemStyle: { color: seriesColor(index) },
    data: curveOf(row).map(([sigma, mismatch]) => [sigma, mismatch]),
  }));
  const best = shown.filter((row) => typeof row.matchWeightScale === 'number' && typeof row.matchMismatch === 'number');
  if (best.length > 0) {
    series.push({
      type: 'scatter' as const,
      name: 'best match',
      symbol: 'circle',
      symbolSize: 12,
      itemStyle: { color: 'transparent', borderColor: OKABE_ITO.vermillion, borderWidth: 2 },
      data: best.map((row) => [row.matchWeightScale as number, row.matchMismatch as number]),
    });
  }
  const averaged = rows.some((row) => (row.mode as string) === 'mean') ? ' Each line is the mean over the seeds of a setting, point by point.' : '';
  const empty = shown.length === 0 ? ' The sweep has no trained rows with a joint match, so there is nothing to draw.' : '';
  return {
    kind: 'chart',
    id: 'sweep-match-curve',
    title: `Mismatch with the max-ent family along σ (K = ${contexts ?? 'n/a'})`,
    caption:
      `Joint mismatch between trained networks and the max-ent solution at weight scale σ (log axis): TV distance of the energy shares plus ` +
      `the energy-weighted mean |selectivity difference| (model.md §15), on the search grid 1/64..64. Circles: the minimiser after golden-section ` +
      `refinement. A minimum at the left end means the network matches the σ -> 0 limit of the family (fully structured), not any σ in particular.` +
      averaged +
      empty,
    option: mismatchAlongWeightScaleOption(series),
  };
}

/** TV distance at the best (joint) match against K: one line per training setting. */
export function matchTvAgainstContextsFigure(sweep: SweepFile): Figure {
  const groups = bySetting(matchedRows(sweep));
  const series: Series = groups.map(([label, group], index) => ({
    type: 'line' as const,
    name: label,
    symbol: 'circle',
    symbolSize: 6,
    itemStyle: { color: seriesColor(index) },
    lineStyle: { type: group[0].grid === 'lazy' ? ('dashed' as const) : ('solid' as const) },
    data: [...group].sort((a, b) => a.contexts - b.contexts).map((row) => [row.contexts, finiteOrNull(row.matchTvDistance as number | null)]),
  }));
  return {
    kind: 'chart',
    id: 'sweep-match-tv',
    title: 'TV distance at the best match against the number of contexts',
    caption:
      `Total-variation distance between the energy shares of trained networks and of the max-ent solution at the best-matching σ (joint match, ` +
      `model.md §15), against K; one line per training setting (dashed: lazy regime). Lower is closer; 0 is a perfect match of the energy shares. ` +
      `The table below gives the standard errors over seeds, R^2 beside each, and whether the minimiser sits at an end of the σ range.` +
      (groups.length === 0 ? ' The sweep has no trained rows with a joint match, so there is nothing to draw.' : ''),
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ legendNames: series.map((entry) => String(entry.name)) }),
      xAxis: valueAxis({ name: 'contexts K' }),
      yAxis: valueAxis({ name: 'TV at best match', min: 0, nameGap: 44 }),
      series,
    },
  };
}

/** Best-matching sigma against one training setting (weight decay or init scale) within one regime: one line per K. */
export function bestSigmaFigure(sweep: SweepFile, against: 'weightDecay' | 'initScale'): Figure {
  const rows = matchedRows(sweep);
  // The regime in which this setting varies: the grid with the most distinct values of it.
  const byGrid = new Map<string, Row[]>();
  for (const row of rows) byGrid.set(row.grid ?? 'sweep', [...(byGrid.get(row.grid ?? 'sweep') ?? []), row]);
  let grid: Row[] = [];
  for (const group of byGrid.values()) if (distinctValues(group, against).length > distinctValues(grid, against).length) grid = group;
  const values = distinctValues(grid, against);
  const categories = values.map(formatValue);
  const series: Series = [...new Set(grid.map((row) => row.contexts))]
    .sort((a, b) => a - b)
    .map((contexts, index) => ({
      type: 'line' as const,
      name: `K = ${contexts}`,
      symbol: 'circle',
      symbolSize: 6,
      itemStyle: { color: seriesColor(index) },
      data: values.map((value) => {
        const row = grid.find((candidate) => candidate.contexts === contexts && settingValue(candidate, against) === value);
        return finiteOrNull((row?.matchWeightScale as number | null | undefined) ?? null);
      }),
    }));
  const what = against === 'weightDecay' ? 'L2 weight decay' : 'initial weight scale (initScale)';
  return {
    kind: 'chart',
    id: `sweep-best-sigma-${against === 'weightDecay' ? 'weight-decay' : 'init-scale'}`,
    title: `Best-matching σ against the ${what}`,
    caption:
      `The weight scale σ whose max-ent solution matches the trained networks best (joint match, model.md §15; log axis), against the ${what}` +
      `${grid.length > 0 ? ` in the "${grid[0].grid}" regime` : ''}, one line per K. The search range is 1/64..64: a value at 1/64 or 64 is the end ` +
      `of the range (the σ -> 0 or the random limit of the family), not a fitted σ. Lazy-regime networks are expected near σ = initScale.` +
      (series.length === 0 ? ' The sweep has no trained rows with a joint match, so there is nothing to draw.' : ''),
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ legendNames: series.map((entry) => String(entry.name)) }),
      xAxis: categoryAxis(against === 'weightDecay' ? 'weight decay' : 'initScale', categories),
      yAxis: valueAxis({ name: 'best-matching σ', type: 'log', nameGap: 44 }),
      series,
    },
  };
}

/** The joint mismatch curve of one analysis (`maxent analyze --solution`): TV, selectivity difference and their sum along sigma. */
export function analysisMatchCurveFigure(analysis: AnalysisFile): Figure {
  expectKind(analysis, 'analysis');
  const comparison = analysis.comparison;
  if (comparison === undefined || comparison.curve === undefined || comparison.curve === null || comparison.match === undefined || comparison.match === null) {
    throw invalid('comparison.curve', 'must be present (run maxent analyze with --solution and without --no-weight-scale-search)', comparison?.curve);
  }
  expectArray(comparison.curve, 'comparison.curve');
  const curve = [...comparison.curve].sort((a, b) => a.weightScale - b.weightScale);
  const { match } = comparison;
  const line = (name: string, color: string, value: (point: (typeof curve)[number]) => number | null) => ({
    type: 'line' as const,
    name,
    symbol: 'none',
    itemStyle: { color },
    data: curve.map((point) => [point.weightScale, finiteOrNull(value(point))]),
  });
  const end = match.rangeEnd === null ? '' : ` The minimiser is at the ${match.rangeEnd} end of the range: ${match.rangeEnd === 'lower' ? 'the network matches the σ -> 0 limit of the family (fully structured)' : 'the network matches the random limit of the family'}, not a σ in particular.`;
  return {
    kind: 'chart',
    id: 'analysis-match-curve',
    title: 'Joint match with the max-ent family along σ',
    caption:
      `TV distance of the energy shares, energy-weighted mean |selectivity difference|, and their sum (the joint mismatch of model.md §15) between the ` +
      `network and the max-ent solution at weight scale σ (log axis). The best match by ${match.by} (circle) is σ = ${match.weightScale.toPrecision(4)}, ` +
      `mismatch ${match.mismatch.toFixed(3)} (TV ${match.tvDistance.toFixed(3)}, selectivity ${match.selectivityDifference.toFixed(3)}).` +
      end,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid(),
      xAxis: valueAxis({ name: 'weight scale σ', type: 'log' }),
      yAxis: valueAxis({ name: 'mismatch', min: 0, nameGap: 44 }),
      series: [
        line('joint (TV + |Δχ|)', OKABE_ITO.vermillion, (point) => point.mismatch),
        line('TV of energy shares', OKABE_ITO.blue, (point) => point.tvDistance),
        line('|Δχ|', OKABE_ITO.bluishGreen, (point) => point.selectivityDifference),
        {
          type: 'scatter' as const,
          name: 'best match',
          symbol: 'circle',
          symbolSize: 12,
          itemStyle: { color: 'transparent', borderColor: REFERENCE_INK, borderWidth: 2 },
          data: [[match.weightScale, match.mismatch]],
        },
      ],
    },
  };
}

/** The (sigma, mismatch) points of a row's `mismatch@sigma` columns, ascending in sigma; null where undefined. */
export function curveOf(row: Readonly<Record<string, unknown>>): [number, number | null][] {
  const points: [number, number | null][] = [];
  for (const [key, value] of Object.entries(row)) {
    if (!key.startsWith(CURVE_PREFIX) || key.endsWith('Stderr') || key.endsWith('Count')) continue;
    points.push([Number(key.slice(CURVE_PREFIX.length)), typeof value === 'number' && Number.isFinite(value) ? value : null]);
  }
  return points.sort((a, b) => a[0] - b[0]);
}

function bySetting(rows: readonly Row[]): [string, Row[]][] {
  const groups = new Map<string, Row[]>();
  for (const row of rows) groups.set(settingLabel(row), [...(groups.get(settingLabel(row)) ?? []), row]);
  return [...groups];
}

function settingValue(row: Row, against: 'weightDecay' | 'initScale'): number | null {
  const value = against === 'weightDecay' ? (row.weightDecay ?? 0) : row.initScale;
  return typeof value === 'number' ? value : null;
}

function distinctValues(rows: readonly Row[], against: 'weightDecay' | 'initScale'): number[] {
  return [...new Set(rows.map((row) => settingValue(row, against)).filter((value): value is number => value !== null))].sort((a, b) => a - b);
}

function formatValue(value: unknown): string {
  return typeof value === 'number' && Number.isFinite(value) ? String(Number(value.toPrecision(3))) : 'n/a';
}
