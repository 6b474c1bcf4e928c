import { describe, expect, it } from 'vitest';
import {
  analysisMatchCurveFigure,
  bestSigmaFigure,
  curveOf,
  matchCurveFigure,
  matchTvAgainstContextsFigure,
  renderSvg,
  type AnalysisFile,
  type SweepFile,
} from '../src/index.js';
import { axisTitles, categories, copy, fixture, seriesNamed, seriesOf, svgTexts } from './helpers.js';

// K = 2, 3; init 0.05 and 2; weight decay 0 and 1e-3; 2 seeds each (make-fixtures.sh).
const sweep = fixture<SweepFile>('sweep-gd-match.json');
const analysis = fixture<AnalysisFile>('analysis-k3.json');
type Row = Record<string, unknown>;
const means = (sweep.rows as unknown as Row[]).filter((row) => row.mode === 'mean');

describe('gd-match figures of a sweep (model.md §15)', () => {
  it('the fixture has one mean row per setting, each with its grid curve', () => {
    expect(means).toHaveLength(8);
    expect(curveOf(means[0])).toHaveLength(25);
  });

  it('matchCurveFigure: one line per setting at K = 3, the mean row curves value by value, best matches circled', () => {
    const figure = matchCurveFigure(sweep);
    const atThree = means.filter((row) => row.contexts === 3);
    for (const row of atThree) {
      const name = `sweep: init ${row.initScale}, decay ${row.weightDecay}`;
      const expected = Object.entries(row)
        .filter(([key]) => key.startsWith('mismatch@') && !key.endsWith('Stderr') && !key.endsWith('Count'))
        .map(([key, value]) => [Number(key.slice('mismatch@'.length)), value])
        .sort((a, b) => (a[0] as number) - (b[0] as number));
      expect(seriesNamed(figure, name).data).toEqual(expected);
    }
    expect(seriesNamed(figure, 'best match').data).toEqual(atThree.map((row) => [row.matchWeightScale, row.matchMismatch]));
    expect(matchCurveFigure(sweep, { contexts: 2 }).title).toContain('K = 2');
  });

  it('matchTvAgainstContextsFigure: TV at the best match against K, one line per setting', () => {
    const figure = matchTvAgainstContextsFigure(sweep);
    expect(seriesOf(figure)).toHaveLength(4);
    for (const series of seriesOf(figure)) {
      const [initScale, decay] = /init ([\d.e-]+), decay ([\d.e-]+)/.exec(String(series.name))!.slice(1).map(Number);
      const expected = means.filter((row) => row.initScale === initScale && row.weightDecay === decay).map((row) => [row.contexts, row.matchTvDistance]);
      expect(series.data).toEqual(expected);
    }
  });

  it.each(['weightDecay', 'initScale'] as const)('bestSigmaFigure against %s: one line per K, categories the swept values', (against) => {
    const figure = bestSigmaFigure(sweep, against);
    expect(categories(figure)).toEqual(against === 'weightDecay' ? ['0', '0.001'] : ['0.05', '2']);
    // The grid is one ("sweep"): each K's line reads the rows of the first value of the other setting.
    for (const contexts of [2, 3]) {
      const data = seriesNamed(figure, `K = ${contexts}`).data;
      expect(data).toHaveLength(2);
      for (const value of data) expect(means.some((row) => row.contexts === contexts && row.matchWeightScale === value)).toBe(true);
    }
  });

  it('null values are gaps, not zeros', () => {
    const edited = copy(sweep);
    const row = edited.rows.find((candidate: Row) => candidate.mode === 'mean' && candidate.contexts === 2);
    row.matchTvDistance = null;
    row['mismatch@1'] = null;
    const tv = matchTvAgainstContextsFigure(edited);
    expect(seriesOf(tv).some((series) => (series.data as unknown[][]).some((point) => point[0] === 2 && point[1] === null))).toBe(true);
    expect(curveOf(row).find(([sigma]) => sigma === 1)).toEqual([1, null]);
  });

  it('a sweep without a joint match draws empty figures and says so', () => {
    const plain = copy(sweep);
    plain.rows = plain.rows.filter((row: Row) => row.mode === 'maxent');
    expect(matchCurveFigure(plain).caption).toContain('nothing to draw');
    expect(seriesOf(matchTvAgainstContextsFigure(plain))).toHaveLength(0);
  });

  it('renders to well-formed SVG with its axis titles', () => {
    for (const figure of [matchCurveFigure(sweep), matchTvAgainstContextsFigure(sweep), bestSigmaFigure(sweep, 'weightDecay'), bestSigmaFigure(sweep, 'initScale')]) {
      const texts = svgTexts(renderSvg(figure));
      for (const title of axisTitles(figure)) expect(texts).toContain(title);
    }
  });
});

describe('analysisMatchCurveFigure', () => {
  it('draws the three curves of the comparison value by value and circles the match', () => {
    const figure = analysisMatchCurveFigure(analysis);
    const curve = [...analysis.comparison!.curve!].sort((a, b) => a.weightScale - b.weightScale);
    expect(seriesNamed(figure, 'joint (TV + |Δχ|)').data).toEqual(curve.map((point) => [point.weightScale, point.mismatch]));
    expect(seriesNamed(figure, 'TV of energy shares').data).toEqual(curve.map((point) => [point.weightScale, point.tvDistance]));
    expect(seriesNamed(figure, '|Δχ|').data).toEqual(curve.map((point) => [point.weightScale, point.selectivityDifference]));
    const match = analysis.comparison!.match!;
    expect(seriesNamed(figure, 'best match').data).toEqual([[match.weightScale, match.mismatch]]);
    svgTexts(renderSvg(figure));
  });

  it('a file without the joint match is an error naming the field', () => {
    const old = copy(analysis);
    delete old.comparison.curve;
    expect(() => analysisMatchCurveFigure(old)).toThrow(/comparison\.curve/);
  });
});
