import type { CustomSeriesOption } from './render/echarts.js';

/**
 * A raster image (from `matrixRaster`) stretched over the data rectangle from
 * `corner` to `opposite`, as one custom series: the heat maps draw a whole matrix
 * as one image, not one rectangle per cell (charts.md). `datum` is the series'
 * single data point, placed so that its value lies inside the colour bar's range
 * (the visual map needs one); the image carries the values.
 */
export function rasterImageSeries(
  name: string,
  url: string,
  corner: readonly [number, number],
  opposite: readonly [number, number],
  datum: readonly [number, number, number],
): CustomSeriesOption {
  return {
    type: 'custom',
    name,
    silent: true,
    clip: true,
    data: [[...datum]],
    renderItem: (_params, api) => {
      const from = api.coord([...corner]);
      const to = api.coord([...opposite]);
      return {
        type: 'image',
        silent: true,
        style: {
          image: url,
          x: Math.min(from[0], to[0]),
          y: Math.min(from[1], to[1]),
          width: Math.abs(to[0] - from[0]),
          height: Math.abs(to[1] - from[1]),
        },
      };
    },
  };
}
