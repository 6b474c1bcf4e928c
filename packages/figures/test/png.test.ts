import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { createRng, InvalidInputError } from '@maxent/core';
import { encodePng, pngDataUrl } from '../src/index.js';
import { crc32 } from '../src/png.js';

function randomImage(width: number, height: number, seed: number, repeatRows = false): Uint8Array {
  const rng = createRng(seed);
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < rgba.length; i++) rgba[i] = Math.floor(rng.next() * 256);
  if (repeatRows) for (let y = 1; y < height; y += 2) rgba.copyWithin(y * width * 4, (y - 1) * width * 4, y * width * 4);
  return rgba;
}

describe('encodePng, decoded by fast-png (an independent decoder)', () => {
  it.each([
    [1, 1, false],
    [3, 5, false],
    [17, 4, false],
    [64, 64, true],
    [300, 7, true],
  ])('%i x %i (repeated rows %s): same pixels back', (width, height, repeatRows) => {
    const rgba = randomImage(width, height, width * 1000 + height, repeatRows);
    const image = decode(encodePng(rgba, width, height));
    expect(image.width).toBe(width);
    expect(image.height).toBe(height);
    expect(image.channels).toBe(4);
    expect(image.depth).toBe(8);
    expect(Array.from(image.data as Uint8Array)).toEqual(Array.from(rgba));
  });

  it('keeps transparency (alpha 0) and compresses a uniform image to little', () => {
    const rgba = new Uint8Array(500 * 500 * 4); // all transparent black
    const png = encodePng(rgba, 500, 500);
    expect(png.length).toBeLessThan(5000);
    const image = decode(png);
    expect((image.data as Uint8Array).every((byte) => byte === 0)).toBe(true);
  });

  it('rejects a wrong buffer length or size, naming the field', () => {
    expect(() => encodePng(new Uint8Array(15), 2, 2)).toThrow(InvalidInputError);
    expect(() => encodePng(new Uint8Array(15), 2, 2)).toThrow(/`rgba`: must hold width \* height \* 4 = 16 bytes/);
    expect(() => encodePng(new Uint8Array(0), 0, 1)).toThrow(/`width`/);
    expect(() => encodePng(new Uint8Array(4), 1, 1.5)).toThrow(/`height`/);
  });
});

describe('crc32', () => {
  it('matches the standard check value and the IEND chunk CRC', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('IEND'))).toBe(0xae426082);
  });
});

describe('pngDataUrl', () => {
  it('is base64 of the bytes (checked with Node Buffer)', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 6000]) {
      const data = new Uint8Array(length).map((_, i) => (i * 37 + length) & 255);
      const url = pngDataUrl(data);
      expect(url.startsWith('data:image/png;base64,')).toBe(true);
      expect(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64').toString('base64')).toBe(Buffer.from(data).toString('base64'));
      expect(Array.from(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'))).toEqual(Array.from(data));
    }
  });
});
