// Figures of a sweep (kind `sweep`): the paper's two transitions (model.md §6)
// and, when the sweep trained networks, how close those come to the solutions
// (model.md §10, §15).
import { invalid } from '@maxent/core';
import { baseOption, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import type { ChartOption } from './render/echarts.js';
import { finiteOrNull } from './numbers.js';
import { OKABE_ITO, REFERENCE_INK, seriesColor } from './palette.js';
import type { SweepFile, SweepRow } from './results.js';
import { expectArray, expectKind } from './results.js';

type Series = NonNullable<Figure['option']['series']>;

/** Specialization (energy share of neurons active in one context) against K: one line per sigma, the prior dashed. */
export function specializationFigure(sweep: SweepFile): Figure {
  const rows = checkSweep(sweep);
  const maxent = rows.filter((row) => row.mode === 'maxent');
  const lines = [...groupBy(maxent, (row) => row.weightScale)]
    .filter(([, group]) => distinct(group, (row) => row.contexts) >= 2)
    .sort(([a], [b]) => a - b);
  const prior = uniqueBy(maxent, (row) => row.contexts).sort((a, b) => a.contexts - b.contexts);
  const labelOf = initLabeller(rows);
  const trained = sortedByLabel(groupBy(rows.filter((row) => row.mode === 'trained'), labelOf)).filter(
    ([, group]) => distinct(group, (row) => row.contexts) >= 2,
  );
  const series: Series = [
    ...lines.map(([weightScale, group], index) => ({
      type: 'line' as const,
      name: `σ = ${formatValue(weightScale)}`,
      symbol: 'circle',
      symbolSize: 5,
      itemStyle: { color: seriesColor(index) },
      data: uniqueBy(group, (row) => row.contexts)
        .sort((a, b) => a.contexts - b.contexts)
        .map((row) => [row.contexts, finiteOrNull(row.specialization)]),
    })),
    ...(lines.length === 0
      ? []
      : [
          {
            type: 'line' as const,
            name: 'prior',
            symbol: 'none',
            lineStyle: { type: 'dashed' as const, color: REFERENCE_INK, width: 1.5 },
            itemStyle: { color: REFERENCE_INK },
            data: prior.map((row) => [row.contexts, finiteOrNull(row.specializationPrior)]),
          },
        ]),
    ...trained.map(([label, group], index) => ({
      ...trainedSeries(`trained, ${label}`, index, TRAINED_COLORS[index % TRAINED_COLORS.length]),
      data: group.map((row) => [row.contexts, finiteOrNull(row.specialization)]),
    })),
  ];
  const empty = lines.length === 0 ? ' The sweep has no max-ent rows at two or more K for one σ, so there is nothing to draw.' : '';
  return {
    kind: 'chart',
    id: 'sweep-specialization',
    title: 'Specialization against the number of contexts',
    caption:
      `Specialization, the share of output-weight energy in neurons active in exactly one context, against the number of contexts K: ` +
      `one line per weight scale σ, the prior's value K ρ (1 − ρ)^(K−1) dashed` +
      (trained.length > 0 ? `, trained networks as markers (one per network)` : '') +
      `. Above the prior the task favours specialised neurons; below it, neurons shared between contexts (model.md §6).` +
      empty,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ legendNames: series.map((entry) => String(entry.name)) }),
      xAxis: { ...valueAxis({ name: 'contexts K', scale: true }), minInterval: 1 },
      yAxis: valueAxis({ name: 'specialization', min: 0, max: 1, nameGap: 44 }),
      series,
    },
  };
}

export interface SelectivityFigureOptions {
  /** Plot (chi - 1/P) / (1 - 1/P) (default, comparable across K; undefined at P = 1) or chi itself. */
  readonly measure?: 'selectivityNormalized' | 'selectivity';
}

/** Selectivity against sigma: one line per K; trained networks overlaid at their point's sigma. */
export function selectivityFigure(sweep: SweepFile, options: SelectivityFigureOptions = {}): Figure {
  const rows = checkSweep(sweep);
  const measure = options.measure ?? 'selectivityNormalized';
  if (measure !== 'selectivityNormalized' && measure !== 'selectivity') {
    throw invalid('measure', 'must be "selectivityNormalized" or "selectivity"', measure);
  }
  const maxent = rows.filter((row) => row.mode === 'maxent');
  const candidates = [...groupBy(maxent, (row) => row.contexts)]
    .filter(([, group]) => distinct(group, (row) => row.weightScale) >= 2)
    .sort(([a], [b]) => a - b);
  const undefinedFor = candidates.filter(([, group]) => group.every((row) => finiteOrNull(row[measure]) === null)).map(([contexts]) => contexts);
  const lines = candidates.filter(([contexts]) => !undefinedFor.includes(contexts));
  const labelOf = initLabeller(rows);
  const lineColor = (contexts: number) => seriesColor(lines.findIndex(([k]) => k === contexts));
  const trained = rows.filter((row) => row.mode === 'trained' && lines.some(([contexts]) => contexts === row.contexts));
  const trainedGroups = sortedByLabel(groupBy(trained, labelOf));
  const series: Series = [
    ...lines.map(([contexts, group], index) => ({
      type: 'line' as const,
      name: `K = ${contexts}`,
      symbol: 'circle',
      symbolSize: 5,
      itemStyle: { color: seriesColor(index) },
      data: uniqueBy(group, (row) => row.weightScale)
        .sort((a, b) => a.weightScale - b.weightScale)
        .map((row) => [row.weightScale, finiteOrNull(row[measure])]),
    })),
    // One series per initial scale; each marker takes the colour of its K's line.
    ...trainedGroups.map(([label, group], index) => ({
      ...trainedSeries(`trained, ${label}`, index, REFERENCE_INK),
      data: group.map((row) => ({ value: [row.weightScale, finiteOrNull(row[measure])], itemStyle: { color: lineColor(row.contexts) } })),
    })),
  ];
  const normalized = measure === 'selectivityNormalized';
  const notes =
    (undefinedFor.length > 0 ? ` K = ${undefinedFor.join(', ')} ${undefinedFor.length === 1 ? 'has' : 'have'} no normalised selectivity (P = 1) and no line.` : '') +
    (lines.length === 0 ? ' The sweep has no max-ent rows at two or more σ for one K, so there is nothing to draw.' : '');
  return {
    kind: 'chart',
    id: 'sweep-selectivity',
    title: 'Selectivity against the weight scale',
    caption:
      (normalized
        ? `Normalised selectivity (χ − 1/P) / (1 − 1/P) against the weight scale σ (log axis), one line per number of contexts K: 1 is fully structured, 0 random. `
        : `Selectivity χ against the weight scale σ (log axis), one line per number of contexts K: from 1 (structured) down to 1/P (random). `) +
      (trainedGroups.length > 0 ? `Trained networks are markers at the σ of their sweep point, in the colour of their K, one shape per initial scale. ` : '') +
      `Larger σ leaves more of the weights random (model.md §6).` +
      notes,
    option: {
      ...baseOption(),
      legend: topLegend(),
      grid: singleGrid({ legendNames: series.map((entry) => String(entry.name)) }),
      xAxis: valueAxis({ name: 'weight scale σ', type: 'log' }),
      yAxis: valueAxis({ name: normalized ? 'normalised selectivity χ' : 'selectivity χ', min: 0, max: 1, nameGap: 44 }),
      series,
    },
  };
}

/**
 * Mismatch TV + mean |selectivity difference| (model.md §15) of the trained
 * networks of a sweep against the solution of their point, along sigma: one line
 * per K and initial scale, the smallest value of each line circled.
 */
export function sweepMismatchFigure(sweep: SweepFile): Figure {
  const rows = checkSweep(sweep);
  const trained = rows.filter((row) => row.mode === 'trained');
  const labelOf = initLabeller(rows);
  const groups = [...groupBy(trained, (row) => `${row.contexts}|${labelOf(row)}`)]
    .filter(([, group]) => distinct(group, (row) => row.weightScale) >= 2)
    .sort(([, a], [, b]) => a[0].contexts - b[0].contexts);
  const lines = groups.map(([, group]) => {
    const points = group
      .map((row) => ({ weightScale: row.weightScale, mismatch: mismatchOf(row) }))
      .sort((a, b) => a.weightScale - b.weightScale);
    let best: { weightScale: number; mismatch: number } | null = null;
    for (const point of points) if (point.mismatch !== null && (best === null || point.mismatch < best.mismatch)) best = { weightScale: point.weightScale, mismatch: point.mismatch };
    const atEnd = best !== null && (best.weightScale === points[0].weightScale || best.weightScale === points[points.length - 1].weightScale);
    return { name: `K = ${group[0].contexts}, ${labelOf(group[0])}`, points, best, atEnd };
  });
  const series: Series = [
    ...lines.map((line, index) => ({
      type: 'line' as const,
      name: line.name,
      symbol: 'circle',
      symbolSize: 5,
      itemStyle: { color: seriesColor(index) },
      data: line.points.map((point) => [point.weightScale, point.mismatch]),
    })),
    ...(lines.some((line) => line.best !== null)
      ? [
          {
            type: 'scatter' as const,
            name: 'smallest mismatch',
            symbol: 'circle',
            symbolSize: 13,
            itemStyle: { color: 'transparent', borderColor: OKABE_ITO.vermillion, borderWidth: 2 },
            data: lines.filter((line) => line.best !== null).map((line) => [line.best!.weightScale, line.best!.mismatch]),
          },
        ]
      : []),
  ];
  const atEnd = lines.filter((line) => line.atEnd).map((line) => line.name);
  const endNote = atEnd.length > 0 ? ` On ${atEnd.join('; ')} the smallest value is at the end of the grid: the best match may lie beyond it.` : '';
  const empty = lines.length === 0 ? ' The sweep has no trained networks at two or more σ for one K and initial scale, so there is nothing to draw.' : '';
  return {
    kind: 'chart',
    id: 'sweep-mismatch',
    title: 'Trained networks against the max-ent solutions along σ',
    caption:
      `Mismatch between each trained network and the max-ent solution of its sweep point: total-variation distance of the energy shares plus ` +
      `the energy-weighted mean absolute selectivity difference (model.md §15), against the weight scale σ (log axis). ` +
      `Each point is its own network; the circle marks the σ of the grid with the smallest mismatch on each line.` +
      endNote +
      empty,
    option: mismatchAlongWeightScaleOption(series),
  };
}

/** Axes of a mismatch (model.md §15) drawn against the weight scale σ on a log axis, one legend entry per series. */
export function mismatchAlongWeightScaleOption(series: Series): ChartOption {
  return {
    ...baseOption(),
    legend: topLegend(),
    grid: singleGrid({ legendNames: (Array.isArray(series) ? series : [series]).map((entry) => String(entry.name)) }),
    xAxis: valueAxis({ name: 'weight scale σ', type: 'log' }),
    yAxis: valueAxis({ name: 'mismatch (TV + |Δχ|)', min: 0, nameGap: 44 }),
    series,
  };
}

/** TV distance + mean |selectivity difference|, null when either is missing. */
export function mismatchOf(row: SweepRow): number | null {
  const tv = finiteOrNull(row.tvDistance);
  const selectivity = finiteOrNull(row.meanAbsSelectivityDifference);
  return tv === null || selectivity === null ? null : tv + selectivity;
}

const TRAINED_SYMBOLS = ['triangle', 'rect', 'diamond', 'roundRect', 'pin', 'arrow'];
const TRAINED_COLORS = [OKABE_ITO.vermillion, OKABE_ITO.bluishGreen, OKABE_ITO.orange, OKABE_ITO.reddishPurple, OKABE_ITO.skyBlue];

/** Markers of trained networks: one shape per initial scale. */
function trainedSeries(name: string, index: number, color: string) {
  return {
    type: 'scatter' as const,
    name,
    symbol: TRAINED_SYMBOLS[index % TRAINED_SYMBOLS.length],
    symbolSize: 8,
    itemStyle: { color, borderColor: REFERENCE_INK, borderWidth: 0.5 },
  };
}

/**
 * Labels of trained rows by initial scale: "init = σ" in a grid that set the
 * initial scale to each point's weight scale (`--init-scales match`), else the value.
 */
function initLabeller(rows: readonly SweepRow[]): (row: SweepRow) => string {
  const matched = new Set<string | undefined>();
  for (const [grid, group] of groupBy(rows.filter((row) => row.mode === 'trained'), (row) => row.grid)) {
    if (distinct(group, (row) => row.weightScale) >= 2 && group.every((row) => row.initScale === row.weightScale)) matched.add(grid);
  }
  return (row) => (row.initScale === null ? 'init n/a' : matched.has(row.grid) ? 'init = σ' : `init ${formatValue(row.initScale)}`);
}

/** Groups in a fixed order: "init = σ" first, then by initial scale. */
function sortedByLabel(groups: Map<string, SweepRow[]>): [string, SweepRow[]][] {
  const rank = (label: string, group: SweepRow[]) => (label === 'init = σ' ? -Infinity : (group[0].initScale ?? Infinity));
  return [...groups].sort(([a, groupA], [b, groupB]) => rank(a, groupA) - rank(b, groupB));
}

function checkSweep(sweep: SweepFile): readonly SweepRow[] {
  expectKind(sweep, 'sweep');
  expectArray(sweep.rows, 'rows');
  return sweep.rows;
}

function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group === undefined) groups.set(k, [item]);
    else group.push(item);
  }
  return groups;
}

/** First item of each key (a point that two grids of a sweep share appears twice). */
function uniqueBy<T>(items: readonly T[], key: (item: T) => number): T[] {
  const seen = new Set<number>();
  return items.filter((item) => {
    const k = key(item);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function distinct<T>(items: readonly T[], key: (item: T) => number): number {
  return new Set(items.map(key)).size;
}

function formatValue(value: number): string {
  return Number.isFinite(value) ? String(Number(value.toPrecision(3))) : 'n/a';
}

