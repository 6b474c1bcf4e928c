import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import {
  activeContextsFigure,
  activeCount,
  patternColor,
  patternLabel,
  solutionPopulationsFigure,
  solutionSelectivityFigure,
  solutionGainsFigure,
  type GainLaw,
  type SolutionFile,
} from '../src/index.js';
import { categories, colorsOf, copy, fixture, seriesNamed, valuesOf } from './helpers.js';

const k3 = fixture<SolutionFile>('solution-k3.json');
const k1 = fixture<SolutionFile>('solution-k1.json'); // P = 1
const linear = fixture<SolutionFile>('solution-linear-k1.json'); // one population

const byLabel = (solution: SolutionFile) => new Map(solution.populations!.map((population) => [patternLabel(population.pattern), population]));

describe('solutionPopulationsFigure', () => {
  const figure = solutionPopulationsFigure(k3);
  const populations = byLabel(k3);

  it('has one category per pattern, ordered by active contexts then pattern index', () => {
    expect(categories(figure)).toEqual(['000', '100', '010', '001', '110', '101', '011', '111']);
  });

  it('shows the fixture fractions and energy shares value by value, in pattern colours', () => {
    const labels = categories(figure);
    expect(valuesOf(seriesNamed(figure, 'fraction π(g)'))).toEqual(labels.map((label) => populations.get(label)!.fraction));
    expect(valuesOf(seriesNamed(figure, 'energy share ε(g)'))).toEqual(labels.map((label) => populations.get(label)!.energyShare));
    expect(colorsOf(seriesNamed(figure, 'energy share ε(g)'))).toEqual(labels.map((label) => patternColor(populations.get(label)!.pattern)));
    expectAllClose(
      valuesOf(seriesNamed(figure, 'fraction π(g)')).reduce((sum: number, value) => sum + (value as number), 0),
      1,
      { rtol: 1e-12 },
    );
  });

  it("has the prior's fractions: rho = Phi(0) = 1/2, so 1/8 per pattern", () => {
    expectAllClose(valuesOf(seriesNamed(figure, 'prior P₀(g)')) as number[], new Array(8).fill(0.125), { rtol: 1e-15 });
  });

  it('shows only the populations with the largest energy share under maxPopulations, and says so', () => {
    const top = solutionPopulationsFigure(k3, { maxPopulations: 3 });
    const expected = [...k3.populations!].sort((a, b) => b.energyShare - a.energyShare).slice(0, 3);
    expect(new Set(categories(top))).toEqual(new Set(expected.map((population) => patternLabel(population.pattern))));
    expect(top.caption).toContain('Showing the 3 of 8 populations');
    expect(() => solutionPopulationsFigure(k3, { maxPopulations: 0 })).toThrow(/`maxPopulations`/);
  });

  it('handles one population (linear, K = 1): one bar of 1, prior 1', () => {
    const single = solutionPopulationsFigure(linear);
    expect(categories(single)).toEqual(['1']);
    expect(valuesOf(seriesNamed(single, 'fraction π(g)'))).toEqual([1]);
    expect(valuesOf(seriesNamed(single, 'energy share ε(g)'))).toEqual([1]);
    expect(valuesOf(seriesNamed(single, 'prior P₀(g)'))).toEqual([1]);
  });

  it('draws NaN and null as gaps, not zeros', () => {
    const broken = copy(k3);
    broken.populations[0].energyShare = Number.NaN;
    broken.populations[1].fraction = null;
    const gaps = solutionPopulationsFigure(broken);
    const labels = categories(gaps);
    const energy = valuesOf(seriesNamed(gaps, 'energy share ε(g)'));
    const fraction = valuesOf(seriesNamed(gaps, 'fraction π(g)'));
    expect(energy[labels.indexOf(patternLabel(k3.populations![0].pattern))]).toBeNull();
    expect(fraction[labels.indexOf(patternLabel(k3.populations![1].pattern))]).toBeNull();
  });

  it('rejects a file of another kind, naming `kind`', () => {
    const wrong = { ...k3, kind: 'network' } as unknown as SolutionFile;
    expect(() => solutionPopulationsFigure(wrong)).toThrow(InvalidInputError);
    expect(() => solutionPopulationsFigure(wrong)).toThrow('invalid `kind`: must be "maxent-solution", got "network"');
  });
});

describe('activeContextsFigure', () => {
  const figure = activeContextsFigure(k3);

  it("shows the summary's distributions, which agree with the populations summed by |g|", () => {
    const byFraction = valuesOf(seriesNamed(figure, 'by fraction')) as number[];
    const byEnergy = valuesOf(seriesNamed(figure, 'by energy')) as number[];
    expect(byFraction).toEqual(k3.summary.activeCount.byFraction);
    expect(byEnergy).toEqual(k3.summary.activeCount.byEnergy);
    const summed = (key: 'fraction' | 'energyShare') =>
      [0, 1, 2, 3].map((m) => k3.populations!.filter((population) => activeCount(population.pattern) === m).reduce((sum, population) => sum + population[key], 0));
    expectAllClose(byFraction, summed('fraction'), { rtol: 1e-12 });
    expectAllClose(byEnergy, summed('energyShare'), { rtol: 1e-12 });
    expect(categories(figure)).toEqual(['0', '1', '2', '3']);
  });

  it('has the binomial prior (K = 3, rho = 1/2) and names the specialization', () => {
    expectAllClose(valuesOf(seriesNamed(figure, 'prior, by fraction')) as number[], [1 / 8, 3 / 8, 3 / 8, 1 / 8], { rtol: 1e-15 });
    expect(figure.caption).toContain(`${k3.summary.specialization!.toFixed(3)} (prior 0.375)`);
  });

  it('draws a null entry as a gap', () => {
    const broken = copy(k3);
    broken.summary.activeCount.byEnergy[2] = null;
    expect(valuesOf(seriesNamed(activeContextsFigure(broken), 'by energy'))[2]).toBeNull();
  });
});

describe('solutionSelectivityFigure', () => {
  it('shows chi(g) per pattern with references at 1/P and 1', () => {
    const figure = solutionSelectivityFigure(k3);
    const populations = byLabel(k3);
    const series = seriesNamed(figure, 'χ(g)');
    expect(valuesOf(series)).toEqual(categories(figure).map((label) => populations.get(label)!.selectivity));
    const lines = (series.markLine as { data: { yAxis: number }[] }).data.map((line) => line.yAxis);
    expectAllClose(lines, [1 / 3, 1], { rtol: 1e-15 });
    // The silent pattern has a = 0, so chi = 1/P exactly (model.md §6).
    expectAllClose(valuesOf(series)[0] as number, 1 / 3, { rtol: 1e-12 });
  });

  it('draws no bars when P = 1, where the index is 1 by definition', () => {
    const figure = solutionSelectivityFigure(k1);
    const series = seriesNamed(figure, 'χ(g)');
    expect(valuesOf(series)).toEqual([null, null]);
    expect((series.markLine as { data: unknown[] }).data).toEqual([]);
    expect(figure.caption).toContain('P = 1');
  });
});

describe('a solution with continuous gains (clusters of gain vectors, model.md §7)', () => {
  const tanh = fixture<SolutionFile & { gains: GainLaw }>('solution-tanh-k2.json');

  it('draws one bar per cluster, labelled by pattern and mean gains, so clusters sharing a pattern stay apart', () => {
    const figure = solutionPopulationsFigure(tanh);
    const labels = categories(figure);
    expect(labels).toHaveLength(tanh.clusters!.length);
    expect(new Set(labels).size).toBe(labels.length);
    const patterns = new Set(tanh.clusters!.map((cluster) => patternLabel(cluster.pattern)));
    expect(patterns.size).toBeLessThan(labels.length); // the fixture has clusters that share a pattern
    for (const cluster of tanh.clusters!) {
      const label = `${patternLabel(cluster.pattern)} (${cluster.gains!.map((g) => g.toFixed(2)).join(' ')})`;
      expect(valuesOf(seriesNamed(figure, 'energy share ε(g)'))[labels.indexOf(label)]).toBe(cluster.energyShare);
    }
    expect(figure.caption).toMatch(/cluster of gain vectors/);
    expect(solutionSelectivityFigure(tanh).option).toBeDefined();
  });

  it('shows the per-context histograms of the gains as they are in the file', () => {
    const figure = solutionGainsFigure(tanh);
    const series = (figure.option as { series: { name: string; data: number[] }[] }).series;
    expect(series).toHaveLength(2);
    series.forEach((s, k) => {
      expect(s.data).toEqual(tanh.gains.histograms.mass[k]);
      expectAllClose(s.data.reduce((a, b) => a + b, 0), 1, { rtol: 1e-12 });
      expect(s.name).toContain(tanh.gains.mean[k].toFixed(2));
    });
    expect(categories(figure)).toHaveLength(tanh.gains.histograms.edges.length - 1);
    expect(() => solutionGainsFigure(k3)).toThrow(InvalidInputError);
  });
});
