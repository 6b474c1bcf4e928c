// The current setting marked on a transition figure: one more series, a ring
// at the explore view's (K, specialization) or (sigma, selectivity), laid over
// the figure the builder made (the figure itself is @maxent/figures').
import type { Figure } from '@maxent/figures';

export const CURRENT_SERIES_NAME = 'current setting';

export function withCurrentSetting(figure: Figure, point: readonly [number, number | null] | null): Figure {
  if (point === null || point[1] === null || !Number.isFinite(point[1])) return figure;
  const option = figure.option as { series?: unknown };
  const series = Array.isArray(option.series) ? option.series : option.series === undefined ? [] : [option.series];
  const marker = {
    type: 'scatter' as const,
    name: CURRENT_SERIES_NAME,
    symbol: 'circle',
    symbolSize: 16,
    z: 10,
    itemStyle: { color: 'rgba(0,0,0,0)', borderColor: '#000000', borderWidth: 2.5 },
    data: [[point[0], point[1]]],
  };
  return {
    ...figure,
    caption: `${figure.caption} The ring marks the current setting of the explore view.`,
    option: { ...figure.option, series: [...series, marker] } as Figure['option'],
  };
}
