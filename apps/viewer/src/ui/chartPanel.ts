// One figure in the page: title, the chart (canvas, @maxent/figures'
// mountFigure), caption, and its SVG and PNG exports.
import { mountFigure, type Figure, type MountedFigure } from '@maxent/figures';
import { element, messageBox } from './dom.js';
import { downloadPng, downloadSvg } from './exportFigure.js';
import { seriesDigest } from '../views/figureDigest.js';

export interface ChartPanel {
  readonly root: HTMLElement;
  update(figure: Figure): void;
  dispose(): void;
}

/** Charts to redraw when the window changes size (one listener for all). */
const resizers = new Set<() => void>();
let pendingResize = false;
window.addEventListener('resize', () => {
  if (pendingResize) return;
  pendingResize = true;
  requestAnimationFrame(() => {
    pendingResize = false;
    for (const resize of resizers) resize();
  });
});

export function chartPanel(figure: Figure): ChartPanel {
  let current = figure;
  const title = element('h3', { text: figure.title });
  const chart = element('div', { className: 'chart' });
  const caption = element('figcaption', { text: figure.caption });
  const problem = element('div', { className: 'export-problem' });
  const svgButton = element('button', { text: 'SVG', attributes: { type: 'button', 'data-export': 'svg', title: 'download this figure as SVG' } });
  const pngButton = element('button', { text: 'PNG', attributes: { type: 'button', 'data-export': 'png', title: 'download this figure as PNG (2x)' } });
  svgButton.addEventListener('click', () => downloadSvg(current));
  pngButton.addEventListener('click', () => {
    problem.replaceChildren();
    downloadPng(current).catch((error: Error) => problem.append(messageBox('error', `PNG export failed: ${error.message}`)));
  });
  const root = element('figure', { className: 'chart-panel' }, [
    element('div', { className: 'chart-head' }, [title, element('span', { className: 'exports' }, [svgButton, pngButton])]),
    chart,
    caption,
    problem,
  ]);
  let mounted: MountedFigure | null = null;
  let renders = 0;
  const show = (next: Figure) => {
    current = next;
    root.dataset.figure = next.id;
    root.dataset.series = JSON.stringify(seriesDigest(next));
    title.textContent = next.title;
    caption.textContent = next.caption;
    chart.style.aspectRatio = `${next.width ?? 640} / ${next.height ?? 400}`;
    if (mounted === null) {
      // The element must be in the page and sized before ECharts measures it.
      requestAnimationFrame(() => {
        if (mounted === null) mounted = mountFigure(chart, current);
        else mounted.update(current);
        root.dataset.renders = String(++renders);
      });
    } else {
      mounted.update(next);
      root.dataset.renders = String(++renders);
    }
  };
  const resize = () => mounted?.resize();
  show(figure);
  resizers.add(resize);
  return {
    root,
    update: show,
    dispose: () => {
      mounted?.dispose();
      resizers.delete(resize);
    },
  };
}
