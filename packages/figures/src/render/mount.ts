import { init, use, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { Figure } from '../figure.js';
import { CHART_PARTS } from './echarts.js';

/** A figure mounted on a page: swap its figure, follow its element's size, take it down. */
export interface MountedFigure {
  /** The ECharts instance, for events and exports. */
  readonly chart: EChartsType;
  /** Replace the figure shown (the whole option, nothing merged from the last one). */
  update(figure: Figure): void;
  /** Redraw at the element's current size. */
  resize(): void;
  /** Free the chart and its canvas. */
  dispose(): void;
}

export interface MountOptions {
  /** Device pixel ratio of the canvas; default the browser's. */
  readonly devicePixelRatio?: number;
}

let registered = false;

/**
 * Draws a figure on a canvas inside `element` (a sized block element) with
 * ECharts' canvas renderer: the viewer's way to show the figures that
 * `renderSvg` writes for the report. Touches the DOM only when called.
 */
export function mountFigure(element: HTMLElement, figure: Figure, options: MountOptions = {}): MountedFigure {
  if (!registered) {
    use([...CHART_PARTS, CanvasRenderer]);
    registered = true;
  }
  const chart = init(element, null, {
    renderer: 'canvas',
    ...(options.devicePixelRatio === undefined ? {} : { devicePixelRatio: options.devicePixelRatio }),
  });
  const show = (next: Figure) => chart.setOption({ ...next.option, animation: false }, { notMerge: true });
  show(figure);
  return {
    chart,
    update: show,
    resize: () => chart.resize(),
    dispose: () => chart.dispose(),
  };
}
