import { init, use } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { invalid } from '@maxent/core';
import { DEFAULT_HEIGHT, DEFAULT_WIDTH, type Figure } from '../figure.js';
import { CHART_PARTS } from './echarts.js';

export interface RenderSize {
  /** Width in pixels; default the figure's own, else 640. */
  readonly width?: number;
  /** Height in pixels; default the figure's own, else 400. */
  readonly height?: number;
}

let registered = false;

/**
 * The figure as a standalone SVG document (a string), drawn by ECharts'
 * server-side SVG renderer: no DOM, so it runs in Node and in browsers alike.
 * Animation is forced off, so the output is complete at once (charts.md).
 */
export function renderSvg(figure: Figure, size: RenderSize = {}): string {
  if (!registered) {
    use([...CHART_PARTS, SVGRenderer]);
    registered = true;
  }
  const { width, height } = resolveSize(figure, size);
  const chart = init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...figure.option, animation: false });
    return withoutHydrationData(stretchImages(chart.renderToSVGString()));
  } finally {
    chart.dispose();
  }
}

/**
 * SVG letterboxes an <image> to its own aspect ratio by default, where the canvas
 * renderer stretches it: a raster heatmap must fill its cells exactly, and show
 * them as sharp squares rather than smoothed.
 */
function stretchImages(svg: string): string {
  return svg.replace(/<image /g, '<image preserveAspectRatio="none" style="image-rendering:pixelated" ');
}

/**
 * The server-side renderer tags every data element with `ecmeta_*` attributes for
 * ECharts' SSR client (hydration in a page); a static figure has no use for them,
 * and they are about 40% of a large scatter's bytes.
 */
function withoutHydrationData(svg: string): string {
  return svg.replace(/ ecmeta_[a-z_]+="[^"]*"/g, '');
}

export function resolveSize(figure: Figure, size: RenderSize): { width: number; height: number } {
  const width = size.width ?? figure.width ?? DEFAULT_WIDTH;
  const height = size.height ?? figure.height ?? DEFAULT_HEIGHT;
  if (!(Number.isFinite(width) && width > 0)) throw invalid('width', 'must be a positive finite number of pixels', width);
  if (!(Number.isFinite(height) && height > 0)) throw invalid('height', 'must be a positive finite number of pixels', height);
  return { width, height };
}
