import { resolveOptions } from '@maxent/core';
import { activeProbability, nonlinearity, summarizePopulations, type PopulationSummary } from '@maxent/constraints';
import { clusterBySilhouette, DEFAULT_SILHOUETTE_OPTIONS, type SilhouetteOptions, type SilhouetteScore } from './clustering.js';
import { patternIndex, patternOfIndex, reluPatternIndices } from './gainPatterns.js';
import { checkNetworkWeights, type NetworkWeights } from './networkData.js';
import { populationStatistics, type EmpiricalPopulation } from './populationStatistics.js';

/** How the populations were found. */
export type PopulationMethod = 'gain-patterns' | 'kmeans' | 'single';

/**
 * The clustering options apply to continuous gains only (tanh, softplus) and
 * go to {@link clusterBySilhouette} as they are.
 */
export interface PopulationOptions
  extends Pick<SilhouetteOptions, 'kMax' | 'restarts' | 'silhouetteSampleSize' | 'seed' | 'signal' | 'onProgress'> {
  /** mu_v of the prior over context weights, for `specializationPrior` (model.md §6); default 0. */
  readonly contextMean?: number;
  /** sigma_v; default 1. */
  readonly contextStd?: number;
}

export const DEFAULT_POPULATION_OPTIONS: Readonly<Required<Omit<PopulationOptions, 'signal' | 'onProgress'>>> = Object.freeze({
  contextMean: 0,
  contextStd: 1,
  kMax: DEFAULT_SILHOUETTE_OPTIONS.kMax,
  restarts: DEFAULT_SILHOUETTE_OPTIONS.restarts,
  silhouetteSampleSize: DEFAULT_SILHOUETTE_OPTIONS.silhouetteSampleSize,
  seed: DEFAULT_SILHOUETTE_OPTIONS.seed,
});

export interface NetworkPopulations {
  readonly method: PopulationMethod;
  /** Non-empty populations, ordered by pattern index sum_k g_k 2^k (then by mean gains). */
  readonly populations: EmpiricalPopulation[];
  /** The §6 summary, same keys as a solver solution's (via summarizePopulations). */
  readonly summary: PopulationSummary;
  /** Population of every neuron (index into `populations`). */
  readonly assignment: Int32Array;
  /** Continuous gains: the silhouette of every k tried (empty otherwise). */
  readonly silhouette: SilhouetteScore[];
}

/**
 * Populations of a finite network (model.md §10): relu neurons grouped by gain
 * pattern 1[v_ik > 0]; tanh and softplus neurons by k-means on their gain vectors
 * phi'(v_i) with k chosen by silhouette; linear networks (all gains 1) form one
 * population. Per population: count, fraction, energy share, direction ahat and
 * selectivity chi; plus the §6 summary.
 */
export function networkPopulations(network: NetworkWeights, options: PopulationOptions = {}): NetworkPopulations {
  checkNetworkWeights(network);
  const settings = resolveOptions(DEFAULT_POPULATION_OPTIONS, options);
  const { neurons, contexts: K, stimuli: P } = network;
  const phi = nonlinearity(network.nonlinearity);
  const rho = activeProbability({ weightScale: 1, contextMean: settings.contextMean, contextStd: settings.contextStd });
  const finish = (
    method: PopulationMethod,
    labels: Int32Array,
    patterns: number[][],
    gains: Float64Array | undefined,
    silhouette: SilhouetteScore[],
  ): NetworkPopulations => {
    const raw = populationStatistics(network, labels, patterns, gains);
    // Order populations by pattern index, then mean gains. None is empty: a
    // gain pattern is listed only once a neuron has it, clusterBySilhouette
    // keeps only clusterings without an empty cluster, and 'single' holds all N.
    const order = raw.map((_, index) => index).sort((a, b) => compareByPattern(raw[a], raw[b]));
    const relabel = new Int32Array(raw.length);
    order.forEach((index, position) => (relabel[index] = position));
    const assignment = labels.map((label) => relabel[label]);
    const populations = order.map((index) => raw[index]);
    return { method, populations, summary: summarizePopulations(populations, K, P, rho), assignment, silhouette };
  };

  if (phi.binaryGains) {
    // §6: each neuron belongs to one of 2^K gain patterns; keep only the occupied ones.
    const indices = reluPatternIndices(network.v, neurons, K);
    const groupOf = new Map<number, number>();
    const labels = new Int32Array(neurons);
    const patterns: number[][] = [];
    for (let i = 0; i < neurons; i++) {
      let group = groupOf.get(indices[i]);
      if (group === undefined) {
        group = patterns.length;
        groupOf.set(indices[i], group);
        patterns.push(patternOfIndex(indices[i], K));
      }
      labels[i] = group;
    }
    return finish('gain-patterns', labels, patterns, undefined, []);
  }

  const gains = new Float64Array(neurons * K);
  for (let i = 0; i < neurons * K; i++) gains[i] = phi.derivative(network.v[i]);
  const single = (): NetworkPopulations => {
    const mean = new Array<number>(K).fill(0);
    for (let i = 0; i < neurons; i++) for (let k = 0; k < K; k++) mean[k] += gains[i * K + k] / neurons;
    return finish('single', new Int32Array(neurons), [binarize(mean)], gains, []);
  };
  if (phi.gainRange[0] === phi.gainRange[1]) return single(); // linear: every gain is 1 (§7)
  // clusterBySilhouette fills in its own defaults, the ones DEFAULT_POPULATION_OPTIONS lists.
  const clustering = clusterBySilhouette(gains, neurons, K, options);
  if (clustering === null) return single();
  // A cluster's pattern is its centroid thresholded at 1/2, the middle of the gain box (our choice).
  return finish('kmeans', clustering.labels, clustering.centroids.map(binarize), gains, clustering.scores);
}

function binarize(gains: readonly number[]): number[] {
  return gains.map((gain) => (gain > 0.5 ? 1 : 0));
}

function compareByPattern(a: EmpiricalPopulation, b: EmpiricalPopulation): number {
  const byIndex = patternIndex(a.pattern) - patternIndex(b.pattern);
  if (byIndex !== 0) return byIndex;
  for (let k = 0; k < a.gains.length; k++) if (a.gains[k] !== b.gains[k]) return a.gains[k] - b.gains[k];
  return 0;
}
