// An explicit `undefined` option means the default (architecture.md): every public
// function of @maxent/analysis that takes options, each of its option keys.
import { createRng, type Mat } from '@maxent/core';
import type { PopulationShare } from '@maxent/constraints';
import { describeUndefinedOptions, optionKeys, optionsCase } from '#testing';
import {
  bestMatchingWeightScale,
  jointWeightScaleMatch,
  clusterBySilhouette,
  modularity,
  modularityOfPartition,
  networkPopulations,
  weightMetrics,
  type ModularityOptions,
  type NetworkWeights,
  type PopulationOptions,
  type SilhouetteOptions,
  type WeightMetricsOptions,
  type WeightScaleSearchOptions,
  type JointMatchOptions,
} from '../src/index.js';

/** N random neurons with K = P = 2 (a fixed stream, so every call sees the same network). */
function randomNetwork(nonlinearity: NetworkWeights['nonlinearity'], neurons: number): NetworkWeights {
  const rng = createRng(`undefined-options-${nonlinearity}`);
  const draw = (count: number) => Float64Array.from({ length: count }, () => rng.normal());
  return { nonlinearity, neurons, stimuli: 2, contexts: 2, u: draw(neurons * 2), v: draw(neurons * 2), w: draw(neurons) };
}

/** Unstructured points, so the k-means initialisation and the silhouette subsample (both seeded) matter. */
const points = Float64Array.from({ length: 40 * 2 }, ((rng) => () => rng.next())(createRng('undefined-options-points')));

const weights: Mat = (() => {
  const rng = createRng('undefined-options-weights');
  return { rows: 6, cols: 6, data: Float64Array.from({ length: 36 }, () => rng.normal()) };
})();

/** Energy shares over the 4 patterns of K = 2 that move smoothly with sigma, peaking near sigma = 2. */
function sharesAt(weightScale: number): PopulationShare[] {
  const t = 1 / (1 + (Math.log(weightScale / 2) ** 2));
  const shares = [t / 2, (1 - t) / 2, (1 - t) / 2, t / 2];
  return [[0, 0], [1, 0], [0, 1], [1, 1]].map((pattern, i) => ({ pattern, fraction: 0.25, energyShare: shares[i], selectivity: 0.5 }));
}
const observedShares = sharesAt(1.5);

// Small clustering budgets keep the table fast; a 10-point silhouette sample of 40 makes the seed matter.
const clustering = { kMax: 4, silhouetteSampleSize: 10 } as const;

describeUndefinedOptions('@maxent/analysis: an undefined option is the default', [
  optionsCase<PopulationOptions>({
    name: 'networkPopulations (relu)',
    call: (options) => networkPopulations(randomNetwork('relu', 30), options),
    base: {},
    keys: optionKeys<PopulationOptions>({
      contextMean: true,
      contextStd: true,
      kMax: true,
      restarts: true,
      silhouetteSampleSize: true,
      seed: true,
      signal: true,
      onProgress: true,
    }),
  }),
  optionsCase<PopulationOptions>({
    name: 'networkPopulations (tanh)',
    call: (options) => networkPopulations(randomNetwork('tanh', 40), options),
    base: clustering,
    keys: optionKeys<PopulationOptions>({
      contextMean: true,
      contextStd: true,
      kMax: true,
      restarts: true,
      silhouetteSampleSize: true,
      seed: true,
      signal: true,
      onProgress: true,
    }),
  }),
  optionsCase<SilhouetteOptions>({
    name: 'clusterBySilhouette',
    call: (options) => clusterBySilhouette(points, 40, 2, options),
    base: clustering,
    keys: optionKeys<SilhouetteOptions>({
      kMax: true,
      restarts: true,
      silhouetteSampleSize: true,
      maxIterations: true,
      seed: true,
      signal: true,
      onProgress: true,
    }),
  }),
  optionsCase<WeightScaleSearchOptions>({
    name: 'bestMatchingWeightScale',
    call: (options) => bestMatchingWeightScale(observedShares, sharesAt, options),
    base: {},
    keys: optionKeys<WeightScaleSearchOptions>({ lower: true, upper: true, gridPoints: true, tolerance: true, signal: true, onProgress: true }),
  }),
  optionsCase<JointMatchOptions>({
    name: 'jointWeightScaleMatch',
    call: (options) => jointWeightScaleMatch(observedShares, sharesAt, options),
    base: { by: 'energy' },
    keys: optionKeys<JointMatchOptions>({ lower: true, upper: true, gridPoints: true, tolerance: true, by: true, signal: true, onProgress: true }),
  }),
  optionsCase<ModularityOptions>({
    name: 'modularity',
    call: (options) => modularity(weights, options),
    base: { gamma: 0.5 },
    keys: optionKeys<ModularityOptions>({ gamma: true, rng: true }),
  }),
  optionsCase<Pick<ModularityOptions, 'gamma'>>({
    name: 'modularityOfPartition',
    call: (options) => modularityOfPartition(weights, [0, 0, 0, 1, 1, 1], options),
    base: { gamma: 0.5 },
    keys: optionKeys<Pick<ModularityOptions, 'gamma'>>({ gamma: true }),
  }),
  optionsCase<WeightMetricsOptions>({
    name: 'weightMetrics',
    call: (options) => weightMetrics(weights, options),
    base: { gamma: 0.5 },
    keys: optionKeys<WeightMetricsOptions>({ gamma: true, rng: true }),
  }),
]);
