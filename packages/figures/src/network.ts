// Figures of a network file (kind `network`): its neurons (model.md §2, §10).
import { invalid } from '@maxent/core';
import { baseOption, singleGrid, topLegend, valueAxis } from './axes.js';
import type { Figure } from './figure.js';
import { activeCount, NEUTRAL_GREY, patternColor, patternLabel } from './palette.js';
import { patternIndex } from './populationOrder.js';
import type { NetworkFile } from './results.js';
import { expectArray, expectKind } from './results.js';
import { subsampleIndices } from './subsample.js';

export interface NeuronScatterOptions {
  /** Above this many neurons a seeded random subsample is drawn (charts.md: SVG size); default 5000. */
  readonly maxPoints?: number;
  /** Seed of the subsample; default 1. */
  readonly seed?: number | string;
}

export const DEFAULT_NEURON_SCATTER_OPTIONS = Object.freeze({ maxPoints: 5000, seed: 1 as number | string });

/** A neuron's projection on its population's axis and its readout weight. */
export interface NeuronPoint {
  readonly neuron: number;
  readonly projection: number;
  readonly readout: number;
}

/** One population of a network: its pattern (null when gains are not binary), axis and neurons. */
export interface NeuronGroup {
  readonly pattern: readonly number[] | null;
  /** Structured direction â(g): normalised mean of w_i u_i over the population (model.md §10); zeros if that mean is 0. */
  readonly direction: readonly number[];
  readonly neurons: readonly number[];
}

/**
 * Neurons grouped by gain pattern, `1[v_ik > 0]` for relu (model.md §10); linear
 * networks have one pattern (all gains 1); other nonlinearities have continuous
 * gains, whose populations come from clustering (not in the network file), so
 * they form one group.
 */
export function neuronGroups(network: NetworkFile): NeuronGroup[] {
  checkNetwork(network);
  const { u, v, w } = network;
  const stimuli = u[0]?.length ?? 0;
  const binary = network.nonlinearity === 'relu' || network.nonlinearity === 'linear';
  const members = new Map<number, number[]>();
  const patterns = new Map<number, number[]>();
  for (let i = 0; i < w.length; i++) {
    const pattern = network.nonlinearity === 'relu' ? v[i].map((value) => (value > 0 ? 1 : 0)) : v[i].map(() => 1);
    const key = binary ? patternIndex(pattern) : 0;
    if (!members.has(key)) {
      members.set(key, []);
      patterns.set(key, pattern);
    }
    members.get(key)!.push(i);
  }
  const groups: NeuronGroup[] = [];
  for (const [key, neurons] of members) {
    const mean = new Array<number>(stimuli).fill(0);
    for (const i of neurons) for (let j = 0; j < stimuli; j++) mean[j] += w[i] * u[i][j];
    const norm = Math.hypot(...mean);
    groups.push({ pattern: binary ? patterns.get(key)! : null, direction: mean.map((value) => (norm > 0 ? value / norm : 0)), neurons });
  }
  return groups.sort((a, b) =>
    a.pattern === null || b.pattern === null ? 0 : activeCount(a.pattern) - activeCount(b.pattern) || patternIndex(a.pattern) - patternIndex(b.pattern),
  );
}

/**
 * Scatter of neurons: stimulus weights projected on their population's axis,
 * u_i · â(g_i), against the readout w_i, coloured by gain pattern. Within a
 * max-ent population (u, w) is Gaussian with E[w u | v] along â (model.md §5), so
 * each population is a tilted cloud; a random population is a round one.
 */
export function neuronScatterFigure(network: NetworkFile, options: NeuronScatterOptions = {}): Figure {
  const maxPoints = options.maxPoints ?? DEFAULT_NEURON_SCATTER_OPTIONS.maxPoints;
  const seed = options.seed ?? DEFAULT_NEURON_SCATTER_OPTIONS.seed;
  if (!Number.isInteger(maxPoints) || maxPoints < 1) throw invalid('maxPoints', 'must be an integer >= 1', maxPoints);
  const groups = neuronGroups(network);
  const total = network.w.length;
  const kept = new Uint8Array(total);
  for (const i of subsampleIndices(total, maxPoints, seed)) kept[i] = 1;
  const shown = Math.min(total, maxPoints);
  const subsampled = shown < total;
  const series = groups.map((group) => ({
    type: 'scatter' as const,
    name: group.pattern === null ? 'all neurons' : patternLabel(group.pattern),
    symbolSize: 4,
    itemStyle: { color: group.pattern === null ? NEUTRAL_GREY : patternColor(group.pattern), opacity: 0.7 },
    data: group.neurons.filter((i) => kept[i] === 1).map((i) => [dot(network.u[i], group.direction), network.w[i]]),
  }));
  const grouping =
    groups[0]?.pattern === null && network.nonlinearity !== 'linear'
      ? ` Gains of ${network.nonlinearity} are continuous: populations come from clustering (maxent analyze), so all neurons are one group here, projected on their pooled axis.`
      : ` Colours are gain patterns (digit k: active in context k); â(g) is the normalised mean of w·u over the population (model.md §10).`;
  return {
    kind: 'chart',
    id: 'network-neurons',
    title: 'Neurons: stimulus weight along the population axis against readout',
    caption:
      `Each point is a neuron i: u_i · â(g_i), its stimulus weights projected on its population's structured direction, against its readout weight w_i.` +
      grouping +
      (subsampled ? ` A seeded random subsample of ${shown} of the ${total} neurons is drawn (seed ${seed}).` : ` All ${total} neurons are drawn.`),
    option: {
      ...baseOption(),
      legend: { ...topLegend(), type: 'plain' },
      grid: singleGrid(),
      xAxis: valueAxis({ name: 'u · â(g)', scale: true }),
      yAxis: valueAxis({ name: 'readout w', scale: true, nameGap: 44 }),
      series,
    },
  };
}

function dot(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += a[j] * b[j];
  return sum;
}

export function checkNetwork(network: NetworkFile): void {
  expectKind(network, 'network');
  expectArray(network.u, 'u');
  expectArray(network.v, 'v');
  expectArray(network.w, 'w');
  if (network.u.length !== network.w.length || network.v.length !== network.w.length) {
    throw invalid('u', `must have one row per neuron like w (${network.w.length}); v has ${network.v.length}`, `${network.u.length} rows`);
  }
}
