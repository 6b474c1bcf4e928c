import { kmeans } from 'ml-kmeans';
import { createRng, DEFAULT_SEED, resolveOptions, type Progress, type Rng } from '@maxent/core';

/**
 * k-means with k chosen by the silhouette (Rousseeuw 1987), for the continuous
 * gain vectors of tanh and softplus networks (model.md §7, §10).
 *
 * - Lloyd iterations come from ml-kmeans (mljs, maintained, dependency-free apart
 *   from other mljs modules). We only seed it: k-means++ centres (Arthur &
 *   Vassilvitskii 2007) drawn with our own Rng, so all randomness goes through
 *   one seeded stream (architecture.md), with `restarts` initialisations per k and
 *   the lowest within-cluster sum of squares kept.
 * - The mean silhouette s = mean_i (b_i - a_i) / max(a_i, b_i) (Euclidean
 *   distances; a singleton cluster's point scores 0, as in scikit-learn) is
 *   computed on a seeded subsample of at most `silhouetteSampleSize` points,
 *   because it costs O(n^2) (scikit-learn's `silhouette_score(sample_size=...)`).
 * - k runs over 2..kMax (the silhouette is undefined for k = 1); a k whose best
 *   clustering leaves a cluster empty is skipped. Ties go to the smaller k.
 */
export interface SilhouetteOptions {
  /** Largest k tried; default 8. */
  readonly kMax?: number;
  /** k-means++ initialisations per k; default 3. */
  readonly restarts?: number;
  /** Points used for the silhouette; default 1000. */
  readonly silhouetteSampleSize?: number;
  /** Lloyd iterations per run; default 100. */
  readonly maxIterations?: number;
  /** Seed of the Rng behind initialisation and subsampling; default DEFAULT_SEED (1). */
  readonly seed?: number | string;
  readonly signal?: AbortSignal;
  /** Called after each k with its score: `done` of the `total` values of k tried so far. */
  readonly onProgress?: (progress: SilhouetteProgress) => void;
}

export const DEFAULT_SILHOUETTE_OPTIONS: Readonly<Required<Omit<SilhouetteOptions, 'signal' | 'onProgress'>>> = Object.freeze({
  kMax: 8,
  restarts: 3,
  silhouetteSampleSize: 1000,
  maxIterations: 100,
  seed: DEFAULT_SEED,
});

export interface SilhouetteScore {
  readonly k: number;
  /** Mean silhouette on the subsample; null when k could not be used (an empty cluster). */
  readonly silhouette: number | null;
}

/** What {@link clusterBySilhouette} reports after each k (k = 2..kMax). */
export interface SilhouetteProgress extends Progress, SilhouetteScore {}

export interface SilhouetteClustering {
  /** The chosen number of clusters. */
  readonly k: number;
  /** Cluster of every point, 0..k-1. */
  readonly labels: Int32Array;
  /** k centroids of `dimension` numbers. */
  readonly centroids: number[][];
  /** Score of every k tried, in order. */
  readonly scores: SilhouetteScore[];
}

/**
 * Clusters `count` points of `dimension` coordinates (row-major in `points`).
 * Returns null when no k in 2..kMax gives non-empty clusters (e.g. fewer than
 * three distinct points): the caller then has a single population.
 */
export function clusterBySilhouette(
  points: Float64Array,
  count: number,
  dimension: number,
  options: SilhouetteOptions = {},
): SilhouetteClustering | null {
  const settings = resolveOptions(DEFAULT_SILHOUETTE_OPTIONS, options);
  const rng = createRng(settings.seed);
  const rows: number[][] = [];
  for (let i = 0; i < count; i++) rows.push(Array.from(points.subarray(i * dimension, (i + 1) * dimension)));
  const sample = subsample(rng, count, settings.silhouetteSampleSize);
  const kMax = Math.min(settings.kMax, count - 1);
  const scores: SilhouetteScore[] = [];
  let best: SilhouetteClustering | null = null;
  let bestScore = -Infinity;
  const total = Math.max(0, kMax - 1);
  for (let k = 2; k <= kMax; k++) {
    settings.signal?.throwIfAborted();
    const run = bestOfRestarts(rows, k, rng, settings.restarts, settings.maxIterations);
    if (run === null) {
      scores.push({ k, silhouette: null });
      settings.onProgress?.({ done: k - 1, total, k, silhouette: null });
      continue;
    }
    const score = silhouetteScore(points, dimension, run.labels, sample);
    scores.push({ k, silhouette: score });
    settings.onProgress?.({ done: k - 1, total, k, silhouette: score });
    if (score > bestScore) {
      bestScore = score;
      best = { k, labels: run.labels, centroids: run.centroids, scores };
    }
  }
  // `best` already holds `scores`, which kept growing after it was chosen.
  return best;
}

function bestOfRestarts(
  rows: number[][],
  k: number,
  rng: Rng,
  restarts: number,
  maxIterations: number,
): { labels: Int32Array; centroids: number[][] } | null {
  let best: { labels: Int32Array; centroids: number[][] } | null = null;
  let bestInertia = Infinity;
  for (let restart = 0; restart < restarts; restart++) {
    const initialization = kmeansPlusPlus(rows, k, rng);
    if (initialization === null) return null;
    const result = kmeans(rows, k, { initialization, maxIterations });
    const labels = Int32Array.from(result.clusters);
    const sizes = new Array<number>(k).fill(0);
    for (const label of labels) sizes[label]++;
    if (sizes.some((size) => size === 0)) continue;
    let inertia = 0;
    for (let i = 0; i < rows.length; i++) inertia += squaredDistance(rows[i], result.centroids[labels[i]]);
    if (inertia < bestInertia) {
      bestInertia = inertia;
      best = { labels, centroids: result.centroids.map((centroid) => [...centroid]) };
    }
  }
  return best;
}

/**
 * k-means++ seeding: the first centre uniformly, each next one with probability
 * proportional to the squared distance to the nearest centre chosen so far.
 * Null when fewer than k distinct points exist (all remaining distances zero).
 */
export function kmeansPlusPlus(rows: readonly number[][], k: number, rng: Rng): number[][] | null {
  const n = rows.length;
  const centres: number[][] = [rows[Math.floor(rng.next() * n)]];
  const nearest = new Float64Array(n);
  for (let i = 0; i < n; i++) nearest[i] = squaredDistance(rows[i], centres[0]);
  while (centres.length < k) {
    let total = 0;
    for (let i = 0; i < n; i++) total += nearest[i];
    if (!(total > 0)) return null;
    let target = rng.next() * total;
    let chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target < 0) {
        chosen = i;
        break;
      }
    }
    const centre = rows[chosen];
    centres.push(centre);
    for (let i = 0; i < n; i++) nearest[i] = Math.min(nearest[i], squaredDistance(rows[i], centre));
  }
  return centres.map((centre) => [...centre]);
}

/**
 * Mean silhouette over the points listed in `sample`, distances taken within the
 * sample (so the cost is O(sample^2 * dimension)).
 */
export function silhouetteScore(points: Float64Array, dimension: number, labels: Int32Array, sample: Int32Array): number {
  let k = 0;
  for (const index of sample) k = Math.max(k, labels[index] + 1);
  const sums = new Float64Array(k);
  const sizes = new Float64Array(k);
  for (const index of sample) sizes[labels[index]]++;
  let total = 0;
  for (const i of sample) {
    sums.fill(0);
    for (const j of sample) {
      if (i === j) continue;
      let d2 = 0;
      for (let d = 0; d < dimension; d++) {
        const diff = points[i * dimension + d] - points[j * dimension + d];
        d2 += diff * diff;
      }
      sums[labels[j]] += Math.sqrt(d2);
    }
    const own = labels[i];
    if (sizes[own] <= 1) continue; // singleton: s = 0
    const a = sums[own] / (sizes[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) if (c !== own && sizes[c] > 0) b = Math.min(b, sums[c] / sizes[c]);
    if (b === Infinity) continue;
    const scale = Math.max(a, b);
    total += scale > 0 ? (b - a) / scale : 0;
  }
  return total / sample.length;
}

/** Indices 0..n-1, or a seeded random subset of `size` of them (partial Fisher-Yates), sorted. */
function subsample(rng: Rng, n: number, size: number): Int32Array {
  const all = new Int32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  if (n <= size) return all;
  for (let i = 0; i < size; i++) {
    const j = i + Math.floor(rng.next() * (n - i));
    const swap = all[i];
    all[i] = all[j];
    all[j] = swap;
  }
  return all.slice(0, size).sort();
}

function squaredDistance(a: readonly number[], b: readonly number[]): number {
  let sum = 0;
  for (let d = 0; d < a.length; d++) {
    const diff = a[d] - b[d];
    sum += diff * diff;
  }
  return sum;
}
