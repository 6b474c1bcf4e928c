// A scatter of neurons has one series per gain pattern, up to 2^K: past a few
// dozen, the builder's legend covers the plot and costs most of the redraw. The
// viewer then hides the legend (the colours are the patterns' own, as in the
// population chart) and says so in the caption.
import type { Figure } from '@maxent/figures';

export const MAX_LEGEND_ENTRIES = 24;

export function withCompactLegend(figure: Figure, limit = MAX_LEGEND_ENTRIES): Figure {
  const series = (figure.option as { series?: unknown }).series;
  const count = Array.isArray(series) ? series.length : 0;
  if (count <= limit) return figure;
  return {
    ...figure,
    caption: `${figure.caption} Legend hidden: ${count} gain patterns, coloured as in the population chart.`,
    option: { ...figure.option, legend: { show: false }, grid: { ...((figure.option as { grid?: object }).grid ?? {}), top: 24 } } as Figure['option'],
  };
}
