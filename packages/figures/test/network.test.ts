import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import { neuronGroups, neuronScatterFigure, patternColor, patternLabel, type AnalysisFile, type NetworkFile } from '../src/index.js';
import { copy, fixture, seriesOf } from './helpers.js';

const network = fixture<NetworkFile>('network-k3.json');
// The analysis of the same network by @maxent/analysis: an independent route to its populations.
const analysis = fixture<AnalysisFile>('analysis-k3.json');

describe('neuronGroups', () => {
  it('finds the populations of the analysis package: same patterns, counts and directions', () => {
    const groups = neuronGroups(network);
    const reference = new Map(analysis.populations.map((population) => [patternLabel(population.pattern), population]));
    expect(groups.length).toBe(analysis.populations.length);
    for (const group of groups) {
      const population = reference.get(patternLabel(group.pattern!))!;
      expect(group.neurons.length).toBe(population.count);
      expectAllClose(group.direction, population.direction!, { rtol: 1e-10, atol: 1e-12 });
    }
  });
});

describe('neuronScatterFigure', () => {
  it('plots u_i . a(g_i) against w_i for every neuron, value by value, one series per pattern', () => {
    const figure = neuronScatterFigure(network);
    const directions = new Map(analysis.populations.map((population) => [patternLabel(population.pattern), population.direction!]));
    const expected = new Map<string, number[][]>();
    for (let i = 0; i < network.neurons; i++) {
      const label = patternLabel(network.v[i].map((value) => (value > 0 ? 1 : 0)));
      const direction = directions.get(label)!;
      const projection = network.u[i].reduce((sum, value, j) => sum + value * direction[j], 0);
      if (!expected.has(label)) expected.set(label, []);
      expected.get(label)!.push([projection, network.w[i]]);
    }
    const series = seriesOf(figure);
    expect(series.map((entry) => entry.name).sort()).toEqual([...expected.keys()].sort());
    for (const entry of series) {
      const points = entry.data as number[][];
      const reference = expected.get(entry.name!)!;
      expect(points.length).toBe(reference.length);
      expectAllClose(points.flat(), reference.flat(), { rtol: 1e-9, atol: 1e-12 });
      expect((entry.itemStyle as { color: string }).color).toBe(patternColor(entry.name!.split('').map(Number)));
    }
    expect(figure.caption).toContain(`All ${network.neurons} neurons are drawn.`);
  });

  it('draws a seeded subsample above maxPoints and says so; the same seed picks the same neurons', () => {
    const small = neuronScatterFigure(network, { maxPoints: 100, seed: 7 });
    const points = seriesOf(small).flatMap((entry) => entry.data as number[][]);
    expect(points.length).toBe(100);
    expect(small.caption).toContain('A seeded random subsample of 100 of the 600 neurons is drawn (seed 7).');
    expect(neuronScatterFigure(network, { maxPoints: 100, seed: 7 }).option).toEqual(small.option);
    expect(neuronScatterFigure(network, { maxPoints: 100, seed: 8 }).option).not.toEqual(small.option);
    // Every drawn readout is one of the network's, each at most once.
    const readouts = new Set(network.w);
    expect(new Set(points.map((point) => point[1])).size).toBe(100);
    for (const point of points) expect(readouts.has(point[1])).toBe(true);
  });

  it('subsamples to 5000 points by default', () => {
    const big = syntheticNetwork(6000, 'relu');
    const figure = neuronScatterFigure(big);
    expect(seriesOf(figure).reduce((sum, entry) => sum + entry.data.length, 0)).toBe(5000);
    expect(figure.caption).toContain('5000 of the 6000 neurons');
  });

  it('puts continuous-gain networks in one group, and says why', () => {
    const figure = neuronScatterFigure(syntheticNetwork(50, 'tanh'));
    expect(seriesOf(figure).map((entry) => entry.name)).toEqual(['all neurons']);
    expect(figure.caption).toContain('continuous');
  });

  it('rejects rows that do not match the neurons, naming the field', () => {
    const broken = copy(network);
    broken.u.pop();
    expect(() => neuronScatterFigure(broken)).toThrow(InvalidInputError);
    expect(() => neuronScatterFigure(broken)).toThrow(/invalid `u`/);
    expect(() => neuronScatterFigure(network, { maxPoints: 0 })).toThrow(/`maxPoints`/);
  });
});

function syntheticNetwork(neurons: number, nonlinearity: string): NetworkFile {
  const rng = createRng(`synthetic/${neurons}`);
  const rows = (length: number) => Array.from({ length: neurons }, () => Array.from({ length }, () => rng.normal()));
  return {
    schemaVersion: 1,
    kind: 'network',
    config: {},
    versions: {},
    nonlinearity,
    neurons,
    u: rows(2),
    v: rows(2),
    w: Array.from({ length: neurons }, () => rng.normal()),
    task: [
      [1, 0],
      [0, 1],
    ],
  };
}
