import { invalid, type Rng } from '@maxent/core';
import { kmeansPlusPlus } from '../clustering.js';

/** One population of neurons in loading space (m, n) (model.md §14 "populations"). */
export interface LoadingPopulation {
  readonly fraction: number;
  /** Mean of (m_1..m_R, n_1..n_R). */
  readonly mean: number[];
  /** Standard deviation of each coordinate (diagonal Gaussian). */
  readonly std: number[];
}

export interface LoadingPopulations {
  readonly count: number;
  readonly populations: LoadingPopulation[];
  /** BIC of each number of components tried, 1..maxComponents (lower is better). */
  readonly bic: number[];
}

export const LOADING_POPULATION_DEFAULTS = Object.freeze({ maxComponents: 6, maxRows: 2000, iterations: 100 });

/**
 * Populations of a network by a Gaussian mixture (diagonal covariances, EM from
 * k-means++ seeds) on the rows (m_i, n_i), the number of components chosen by BIC
 * (model.md §14). At most `maxRows` rows, evenly strided, enter the fit.
 */
export function loadingPopulations(m: Float64Array, n: Float64Array, rank: number, rng: Rng, maxComponents: number = LOADING_POPULATION_DEFAULTS.maxComponents): LoadingPopulations {
  if (!Number.isInteger(maxComponents) || maxComponents < 1) throw invalid('maxComponents', 'must be an integer >= 1', maxComponents);
  const N = m.length / rank;
  const stride = Math.max(1, Math.ceil(N / LOADING_POPULATION_DEFAULTS.maxRows));
  const rows: number[][] = [];
  for (let i = 0; i < N; i += stride) rows.push([...m.subarray(i * rank, (i + 1) * rank), ...n.subarray(i * rank, (i + 1) * rank)]);
  const D = 2 * rank;
  const fits: { logLikelihood: number; populations: LoadingPopulation[] }[] = [];
  const bic: number[] = [];
  for (let k = 1; k <= Math.min(maxComponents, rows.length); k++) {
    const fit = fitDiagonalMixture(rows, k, D, rng);
    fits.push(fit);
    const parameters = k - 1 + 2 * k * D;
    bic.push(-2 * fit.logLikelihood + parameters * Math.log(rows.length));
  }
  let best = 0;
  for (let k = 1; k < bic.length; k++) if (bic[k] < bic[best]) best = k;
  return { count: best + 1, populations: fits[best].populations, bic };
}

function fitDiagonalMixture(rows: number[][], k: number, D: number, rng: Rng): { logLikelihood: number; populations: LoadingPopulation[] } {
  const count = rows.length;
  const means = (kmeansPlusPlus(rows, k, rng) ?? rows.slice(0, k)).map((row) => [...row]);
  const variances = Array.from({ length: k }, () => new Array<number>(D).fill(0));
  const total = new Array<number>(D).fill(0);
  for (const row of rows) for (let d = 0; d < D; d++) total[d] += row[d];
  let spread = 0;
  for (const row of rows) for (let d = 0; d < D; d++) spread += (row[d] - total[d] / count) ** 2;
  const floor = 1e-6 * (spread / (count * D) + 1e-12);
  for (const v of variances) v.fill(spread / (count * D));
  let weights = new Array<number>(k).fill(1 / k);
  const responsibilities = new Float64Array(count * k);
  let logLikelihood = -Infinity;
  for (let iteration = 0; iteration < LOADING_POPULATION_DEFAULTS.iterations; iteration++) {
    let next = 0;
    const constants = weights.map((w, c) => Math.log(w) - 0.5 * variances[c].reduce((sum, v) => sum + Math.log(2 * Math.PI * v), 0));
    const precisions = variances.map((v) => v.map((x) => 0.5 / x));
    for (let i = 0; i < count; i++) {
      let largest = -Infinity;
      const row = rows[i];
      for (let c = 0; c < k; c++) {
        let log = constants[c];
        const mean = means[c];
        const precision = precisions[c];
        for (let d = 0; d < D; d++) log -= precision[d] * (row[d] - mean[d]) ** 2;
        responsibilities[i * k + c] = log;
        largest = Math.max(largest, log);
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(responsibilities[i * k + c] - largest);
      const logSum = largest + Math.log(sum);
      next += logSum;
      for (let c = 0; c < k; c++) responsibilities[i * k + c] = Math.exp(responsibilities[i * k + c] - logSum);
    }
    const converged = next - logLikelihood < 1e-9 * Math.abs(next);
    logLikelihood = next;
    const mass = new Array<number>(k).fill(0);
    for (let c = 0; c < k; c++) {
      means[c].fill(0);
      for (let i = 0; i < count; i++) {
        const r = responsibilities[i * k + c];
        mass[c] += r;
        for (let d = 0; d < D; d++) means[c][d] += r * rows[i][d];
      }
      for (let d = 0; d < D; d++) means[c][d] /= Math.max(mass[c], 1e-300);
      variances[c].fill(0);
      for (let i = 0; i < count; i++) {
        const r = responsibilities[i * k + c];
        for (let d = 0; d < D; d++) variances[c][d] += r * (rows[i][d] - means[c][d]) ** 2;
      }
      for (let d = 0; d < D; d++) variances[c][d] = Math.max(variances[c][d] / Math.max(mass[c], 1e-300), floor);
    }
    weights = mass.map((x) => Math.max(x / count, 1e-300));
    if (converged) break;
  }
  const populations = weights
    .map((fraction, c) => ({ fraction, mean: means[c], std: variances[c].map(Math.sqrt) }))
    .sort((a, b) => b.fraction - a.fraction);
  return { logLikelihood, populations };
}
