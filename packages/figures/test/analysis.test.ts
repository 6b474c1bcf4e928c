import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import {
  patternLabel,
  populationComparisonFigure,
  populationSelectivityComparisonFigure,
  weightScaleMatchFigure,
  type AnalysisFile,
  type SolutionFile,
} from '../src/index.js';
import { categories, copy, fixture, seriesNamed, seriesOf, valuesOf } from './helpers.js';

const analysis = fixture<AnalysisFile>('analysis-k3.json');
const solution = fixture<SolutionFile>('solution-k3.json'); // the solution it was compared with
const compared = new Map(analysis.comparison!.populations.map((population) => [patternLabel(population.pattern), population]));
const solved = new Map(solution.populations!.map((population) => [patternLabel(population.pattern), population]));

describe('populationComparisonFigure', () => {
  const figure = populationComparisonFigure(analysis);

  it("shows the network's energy shares as bars and the solution's as diamonds, value by value", () => {
    const labels = categories(figure);
    expect(labels).toEqual(['000', '100', '010', '001', '110', '101', '011', '111']);
    expect(valuesOf(seriesNamed(figure, 'network'))).toEqual(labels.map((label) => compared.get(label)!.energyShare.network));
    const diamonds = valuesOf(seriesNamed(figure, 'solution (σ = 1)')) as number[];
    expect(diamonds).toEqual(labels.map((label) => compared.get(label)!.energyShare.solution));
    // The solution's shares are those of the solution file itself.
    expectAllClose(diamonds, labels.map((label) => solved.get(label)!.energyShare), { rtol: 1e-12 });
    expect(figure.caption).toContain(analysis.comparison!.tvDistance!.toFixed(3));
  });

  it('draws a missing share as a gap', () => {
    const broken = copy(analysis);
    broken.comparison.populations[0].energyShare.network = null;
    const label = patternLabel(analysis.comparison!.populations[0].pattern);
    const gaps = populationComparisonFigure(broken);
    expect(valuesOf(seriesNamed(gaps, 'network'))[categories(gaps).indexOf(label)]).toBeNull();
  });

  it('needs a comparison', () => {
    const bare = { ...analysis, comparison: undefined };
    expect(() => populationComparisonFigure(bare)).toThrow(InvalidInputError);
    expect(() => populationComparisonFigure(bare)).toThrow(/invalid `comparison`: must be present/);
  });
});

describe('populationSelectivityComparisonFigure', () => {
  it("shows both selectivities per pattern; the solution's equal the solution file's", () => {
    const figure = populationSelectivityComparisonFigure(analysis);
    const labels = categories(figure);
    expect(valuesOf(seriesNamed(figure, 'network χ(g)'))).toEqual(labels.map((label) => compared.get(label)!.selectivity.network));
    const diamonds = valuesOf(seriesNamed(figure, 'solution χ(g)')) as number[];
    expectAllClose(diamonds, labels.map((label) => solved.get(label)!.selectivity!), { rtol: 1e-12 });
  });
});

describe('weightScaleMatchFigure', () => {
  const figure = weightScaleMatchFigure(analysis);
  const best = analysis.comparison!.bestWeightScale!;

  it('draws the search curve in sigma order and circles the best match, the curve minimum', () => {
    const curve = seriesNamed(figure, 'TV distance').data as number[][];
    const sorted = [...best.evaluations].sort((a, b) => a.weightScale - b.weightScale);
    expect(curve).toEqual(sorted.map((point) => [point.weightScale, point.tvDistance]));
    expect(seriesNamed(figure, 'best match').data).toEqual([[best.weightScale, best.tvDistance]]);
    for (const point of sorted) expect(best.tvDistance!).toBeLessThanOrEqual(point.tvDistance! + 1e-12);
    const line = (seriesNamed(figure, 'TV distance').markLine as { data: { xAxis: number }[] }).data[0];
    expect(line.xAxis).toBe(analysis.comparison!.weightScale);
  });

  it('needs the search result', () => {
    const without = copy(analysis);
    delete without.comparison.bestWeightScale;
    expect(() => weightScaleMatchFigure(without)).toThrow(/`comparison.bestWeightScale`/);
    expect(seriesOf(figure).length).toBe(2);
  });
});
