import { describe, expect, it } from 'vitest';
import { color as zrColor } from 'echarts/core';
import { activeCount, DIVERGING_RAMP, formatTick, OKABE_ITO, patternColor, patternLabel, SEQUENTIAL_RAMP } from '../src/index.js';
import { parseHex, rampColor } from '../src/palette.js';

function allPatterns(contexts: number): number[][] {
  return Array.from({ length: 2 ** contexts }, (_, index) => Array.from({ length: contexts }, (_, k) => (index >> k) & 1));
}

describe('patternColor', () => {
  it('gives the documented colours for K = 3: grey, cool for one active context, warm for two', () => {
    const colors = Object.fromEntries(allPatterns(3).map((pattern) => [patternLabel(pattern), patternColor(pattern)]));
    expect(colors).toEqual({
      '000': '#BBBBBB',
      '100': OKABE_ITO.blue,
      '010': OKABE_ITO.skyBlue,
      '001': OKABE_ITO.bluishGreen,
      '110': OKABE_ITO.vermillion,
      '101': OKABE_ITO.orange,
      '011': OKABE_ITO.reddishPurple,
      '111': '#332288',
    });
  });

  it.each([1, 2, 3, 4, 5, 6])('is one distinct valid colour per pattern at K = %i', (contexts) => {
    const colors = allPatterns(contexts).map(patternColor);
    expect(new Set(colors).size).toBe(2 ** contexts);
    for (const color of colors) expect(color).toMatch(/^#[0-9A-F]{6}$/);
  });

  it('depends on the pattern alone (numbers > 0 count as active)', () => {
    expect(patternColor([1, 0, 1])).toBe(patternColor([1, 0, 1]));
    expect(patternColor([2, 0, 0.5])).toBe(patternColor([1, 0, 1]));
    expect(activeCount([1, 0, 1, 1])).toBe(3);
    expect(patternLabel([0, 1, 1])).toBe('011');
  });
});

describe('rampColor', () => {
  it('is the colour of ECharts continuous visualMap (zrender lerp) at every position', () => {
    for (const ramp of [DIVERGING_RAMP, SEQUENTIAL_RAMP]) {
      const stops = ramp.map(parseHex);
      for (let i = 0; i <= 200; i++) {
        const t = i / 200;
        const [r, g, b] = rampColor(stops, t);
        expect(zrColor.lerp(t, [...ramp]), `t = ${t}`).toBe(`rgba(${r},${g},${b},1)`);
      }
    }
  });

  it('hits the stops exactly and clamps outside [0, 1]', () => {
    const stops = DIVERGING_RAMP.map(parseHex);
    expect(rampColor(stops, 0)).toEqual(parseHex('#2166AC'));
    expect(rampColor(stops, 0.5)).toEqual(parseHex('#F7F7F7'));
    expect(rampColor(stops, 1)).toEqual(parseHex('#B2182B'));
    expect(rampColor(stops, -3)).toEqual(parseHex('#2166AC'));
    expect(rampColor(stops, 7)).toEqual(parseHex('#B2182B'));
  });
});

describe('formatTick', () => {
  it('writes a real minus sign and round numbers', () => {
    expect(formatTick(-1.5)).toBe('\u22121.5');
    expect(formatTick(0.1 + 0.2)).toBe('0.3');
    expect(formatTick(0)).toBe('0');
    expect(formatTick(-2e-7)).toBe('\u22122e\u22127');
    expect(formatTick(Number.NaN)).toBe('');
  });
});
