import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { specializationFigure, type SweepFile } from '@maxent/figures';
import { describe, expect, it } from 'vitest';
import { combinedSweep, transitionFigures } from '../transitions/transitionFigures.js';
import { DEFAULT_STATE } from '../state/viewerState.js';
import { withCompactLegend } from './compactLegend.js';
import { CURRENT_SERIES_NAME, withCurrentSetting } from './currentSetting.js';
import { MAX_DIGEST_POINTS, seriesDigest } from './figureDigest.js';
import { arrayTable, scalarTable, valueAt } from './scalarTable.js';

const FIXTURES = join(import.meta.dirname, '../../../../packages/figures/test/fixtures');
const sweep = JSON.parse(readFileSync(join(FIXTURES, 'sweep-small.json'), 'utf8')) as SweepFile;

describe('figure digests', () => {
  it('reads bar values, [x, y] pairs and gaps, and only counts long series', () => {
    const figure = {
      kind: 'chart' as const, id: 'x', title: '', caption: '',
      option: { xAxis: { data: ['a', 'b'] }, series: [{ name: 'bars', data: [{ value: 1 }, null] }, { name: 'line', data: [[1, 2], [2, null]] }, { name: 'many', data: Array(MAX_DIGEST_POINTS + 1).fill(0) }] },
    };
    expect(seriesDigest(figure as never)).toEqual({
      categories: ['a', 'b'],
      series: [{ name: 'bars', values: [1, null] }, { name: 'line', values: [2, null] }, { name: 'many', values: [], points: MAX_DIGEST_POINTS + 1 }],
    });
  });
});

describe('the current setting on a transition figure', () => {
  it('adds one ring series at the point and leaves the builder figure as it was', () => {
    const base = specializationFigure(sweep);
    const marked = withCurrentSetting(base, [3, 0.25]);
    const series = marked.option.series as { name: string; data: unknown }[];
    expect(series).toHaveLength((base.option.series as unknown[]).length + 1);
    expect(series.at(-1)).toMatchObject({ name: CURRENT_SERIES_NAME, data: [[3, 0.25]] });
    expect(withCurrentSetting(base, [3, null])).toBe(base);
    expect(withCurrentSetting(base, null)).toBe(base);
  });

  it('overlays an opened sweep under its own grid names and marks both figures', () => {
    const computed = { ...sweep, rows: sweep.rows.filter((row) => row.mode === 'maxent').map((row) => ({ ...row, grid: 'contexts' })) };
    const combined = combinedSweep(computed, sweep);
    expect(combined.rows).toHaveLength(computed.rows.length + sweep.rows.length);
    expect(combined.rows.at(-1)!.grid).toMatch(/^file: /);
    const figures = transitionFigures(computed, sweep, { ...DEFAULT_STATE, weightScale: 0.5 }, { specialization: 0.3, selectivityNormalized: 0.5 });
    expect(figures.map((figure) => figure.id)).toEqual(['sweep-specialization', 'sweep-selectivity']);
    for (const figure of figures) {
      expect(seriesDigest(figure).series.at(-1)!.name).toBe(CURRENT_SERIES_NAME);
      expect(figure.caption).toMatch(/opened sweep's \d+ rows/);
    }
  });
});

describe('the compact legend of a scatter with many patterns', () => {
  const scatter = (series: number) => ({ kind: 'chart' as const, id: 's', title: '', caption: 'c.', option: { legend: { show: true }, grid: { top: 80 }, series: Array.from({ length: series }, () => ({ type: 'scatter' })) } });
  it('keeps the legend up to the limit and hides it past it, saying so', () => {
    expect(withCompactLegend(scatter(24) as never)).toEqual(scatter(24));
    const hidden = withCompactLegend(scatter(25) as never);
    expect(hidden.option.legend).toEqual({ show: false });
    expect(hidden.caption).toBe('c. Legend hidden: 25 gain patterns, coloured as in the population chart.');
  });
});

describe('tables of result files', () => {
  const file = { summary: { specialization: 0.3, note: '<b>x</b>', flag: true }, rows: [{ pattern: [1, 0], count: 2 }, { pattern: [0, 1] }] };
  it('reads dotted keys', () => {
    expect(valueAt(file, 'summary.specialization')).toBe(0.3);
    expect(valueAt(file, 'summary.missing.deeper')).toBeUndefined();
  });
  it('keeps strings as they are (the DOM shows them as text) and skips absent keys', () => {
    expect(scalarTable('t', 'T', file, ['summary.specialization', 'summary.note', 'summary.flag', 'nope'])!.rows).toEqual([
      ['summary.specialization', 0.3], ['summary.note', '<b>x</b>'], ['summary.flag', 'true'],
    ]);
    expect(scalarTable('t', 'T', file, ['nope'])).toBeNull();
  });
  it('writes patterns as digits and limits the rows', () => {
    const table = arrayTable('p', 'P', file.rows, ['pattern', 'count', 'absent'], 1)!;
    expect(table.columns).toEqual(['pattern', 'count']);
    expect(table.rows).toEqual([['10', 2]]);
    expect(table.caption).toBe('First 1 of 2 rows.');
  });
});
