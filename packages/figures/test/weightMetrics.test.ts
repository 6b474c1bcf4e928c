import { describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { color as zrColor } from 'echarts/core';
import { decodeNpy, InvalidInputError, type Mat } from '@maxent/core';
import { expectAllClose } from '#testing';
import { DIVERGING_RAMP, eigenvalueFigure, weightMatrixFigure, weightMetricsTable, type Figure, type WeightMetricsFile } from '../src/index.js';
import { axes, fixture, fixtureBytes, seriesNamed, seriesOf } from './helpers.js';

const metrics = fixture<WeightMetricsFile>('weight-metrics-100.json');
const reference = fixture<{ real: number[]; imaginary: number[] }>('eigenvalues-100.json'); // numpy
const npy = decodeNpy(fixtureBytes('weights-100.npy'));
const W: Mat = { rows: npy.shape[0], cols: npy.shape[1], data: Float64Array.from(npy.data as ArrayLike<number>) };

interface Placed {
  url: string;
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The image element the custom series draws, with a stand-in coordinate system (10 px per cell, origin at 5, 7). */
function placedImage(figure: Figure): Placed {
  const series = seriesOf(figure)[0] as unknown as { renderItem: (params: unknown, api: unknown) => { style: { image: string; x: number; y: number; width: number; height: number } } };
  const api = { coord: ([x, y]: number[]) => [5 + 10 * x, 7 + 10 * y] };
  const { style } = series.renderItem({}, api);
  return { url: style.image, x: style.x, y: style.y, width: style.width, height: style.height };
}

function pixels(url: string) {
  const image = decode(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
  const data = image.data as Uint8Array;
  return { width: image.width, height: image.height, at: (x: number, y: number) => Array.from(data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)) };
}

const rgbaOf = (css: string) => css.match(/\d+(\.\d+)?/g)!.map(Number).map((value, i) => (i === 3 ? Math.round(value * 255) : value));

describe('weightMatrixFigure', () => {
  const figure = weightMatrixFigure({ matrix: W, metrics });
  const order = Array.from({ length: 100 }, (_, i) => i).sort((a, b) => metrics.modularity.communities[a] - metrics.modularity.communities[b] || a - b);

  it('places one image over the cells [0, N] x [0, N]', () => {
    const placed = placedImage(figure);
    expect(placed).toMatchObject({ x: 5, y: 7, width: 1000, height: 1000 });
    expect(axes(figure, 'xAxis')[0]).toMatchObject({ min: 0, max: 100 });
    expect(axes(figure, 'yAxis')[0]).toMatchObject({ min: 0, max: 100, inverse: true });
  });

  it('colours every cell of the community-ordered matrix as the colour bar does (zrender lerp)', () => {
    const image = pixels(placedImage(figure).url);
    const scale = image.width / 100;
    expect(scale).toBe(5); // 100 cells enlarged to at least 512 px at an integer scale
    const bound = Math.max(...Array.from(W.data, Math.abs));
    const visualMap = figure.option.visualMap as { min: number; max: number; inRange: { color: string[] } };
    expect([visualMap.min, visualMap.max]).toEqual([-bound, bound]);
    expect(visualMap.inRange.color).toEqual([...DIVERGING_RAMP]);
    for (let r = 0; r < 100; r++) {
      for (let c = 0; c < 100; c++) {
        const value = W.data[order[r] * 100 + order[c]];
        const expected = rgbaOf(zrColor.lerp((value + bound) / (2 * bound), [...DIVERGING_RAMP]) as string);
        const got = image.at(c * scale + 2, r * scale + 4);
        if (got.join() !== expected.join()) expect.fail(`cell (${r}, ${c}) = W[${order[r]}][${order[c]}] = ${value}: ${got} != ${expected}`);
      }
    }
  });

  it('draws lines between the communities', () => {
    const boundaries = (seriesNamed(figure, 'community boundaries').data as ([number, number] | null)[]).filter((point) => point !== null);
    const changes = order.slice(1).map((node, r) => (metrics.modularity.communities[node] !== metrics.modularity.communities[order[r]] ? r + 1 : -1)).filter((r) => r > 0);
    expect(changes.length).toBe(new Set(metrics.modularity.communities).size - 1);
    expect(boundaries).toEqual(changes.flatMap((r) => [[r, 0], [r, 100], [0, r], [100, r]]));
  });

  it('keeps the given order on request, and colours exact stops exactly', () => {
    const tiny = weightMatrixFigure({ matrix: [[-1, 0], [1, 0.5]] });
    const image = pixels(placedImage(tiny).url);
    const scale = image.width / 2;
    expect(image.at(0, 0)).toEqual([0x21, 0x66, 0xac, 255]); // -1: first stop
    expect(image.at(scale, 0)).toEqual([0xf7, 0xf7, 0xf7, 255]); // 0: middle stop
    expect(image.at(0, scale)).toEqual([0xb2, 0x18, 0x2b, 255]); // 1: last stop
    expect(image.at(scale, scale)).toEqual([0xf4, 0xa5, 0x82, 255]); // 0.5: stop 6 of 8
    expect(tiny.caption).toContain('stored order');
  });

  it('uses a sequential scale from 0 for a non-negative matrix, and leaves NaN cells transparent', () => {
    const figure = weightMatrixFigure({ matrix: [[0, 2], [Number.NaN, 1]] });
    const visualMap = figure.option.visualMap as { min: number; max: number };
    expect([visualMap.min, visualMap.max]).toEqual([0, 2]);
    const image = pixels(placedImage(figure).url);
    expect(image.at(0, image.height - 1)[3]).toBe(0);
    expect(image.at(0, 0)).toEqual([0xff, 0xff, 0xe5, 255]);
    expect(image.at(image.width - 1, 0)).toEqual([0x66, 0x25, 0x06, 255]);
  });

  it('rejects a non-square matrix or mismatched metrics, naming the field', () => {
    expect(() => weightMatrixFigure({ matrix: [[1, 2]] })).toThrow(InvalidInputError);
    expect(() => weightMatrixFigure({ matrix: [[1, 2]] })).toThrow(/`matrix\[0\]`: must have 1 entries/);
    expect(() => weightMatrixFigure({ matrix: [[1]], metrics })).toThrow(/`metrics.size`/);
  });
});

describe('eigenvalueFigure', () => {
  const figure = eigenvalueFigure({ eigenvalues: reference, metrics });

  it('plots the eigenvalues, whose largest modulus is the spectral radius of the metrics file', () => {
    const points = seriesNamed(figure, 'eigenvalues').data as number[][];
    expect(points).toEqual(reference.real.map((re, i) => [re, reference.imaginary[i]]));
    expectAllClose(Math.max(...points.map(([re, im]) => Math.hypot(re, im))), metrics.spectralRadius!, { rtol: 1e-9 });
    expectAllClose(Math.max(...reference.real), metrics.leadingEigenvalue!, { rtol: 1e-9 });
  });

  it('draws the unit circle on equal, symmetric axes that hold every eigenvalue', () => {
    const circle = seriesNamed(figure, 'unit circle').data as number[][];
    for (const [x, y] of circle) expectAllClose(Math.hypot(x, y), 1, { rtol: 1e-12 });
    const [x] = axes(figure, 'xAxis');
    const [y] = axes(figure, 'yAxis');
    expect([x.min, x.max]).toEqual([y.min, y.max]);
    expect(x.min).toBe(-x.max!);
    expect(x.max!).toBeGreaterThanOrEqual(metrics.spectralRadius!);
  });

  it('rejects parts of different length', () => {
    expect(() => eigenvalueFigure({ eigenvalues: { real: [1, 2], imaginary: [0] } })).toThrow(/`eigenvalues`/);
  });
});

describe('weightMetricsTable', () => {
  it('lists the measures of the file', () => {
    const table = weightMetricsTable(metrics);
    const values = Object.fromEntries(table.rows.map(([name, value]) => [name, value]));
    expect(table.columns).toEqual(['measure', 'value']);
    expect(values['Shannon entropy (bits)']).toBe(metrics.shannonEntropy);
    expect(values['modularity Q']).toBe(metrics.modularity.q);
    expect(values['communities']).toBe(3);
    expect(values['spectral radius']).toBe(metrics.spectralRadius);
    expect(values['total weight']).toBe(metrics.totalWeight);
    expect(values['nodes N']).toBe(100);
  });
});
