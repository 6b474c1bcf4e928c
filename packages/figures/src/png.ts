// A small PNG encoder (8-bit RGBA, non-interlaced; PNG specification, W3C 2003),
// for heatmaps drawn as one raster image (charts.md). Deflate comes from fflate,
// which is pure JavaScript and runs in browsers as in Node.
import { zlibSync } from 'fflate';
import { invalid } from '@maxent/core';
import { crc32 } from '@maxent/core/internal';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const FILTER_NONE = 0;
const FILTER_UP = 2;

/**
 * PNG bytes of an RGBA image (`rgba` holds width * height * 4 bytes, row by row
 * from the top). Each scanline is stored unfiltered, or with the "Up" filter when
 * it repeats the line above (the upscaled cells of a heatmap), which deflates to
 * almost nothing.
 */
export function encodePng(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Uint8Array {
  if (!Number.isInteger(width) || width < 1) throw invalid('width', 'must be an integer >= 1', width);
  if (!Number.isInteger(height) || height < 1) throw invalid('height', 'must be an integer >= 1', height);
  const stride = width * 4;
  if (rgba.length !== stride * height) throw invalid('rgba', `must hold width * height * 4 = ${stride * height} bytes`, `${rgba.length} bytes`);

  const raw = new Uint8Array((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const line = rgba.subarray(y * stride, (y + 1) * stride);
    const out = y * (stride + 1);
    if (y > 0 && sameBytes(line, rgba.subarray((y - 1) * stride, y * stride))) {
      raw[out] = FILTER_UP; // difference with the line above: all zeros
    } else {
      raw[out] = FILTER_NONE;
      raw.set(line, out + 1);
    }
  }

  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: truecolour with alpha
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace

  const chunks = [chunk('IHDR', header), chunk('IDAT', zlibSync(raw, { level: 6 })), chunk('IEND', new Uint8Array(0))];
  const total = SIGNATURE.length + chunks.reduce((sum, part) => sum + part.length, 0);
  const png = new Uint8Array(total);
  png.set(SIGNATURE, 0);
  let offset = SIGNATURE.length;
  for (const part of chunks) {
    png.set(part, offset);
    offset += part.length;
  }
  return png;
}

/** A `data:image/png;base64,...` URL of PNG bytes, for inline images in SVG and canvas. */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${base64(png)}`;
}

function sameBytes(a: Uint8Array | Uint8ClampedArray, b: Uint8Array | Uint8ClampedArray): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** A chunk: length, type, data, CRC-32 of type and data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export { crc32 };

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let line = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const triple = (a << 16) | (b << 8) | c;
    line += BASE64[(triple >> 18) & 63] + BASE64[(triple >> 12) & 63];
    line += i + 1 < bytes.length ? BASE64[(triple >> 6) & 63] : '=';
    line += i + 2 < bytes.length ? BASE64[triple & 63] : '=';
    if (line.length >= 4096) {
      parts.push(line);
      line = '';
    }
  }
  parts.push(line);
  return parts.join('');
}
