import type { PopulationShare } from '@maxent/constraints';
import type { NetworkWeights } from './networkData.js';

/**
 * One population of a finite network, the empirical counterpart of a solver
 * population (model.md §10 against §6).
 */
export interface EmpiricalPopulation extends PopulationShare {
  /** Binary gain pattern (0/1 per context); for clustered continuous gains, the centroid thresholded at 1/2. */
  readonly pattern: number[];
  /** Number of neurons. */
  readonly count: number;
  /** count / N. */
  readonly fraction: number;
  /** Share of the output-weight energy sum_i w_i^2 |u_i|^2 carried by the population. */
  readonly energyShare: number;
  /** chi = sum_i (u_i . ahat)^2 / sum_i |u_i|^2 in [0, 1]: about 1/P for random weights, 1 when every u_i lies along ahat. */
  readonly selectivity: number;
  /** ahat: normalised mean of w_i u_i (P numbers; zeros when that mean vanishes). */
  readonly direction: number[];
  /** Mean gain vector phi'(v_i) of the population (K numbers); equals the pattern for relu. */
  readonly gains: number[];
}

/**
 * Relative size below which the mean of w_i u_i counts as zero, so that ahat is
 * reported as zeros and chi = 1/P, the convention of model.md §6 for a(g) = 0.
 */
const ZERO_DIRECTION = 1e-12;

/**
 * Statistics of the populations given each neuron's population label
 * (0..patterns.length-1). Two passes over the weights: sums, then the projections
 * on ahat. `gains` (N x K) is optional; without it the mean gains are the patterns.
 * Energy shares are NaN when the whole network carries no energy (all w or u zero):
 * shares of nothing are undefined.
 */
export function populationStatistics(
  network: NetworkWeights,
  labels: Int32Array,
  patterns: readonly (readonly number[])[],
  gains?: Float64Array,
): EmpiricalPopulation[] {
  const { neurons, stimuli: P, contexts: K, u, w } = network;
  const groups = patterns.length;
  const count = new Float64Array(groups);
  const energy = new Float64Array(groups);
  const uSquares = new Float64Array(groups);
  const weighted = new Float64Array(groups * P); // sum_i w_i u_i per group
  const gainSums = new Float64Array(groups * K);
  let totalEnergy = 0;
  for (let i = 0; i < neurons; i++) {
    const group = labels[i];
    const row = i * P;
    let norm2 = 0;
    for (let j = 0; j < P; j++) {
      const x = u[row + j];
      norm2 += x * x;
      weighted[group * P + j] += w[i] * x;
    }
    const e = w[i] * w[i] * norm2; // e_i = w_i^2 |u_i|^2 (model.md §10)
    count[group]++;
    energy[group] += e;
    uSquares[group] += norm2;
    totalEnergy += e;
    if (gains !== undefined) for (let k = 0; k < K; k++) gainSums[group * K + k] += gains[i * K + k];
  }
  const directions = new Float64Array(groups * P);
  const hasDirection = new Uint8Array(groups);
  for (let g = 0; g < groups; g++) {
    let norm2 = 0;
    for (let j = 0; j < P; j++) norm2 += weighted[g * P + j] ** 2;
    const norm = Math.sqrt(norm2);
    // Compare |sum w u| with sqrt(n * sum w^2 |u|^2), the scale of its fluctuations.
    if (norm > ZERO_DIRECTION * Math.sqrt(count[g] * energy[g]) && norm > 0) {
      for (let j = 0; j < P; j++) directions[g * P + j] = weighted[g * P + j] / norm;
      hasDirection[g] = 1;
    }
  }
  const projected = new Float64Array(groups);
  for (let i = 0; i < neurons; i++) {
    const group = labels[i];
    let dot = 0;
    for (let j = 0; j < P; j++) dot += u[i * P + j] * directions[group * P + j];
    projected[group] += dot * dot;
  }
  const populations: EmpiricalPopulation[] = [];
  for (let g = 0; g < groups; g++) {
    // Without a direction (or without any stimulus weight) there is no structure: chi = 1/P (§6).
    const selectivity = hasDirection[g] === 1 && uSquares[g] > 0 ? projected[g] / uSquares[g] : 1 / P;
    populations.push({
      pattern: [...patterns[g]],
      count: count[g],
      fraction: count[g] / neurons,
      energyShare: totalEnergy > 0 ? energy[g] / totalEnergy : Number.NaN,
      selectivity,
      direction: Array.from(directions.subarray(g * P, (g + 1) * P)),
      gains:
        gains === undefined
          ? [...patterns[g]]
          : Array.from(gainSums.subarray(g * K, (g + 1) * K), (sum) => (count[g] > 0 ? sum / count[g] : Number.NaN)),
    });
  }
  return populations;
}
