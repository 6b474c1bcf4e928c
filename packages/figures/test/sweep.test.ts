import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import { mismatchOf, renderSvg, selectivityFigure, specializationFigure, sweepMismatchFigure, type SweepFile, type SweepRow } from '../src/index.js';
import { copy, fixture, seriesNamed, seriesOf, svgTexts } from './helpers.js';

const small = fixture<SweepFile>('sweep-small.json'); // K 1..3 x sigma 0.5, 1, 2, trained at init 0.05 and 2
const transitions = fixture<SweepFile>('sweep-transitions.json'); // the preset: K 1..10 at sigma 0.5; sigma grid at K 3, init = sigma

const maxent = (sweep: SweepFile) => sweep.rows.filter((row) => row.mode === 'maxent');
const trained = (sweep: SweepFile) => sweep.rows.filter((row) => row.mode === 'trained');

describe('specializationFigure', () => {
  it('draws one line per sigma through the max-ent rows, value by value', () => {
    const figure = specializationFigure(small);
    for (const weightScale of [0.5, 1, 2]) {
      const expected = maxent(small)
        .filter((row) => row.weightScale === weightScale)
        .sort((a, b) => a.contexts - b.contexts)
        .map((row) => [row.contexts, row.specialization]);
      expect(seriesNamed(figure, `σ = ${weightScale}`).data).toEqual(expected);
    }
  });

  it("draws the prior dashed: K rho (1 - rho)^(K-1) with rho = 1/2", () => {
    const prior = seriesNamed(specializationFigure(transitions), 'prior');
    const points = prior.data as number[][];
    expect(points.map((point) => point[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expectAllClose(points.map((point) => point[1]), points.map(([k]) => k * 0.5 ** k), { rtol: 1e-12 });
    expect((prior.lineStyle as { type: string }).type).toBe('dashed');
  });

  it('overlays the trained networks, one series per initial scale', () => {
    const figure = specializationFigure(small);
    for (const initScale of [0.05, 2]) {
      const expected = trained(small)
        .filter((row) => row.initScale === initScale)
        .map((row) => [row.contexts, row.specialization]);
      expect(seriesNamed(figure, `trained, init ${initScale}`).data).toEqual(expected);
    }
  });

  it('uses only sigmas with two or more K (the transitions preset has one such line)', () => {
    const names = seriesOf(specializationFigure(transitions)).map((entry) => entry.name);
    expect(names).toEqual(['σ = 0.5', 'prior', 'trained, init 0.05', 'trained, init 2']);
  });

  it('draws null and NaN as gaps', () => {
    const broken = copy(small);
    const first = broken.rows.find((row: SweepRow) => row.mode === 'maxent' && row.weightScale === 1 && row.contexts === 2)!;
    first.specialization = null;
    const nan = broken.rows.find((row: SweepRow) => row.mode === 'maxent' && row.weightScale === 2 && row.contexts === 3)!;
    nan.specialization = Number.NaN;
    const figure = specializationFigure(broken);
    expect((seriesNamed(figure, 'σ = 1').data as unknown[][])[1]).toEqual([2, null]);
    expect((seriesNamed(figure, 'σ = 2').data as unknown[][])[2]).toEqual([3, null]);
  });
});

describe('selectivityFigure', () => {
  it('draws one line per K in sigma order; K = 1 (P = 1) has no normalised selectivity', () => {
    const figure = selectivityFigure(small);
    const names = seriesOf(figure).map((entry) => entry.name);
    expect(names).toEqual(['K = 2', 'K = 3', 'trained, init 0.05', 'trained, init 2']);
    for (const contexts of [2, 3]) {
      const expected = maxent(small)
        .filter((row) => row.contexts === contexts)
        .sort((a, b) => a.weightScale - b.weightScale)
        .map((row) => [row.weightScale, row.selectivityNormalized]);
      expect(seriesNamed(figure, `K = ${contexts}`).data).toEqual(expected);
    }
    expect(figure.caption).toContain('K = 1 has no normalised selectivity (P = 1)');
  });

  it('draws chi itself on request, K = 1 included (chi = 1)', () => {
    const figure = selectivityFigure(small, { measure: 'selectivity' });
    expect((seriesNamed(figure, 'K = 1').data as number[][]).map((point) => point[1])).toEqual([1, 1, 1]);
    expect(() => selectivityFigure(small, { measure: 'chi' as never })).toThrow(/`measure`/);
  });

  it('overlays trained networks of a matched grid as "init = σ", in the colour of their K', () => {
    const figure = selectivityFigure(transitions);
    const series = seriesNamed(figure, 'trained, init = σ');
    const rows = trained(transitions).filter((row) => row.grid === 'weightScale');
    expect((series.data as { value: unknown[] }[]).map((item) => item.value)).toEqual(rows.map((row) => [row.weightScale, row.selectivityNormalized]));
    const lineColor = (seriesNamed(figure, 'K = 3').itemStyle as { color: string }).color;
    for (const item of series.data as { itemStyle: { color: string } }[]) expect(item.itemStyle.color).toBe(lineColor);
  });
});

describe('sweepMismatchFigure', () => {
  it('draws TV + mean |selectivity difference| along sigma and circles each line minimum', () => {
    const figure = sweepMismatchFigure(transitions);
    const rows = trained(transitions)
      .filter((row) => row.grid === 'weightScale')
      .sort((a, b) => a.weightScale - b.weightScale);
    const line = seriesNamed(figure, 'K = 3, init = σ').data as number[][];
    expect(line.map((point) => point[0])).toEqual(rows.map((row) => row.weightScale));
    expectAllClose(line.map((point) => point[1]), rows.map((row) => row.tvDistance! + row.meanAbsSelectivityDifference!), { rtol: 1e-15 });
    const smallest = Math.min(...line.map((point) => point[1]));
    const circled = seriesNamed(figure, 'smallest mismatch').data as number[][];
    expect(circled).toEqual([line.find((point) => point[1] === smallest)]);
  });

  it('is null where a measure is missing', () => {
    expect(mismatchOf({ tvDistance: 0.1, meanAbsSelectivityDifference: null } as SweepRow)).toBeNull();
    expect(mismatchOf({ tvDistance: Number.NaN, meanAbsSelectivityDifference: 0.2 } as SweepRow)).toBeNull();
    expect(mismatchOf({ tvDistance: 0.1, meanAbsSelectivityDifference: 0.2 } as SweepRow)).toBeCloseTo(0.3, 14);
  });
});

describe('empty sweeps', () => {
  const empty = { ...small, rows: [] };
  it.each([
    ['specialization', specializationFigure],
    ['selectivity', selectivityFigure],
    ['mismatch', sweepMismatchFigure],
  ] as const)('%s: no series, a caption that says so, and a valid SVG', (_, build) => {
    const figure = build(empty);
    expect(seriesOf(figure)).toEqual([]);
    expect(figure.caption).toContain('nothing to draw');
    svgTexts(renderSvg(figure));
  });

  it('rejects a file without rows', () => {
    expect(() => specializationFigure({ ...small, rows: undefined } as unknown as SweepFile)).toThrow(InvalidInputError);
    expect(() => specializationFigure({ ...small, rows: undefined } as unknown as SweepFile)).toThrow('invalid `rows`: must be an array, got nothing');
  });
});
