// Axis settings shared by every chart. Two measured pitfalls (charts.md): ECharts
// draws an axis line through the other axis' zero by default (so a y axis can
// stand in the middle of a plot), and writes negative ticks with a hyphen.
import { DEFAULT_WIDTH } from './figure.js';
import { REFERENCE_INK } from './palette.js';

const MINUS = '\u2212';

/** A tick value as text: at most 12 significant digits, with a real minus sign. */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return '';
  const text = String(Number(value.toPrecision(12)));
  return text.replace(/-/g, MINUS);
}

export interface ValueAxisSettings {
  /** Axis title, with the symbols of model.md (σ, K, χ, R²). */
  readonly name: string;
  readonly type?: 'value' | 'log';
  readonly min?: number;
  readonly max?: number;
  /** Do not force 0 into the range (scatter plots). */
  readonly scale?: boolean;
  readonly inverse?: boolean;
  readonly gridIndex?: number;
  readonly nameGap?: number;
  readonly showName?: boolean;
}

/** A value (or log) axis whose line sits at the edge of the plot and whose ticks use a real minus sign. */
export function valueAxis(settings: ValueAxisSettings) {
  return {
    type: settings.type ?? 'value',
    name: settings.showName === false ? '' : settings.name,
    nameLocation: 'middle' as const,
    nameGap: settings.nameGap ?? 30,
    nameTextStyle: { color: REFERENCE_INK, fontSize: 13 },
    gridIndex: settings.gridIndex ?? 0,
    inverse: settings.inverse ?? false,
    scale: settings.scale ?? false,
    ...(settings.min === undefined ? {} : { min: settings.min }),
    ...(settings.max === undefined ? {} : { max: settings.max }),
    axisLine: { show: true, onZero: false },
    axisTick: { show: true },
    axisLabel: { formatter: formatTick },
    splitLine: { show: true, lineStyle: { color: '#E5E5E5' } },
  };
}

/** A category axis (patterns, contexts, quantities). */
export function categoryAxis(name: string, categories: readonly string[], options: { gridIndex?: number; nameGap?: number; rotate?: number } = {}) {
  return {
    type: 'category' as const,
    name,
    nameLocation: 'middle' as const,
    nameGap: options.nameGap ?? 30,
    nameTextStyle: { color: REFERENCE_INK, fontSize: 13 },
    gridIndex: options.gridIndex ?? 0,
    data: [...categories],
    axisLine: { show: true, onZero: false },
    axisTick: { alignWithLabel: true },
    axisLabel: { interval: 0, rotate: options.rotate ?? 0, fontFamily: 'monospace' },
  };
}

/**
 * Margins of a single-grid chart, in pixels: room for the axis titles and for the
 * legend above, whose number of lines is estimated from the series names.
 */
export function singleGrid(options: { legend?: boolean; legendNames?: readonly string[]; right?: number; bottom?: number; left?: number } = {}) {
  return {
    left: options.left ?? 72,
    right: options.right ?? 24,
    top: options.legend === false ? 24 : 34 + 22 * legendLines(options.legendNames ?? []),
    bottom: options.bottom ?? 56,
  };
}

/** Lines a centred legend takes at the default width: about 30 px per item plus 6.5 px per character. */
function legendLines(names: readonly string[], width = DEFAULT_WIDTH - 40): number {
  let lines = 1;
  let used = 0;
  for (const name of names) {
    const item = 30 + 6.5 * name.length;
    if (used > 0 && used + item > width) {
      lines++;
      used = 0;
    }
    used += item;
  }
  return lines;
}

/** A horizontal legend above the plot. */
export function topLegend() {
  return { show: true, top: 8, left: 'center', itemWidth: 18, itemHeight: 10, textStyle: { fontSize: 12 } };
}

/** The settings common to every option: no animation (static output must be complete at once), one font. */
export function baseOption() {
  return { animation: false, textStyle: { fontFamily: 'sans-serif' }, backgroundColor: '#FFFFFF' };
}
