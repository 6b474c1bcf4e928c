// A matrix as one raster image (charts.md: one rectangle per cell makes a 43 MB
// SVG for 500 x 500 and paints in slices). Cell (r, c) of the image is entry
// (order[r], order[c]) of the matrix, enlarged to scale x scale pixels so that a
// browser's smoothing of a stretched image does not blur small matrices.
import { parseHex, rampColor, type Rgb } from './palette.js';
import { encodePng, pngDataUrl } from './png.js';

export interface MatrixRaster {
  /** PNG as a data URL. */
  readonly url: string;
  /** Side of the image in pixels: cells * scale. */
  readonly pixels: number;
  readonly scale: number;
}

/** The smallest image side, in pixels, that a small matrix is enlarged to (at integer scale). */
export const MIN_RASTER_PIXELS = 512;

/**
 * RGBA pixels of a square matrix (row-major `data`, `size` x `size`) in the
 * given order, coloured along `ramp` from `low` to `high`; NaN entries are
 * transparent (a gap, not a colour).
 */
export function matrixRaster(
  data: ArrayLike<number>,
  size: number,
  order: ArrayLike<number>,
  ramp: readonly string[],
  low: number,
  high: number,
): MatrixRaster {
  const stops: Rgb[] = ramp.map(parseHex);
  const scale = Math.max(1, Math.floor(MIN_RASTER_PIXELS / size));
  const pixels = size * scale;
  const rgba = new Uint8Array(pixels * pixels * 4);
  const span = high - low;
  for (let r = 0; r < size; r++) {
    const row = order[r] * size;
    for (let c = 0; c < size; c++) {
      const value = data[row + order[c]];
      const finite = Number.isFinite(value);
      const [red, green, blue] = finite ? rampColor(stops, span > 0 ? (value - low) / span : 0.5) : [0, 0, 0];
      for (let dy = 0; dy < scale; dy++) {
        let offset = ((r * scale + dy) * pixels + c * scale) * 4;
        for (let dx = 0; dx < scale; dx++) {
          rgba[offset] = red;
          rgba[offset + 1] = green;
          rgba[offset + 2] = blue;
          rgba[offset + 3] = finite ? 255 : 0;
          offset += 4;
        }
      }
    }
  }
  return { url: pngDataUrl(encodePng(rgba, pixels, pixels)), pixels, scale };
}
