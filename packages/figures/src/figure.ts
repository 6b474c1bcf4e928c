import type { ChartOption } from './render/echarts.js';

/** Default size of a chart figure, in CSS pixels. */
export const DEFAULT_WIDTH = 640;
export const DEFAULT_HEIGHT = 400;

/**
 * One figure: an ECharts option plus the words around it. Builders make these
 * from result files; `renderSvg` draws them without a DOM, `mountFigure` on a
 * canvas. `width` and `height` are the size the figure was laid out for (the
 * eigenvalue plot is square); renderers default to them.
 */
export interface Figure {
  readonly kind: 'chart';
  /** Stable identifier, `<result kind>-<figure>`, e.g. `solution-populations`. */
  readonly id: string;
  readonly title: string;
  /** What the figure shows and how to read it (and any subsampling). */
  readonly caption: string;
  readonly option: ChartOption;
  readonly width?: number;
  readonly height?: number;
}

/**
 * A table: plain data, for the numbers that read better in rows than in a chart
 * (the weight-matrix measures). Cells are numbers, text, or null for "undefined".
 */
export interface TableFigure {
  readonly kind: 'table';
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (number | string | null)[])[];
}
