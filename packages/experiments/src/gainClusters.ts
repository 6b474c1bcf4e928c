import { createRng, deriveSeed, DEFAULT_SEED, resolveOptions, type Mat } from '@maxent/core';
import type { MaxentProblem, PopulationShare } from '@maxent/constraints';
import { clusterBySilhouette, DEFAULT_SILHOUETTE_OPTIONS, patternIndex, type SilhouetteScore } from '@maxent/analysis';
import { gainPointLaw, type GainPointLaw } from '@maxent/solver';

/**
 * Populations of a solution with continuous gains (model.md §7, interfaces.md
 * "maxent solve with continuous gains"): the gain patterns cannot be enumerated,
 * so the gain vectors are clustered as a finite network's are (§10: k-means, k
 * chosen by silhouette), and each cluster gets the §6 observables.
 *
 * - The clustering runs on a seeded sample of `sampleSize` neurons' gain vectors,
 *   drawn from p_lambda over the estimator's points.
 * - The clusters' fraction, energy share and selectivity are then exact under the
 *   estimator: every point joins the nearest centroid with its probability pi_i,
 *   energy e(q_i) and selectivity chi(q_i), so they do not carry the sample's noise.
 * - A cluster's pattern is its mean gain vector thresholded at 1/2, as for networks
 *   (@maxent/analysis networkPopulations), so comparisons match clusters by pattern.
 */
export interface GainClusterOptions {
  /** Neurons drawn for the clustering; default 2000. */
  readonly sampleSize?: number;
  /** Seed of the draw and of k-means; default DEFAULT_SEED (1). */
  readonly seed?: number | string;
  /** Largest k tried; default 8 (as networks). */
  readonly kMax?: number;
}

export const DEFAULT_GAIN_CLUSTER_OPTIONS: Readonly<Required<GainClusterOptions>> = Object.freeze({
  sampleSize: 2000,
  seed: DEFAULT_SEED,
  kMax: DEFAULT_SILHOUETTE_OPTIONS.kMax,
});

export interface GainCluster extends PopulationShare {
  readonly pattern: number[];
  /** E[g | cluster], K numbers. */
  readonly gains: number[];
}

export interface GainClusters {
  /** 'kmeans', or 'single' when the gains do not vary (linear) or no k >= 2 gave clusters without an empty one. */
  readonly method: 'kmeans' | 'single';
  readonly sampleSize: number;
  readonly seed: number | string;
  /** Ordered by pattern index, then mean gains (as networkPopulations). */
  readonly clusters: GainCluster[];
  /** The silhouette of every k tried. */
  readonly silhouette: SilhouetteScore[];
}

/** The clusters of the gain vectors of the solution of `problem` at `lambda` (quadrature or Monte Carlo estimator). */
export function gainClusters(problem: MaxentProblem, lambda: Mat, options: GainClusterOptions = {}): GainClusters {
  const settings = resolveOptions(DEFAULT_GAIN_CLUSTER_OPTIONS, options);
  const law = gainPointLaw(problem, lambda);
  const K = law.contexts;
  const sample = sampleGains(law, settings.sampleSize, settings.seed);
  const clustering = varies(law) ? clusterBySilhouette(sample, settings.sampleSize, K, { kMax: settings.kMax, seed: settings.seed }) : null;
  const centroids = clustering === null ? [meanGains(sample, settings.sampleSize, K)] : clustering.centroids;
  const clusters = clusterStatistics(law, centroids).sort(byPatternThenGains);
  return {
    method: clustering === null ? 'single' : 'kmeans',
    sampleSize: settings.sampleSize,
    seed: settings.seed,
    clusters,
    silhouette: clustering?.scores ?? [],
  };
}

/** `count` gain vectors drawn from pi over the points (inverse CDF), count x K row-major. */
function sampleGains(law: GainPointLaw, count: number, seed: number | string): Float64Array {
  const K = law.contexts;
  const cumulative = new Float64Array(law.count);
  let total = 0;
  for (let i = 0; i < law.count; i++) cumulative[i] = total += law.probability[i];
  const rng = createRng(deriveSeed(seed, 'experiments', 'gain-clusters'));
  const sample = new Float64Array(count * K);
  for (let s = 0; s < count; s++) {
    const u = rng.next() * total;
    let low = 0;
    let high = law.count - 1;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (cumulative[middle] > u) high = middle;
      else low = middle + 1;
    }
    sample.set(law.gains.subarray(low * K, low * K + K), s * K);
  }
  return sample;
}

/** Whether any context's gain takes more than one value (linear gains are all 1, model.md §7). */
function varies(law: GainPointLaw): boolean {
  const K = law.contexts;
  for (let i = 1; i < law.count; i++) for (let k = 0; k < K; k++) if (law.gains[i * K + k] !== law.gains[k]) return true;
  return false;
}

function meanGains(sample: Float64Array, count: number, K: number): number[] {
  const mean = new Array<number>(K).fill(0);
  for (let s = 0; s < count; s++) for (let k = 0; k < K; k++) mean[k] += sample[s * K + k] / count;
  return mean;
}

/** Every point joins its nearest centroid; per cluster the §6 observables under pi (see the module comment). */
function clusterStatistics(law: GainPointLaw, centroids: readonly (readonly number[])[]): GainCluster[] {
  const K = law.contexts;
  const k = centroids.length;
  const mass = new Float64Array(k);
  const energy = new Float64Array(k);
  const chiEnergy = new Float64Array(k);
  const gainSum = new Float64Array(k * K);
  let totalEnergy = 0;
  for (let i = 0; i < law.count; i++) {
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      let distance = 0;
      for (let l = 0; l < K; l++) distance += (law.gains[i * K + l] - centroids[c][l]) ** 2;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = c;
      }
    }
    const p = law.probability[i];
    const e = p * law.energy[i];
    mass[best] += p;
    energy[best] += e;
    chiEnergy[best] += e * law.selectivity[i];
    totalEnergy += e;
    for (let l = 0; l < K; l++) gainSum[best * K + l] += p * law.gains[i * K + l];
  }
  const clusters: GainCluster[] = [];
  for (let c = 0; c < k; c++) {
    // A centroid may win no point of the estimator (it came from a sample); such a cluster holds no mass.
    if (!(mass[c] > 0)) continue;
    const gains = Array.from({ length: K }, (_, l) => gainSum[c * K + l] / mass[c]);
    clusters.push({
      pattern: gains.map((g) => (g > 0.5 ? 1 : 0)),
      gains,
      fraction: mass[c],
      energyShare: energy[c] / totalEnergy,
      selectivity: energy[c] > 0 ? chiEnergy[c] / energy[c] : 0,
    });
  }
  return clusters;
}

function byPatternThenGains(a: GainCluster, b: GainCluster): number {
  const byIndex = patternIndex(a.pattern) - patternIndex(b.pattern);
  if (byIndex !== 0) return byIndex;
  for (let k = 0; k < a.gains.length; k++) if (a.gains[k] !== b.gains[k]) return a.gains[k] - b.gains[k];
  return 0;
}
