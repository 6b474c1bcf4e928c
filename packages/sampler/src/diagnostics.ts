import { invalid } from '@maxent/core';
import { autocovariance } from './autocovariance.js';
import { normalQuantileApproximate } from './normalQuantile.js';

/**
 * Convergence diagnostics with the definitions of ArviZ (arviz/stats/diagnostics.py)
 * and Stan, following Vehtari, Gelman, Simpson, Carpenter & Bürkner (2021),
 * "Rank-normalization, folding, and localization: an improved R-hat",
 * doi:10.1214/20-BA1221. Input: one array per chain, all of the same length,
 * for one scalar quantity. Fewer than 4 draws per chain, or any NaN, gives NaN.
 */
export type Chains = readonly ArrayLike<number>[];

/** Diagnostics of one scalar quantity over several chains. */
export interface QuantityDiagnostics {
  readonly mean: number;
  /** Standard deviation of all draws (ddof 1). */
  readonly sd: number;
  /** Monte Carlo standard error of the mean: sd / sqrt(essMean). */
  readonly mcseMean: number;
  /** ESS of the split chains without rank normalisation (what mcseMean uses). */
  readonly essMean: number;
  /** ESS of the rank-normalised split chains. */
  readonly essBulk: number;
  /** min of the ESS of the 5% and 95% quantile indicators. */
  readonly essTail: number;
  /** max of the rank-normalised and folded rank-normalised split R-hat. */
  readonly rhat: number;
}

/** Thresholds of the convergence warnings (Vehtari et al. 2021, section 4). */
export const DIAGNOSTIC_THRESHOLDS = Object.freeze({
  /** R-hat above this is suspicious. */
  rhat: 1.01,
  /** Bulk and tail ESS below this many per chain are too few to trust R-hat and MCSE. */
  essPerChain: 100,
});

const MIN_DRAWS = 4;

function checkChains(chains: Chains): number {
  if (chains.length === 0) throw invalid('chains', 'must hold at least one chain', chains);
  const draws = chains[0].length;
  chains.forEach((chain, c) => {
    if (chain.length !== draws) {
      throw invalid('chains', `must all have the same length: chain 0 has ${draws} draws, chain ${c} has ${chain.length}`, chain.length);
    }
  });
  return draws;
}

function hasNaN(chains: Chains): boolean {
  for (const chain of chains) for (let i = 0; i < chain.length; i++) if (Number.isNaN(chain[i])) return true;
  return false;
}

function pooled(chains: Chains): Float64Array {
  const draws = chains.length === 0 ? 0 : chains[0].length;
  const out = new Float64Array(chains.length * draws);
  chains.forEach((chain, c) => {
    for (let i = 0; i < draws; i++) out[c * draws + i] = chain[i];
  });
  return out;
}

function unpool(values: Float64Array, chains: number): Float64Array[] {
  const draws = values.length / chains;
  return Array.from({ length: chains }, (_, c) => values.slice(c * draws, (c + 1) * draws));
}

// Plain loops: Float64Array.from(x, map) takes V8's slow generic path.
function mapChains(chains: Chains, map: (x: number) => number): Float64Array[] {
  return chains.map((chain) => {
    const out = new Float64Array(chain.length);
    for (let i = 0; i < chain.length; i++) out[i] = map(chain[i]);
    return out;
  });
}

/**
 * Splits every chain into its first and second halves (the middle draw is dropped
 * when the length is odd), so that a trend within a chain shows up as a
 * difference between chains.
 */
export function splitChains(chains: Chains): Float64Array[] {
  const draws = checkChains(chains);
  const half = Math.floor(draws / 2);
  const out: Float64Array[] = [];
  for (const chain of chains) {
    const first = new Float64Array(half);
    const second = new Float64Array(half);
    for (let i = 0; i < half; i++) {
      first[i] = chain[i];
      second[i] = chain[draws - half + i];
    }
    out.push(first, second);
  }
  return out;
}

/**
 * Rank normalisation: pooled ranks r (ties get their average rank, 1-based), mapped
 * through Phi^-1((r - 3/8) / (S + 1/4)) with S the number of draws (Blom's offset).
 * Phi^-1 to a relative 1.15e-9 (Acklam), which changes R-hat and ESS by far less
 * than their own sampling error.
 */
export function rankNormalize(chains: Chains): Float64Array[] {
  checkChains(chains);
  const values = pooled(chains);
  const size = values.length;
  // Native numeric sort of a copy, then each value's tie block by binary search:
  // its average 1-based rank is (first + 1 + last) / 2 over the block [first, last).
  const sorted = Float64Array.from(values).sort();
  const z = new Float64Array(size);
  for (let i = 0; i < size; i++) {
    const first = lowerBound(sorted, values[i]);
    let last = first + 1;
    if (last < size && sorted[last] === values[i]) last = upperBound(sorted, values[i]);
    z[i] = normalQuantileApproximate(((first + 1 + last) / 2 - 3 / 8) / (size + 1 / 4));
  }
  return unpool(z, chains.length);
}

function lowerBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] < x) low = middle + 1;
    else high = middle;
  }
  return low;
}

function upperBound(sorted: Float64Array, x: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= x) low = middle + 1;
    else high = middle;
  }
  return low;
}

function meanOf(values: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  return sum / values.length;
}

function varianceOf(values: ArrayLike<number>): number {
  const mean = meanOf(values);
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += (values[i] - mean) ** 2;
  return sum / (values.length - 1);
}

/** Median of all draws pooled (average of the middle two for an even count). */
function medianOf(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Quantile of sorted values with linear interpolation between order statistics (NumPy's default, R type 7). */
function quantileOf(sorted: Float64Array, probability: number): number {
  const position = probability * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
}

/**
 * The classic potential scale reduction of M chains of n draws:
 * B = n Var_c(chain means), W = mean_c Var(chain c) (ddof 1 both),
 * R-hat = sqrt(((n - 1)/n W + B/n) / W). No splitting or ranks (see {@link rhat}).
 */
export function rhatBasic(chains: Chains): number {
  const draws = checkChains(chains);
  if (hasNaN(chains) || draws < 2 || chains.length < 2) return Number.NaN;
  const means = chains.map(meanOf);
  const between = draws * varianceOf(means);
  const within = meanOf(chains.map(varianceOf));
  return Math.sqrt((between / within + draws - 1) / draws);
}

/**
 * Rank-normalised split R-hat (Vehtari et al. 2021): the larger of rhatBasic of the
 * rank-normalised split chains (location) and of the rank-normalised folded split
 * chains |x - median| (scale). NaN for constant draws (no variance to compare).
 */
export function rhat(chains: Chains): number {
  const draws = checkChains(chains);
  if (hasNaN(chains) || draws < MIN_DRAWS) return Number.NaN;
  const split = splitChains(chains);
  return splitRhat(split, rankNormalize(split));
}

// R-hat from the split chains and their rank normalisation (diagnose shares the latter with the bulk ESS).
function splitRhat(split: Float64Array[], ranked: Float64Array[]): number {
  const bulk = rhatBasic(ranked);
  const median = medianOf(pooled(split));
  const tail = rhatBasic(rankNormalize(mapChains(split, (x) => Math.abs(x - median))));
  return Math.max(bulk, tail);
}

/**
 * Effective sample size of the chains as given (no splitting), ArviZ's `_ess`:
 * rho_t = 1 - (W - mean_c acov_c(t)) / var+, with W the mean within-chain
 * variance and var+ = (n-1)/n W + Var_c(chain means); the sum of rho_t is cut
 * by Geyer's initial positive sequence (pairs rho_2m + rho_2m+1 > 0) and made
 * monotone (Geyer's initial monotone sequence); tau = -1 + 2 sum rho_t (plus the
 * last positive even term), floored at 1/log10(S); ESS = S / tau with S = M n.
 * Constant draws give S; fewer than 2 draws per chain give NaN.
 */
export function essBasic(chains: Chains): number {
  const draws = checkChains(chains);
  if (hasNaN(chains) || draws < 2) return Number.NaN;
  const chainCount = chains.length;
  const total = chainCount * draws;
  const values = pooled(chains);
  let low = Infinity;
  let high = -Infinity;
  for (const x of values) {
    if (x < low) low = x;
    if (x > high) high = x;
  }
  if (high - low < 1e-15) return total;

  const meanAcov = lazyMeanAutocovariance(chains);
  const meanVariance = (meanAcov(0) * draws) / (draws - 1);
  let varPlus = (meanVariance * (draws - 1)) / draws;
  if (chainCount > 1) varPlus += varianceOf(chains.map(meanOf));

  const rho = new Float64Array(draws);
  let rhoEven = 1;
  let rhoOdd = 1 - (meanVariance - meanAcov(1)) / varPlus;
  rho[0] = rhoEven;
  rho[1] = rhoOdd;
  // Geyer's initial positive sequence: sum pairs while their sum is positive.
  let t = 1;
  while (t < draws - 3 && rhoEven + rhoOdd > 0) {
    rhoEven = 1 - (meanVariance - meanAcov(t + 1)) / varPlus;
    rhoOdd = 1 - (meanVariance - meanAcov(t + 2)) / varPlus;
    if (rhoEven + rhoOdd >= 0) {
      rho[t + 1] = rhoEven;
      rho[t + 2] = rhoOdd;
    }
    t += 2;
  }
  const maxT = t - 2;
  // The last even term is kept when positive (reduces the truncation bias).
  if (rhoEven > 0) rho[maxT + 1] = rhoEven;
  // Geyer's initial monotone sequence: pair sums may not increase.
  for (t = 1; t <= maxT - 2; t += 2) {
    if (rho[t + 1] + rho[t + 2] > rho[t - 1] + rho[t]) {
      rho[t + 1] = (rho[t - 1] + rho[t]) / 2;
      rho[t + 2] = rho[t + 1];
    }
  }
  let sum = 0;
  for (let i = 0; i <= maxT; i++) sum += rho[i];
  let tau = -1 + 2 * sum + (maxT + 1 < draws ? rho[maxT + 1] : 0);
  tau = Math.max(tau, 1 / Math.log10(total));
  return Number.isNaN(tau) ? Number.NaN : total / tau;
}

/** Lags computed directly before switching to the FFT (Geyer's sequence usually stops well before). */
const DIRECT_LAGS = 64;

/**
 * t -> mean over chains of acov_c(t). Well-mixed chains need only a few lags, so
 * the first DIRECT_LAGS are computed directly in O(n) each, on demand; beyond
 * them all lags come from one FFT per chain (autocovariance.ts). Same estimator
 * either way (biased, divided by n).
 */
function lazyMeanAutocovariance(chains: Chains): (t: number) => number {
  const n = chains[0].length;
  const centred = chains.map((chain) => {
    const mean = meanOf(chain);
    return mapChains([chain], (x) => x - mean)[0];
  });
  const direct = new Float64Array(Math.min(DIRECT_LAGS, n)).fill(Number.NaN);
  let fft: Float64Array | undefined;
  return (t) => {
    if (t < direct.length) {
      if (Number.isNaN(direct[t])) {
        let sum = 0;
        for (const x of centred) {
          let chainSum = 0;
          for (let i = 0; i + t < n; i++) chainSum += x[i] * x[i + t];
          sum += chainSum / n;
        }
        direct[t] = sum / centred.length;
      }
      return direct[t];
    }
    if (fft === undefined) {
      const acov = chains.map((chain) => autocovariance(chain));
      fft = new Float64Array(n);
      for (let lag = 0; lag < n; lag++) {
        let sum = 0;
        for (const a of acov) sum += a[lag];
        fft[lag] = sum / acov.length;
      }
    }
    return fft[t];
  };
}

/** ESS for the mean: {@link essBasic} of the split chains. */
export function essMean(chains: Chains): number {
  if (checkChains(chains) < MIN_DRAWS) return Number.NaN;
  return essBasic(splitChains(chains));
}

/** Bulk ESS: {@link essBasic} of the rank-normalised split chains. */
export function essBulk(chains: Chains): number {
  if (checkChains(chains) < MIN_DRAWS || hasNaN(chains)) return Number.NaN;
  return essBasic(rankNormalize(splitChains(chains)));
}

/**
 * Tail ESS: the smaller of the ESS of the indicators 1[x <= q05] and 1[x <= q95]
 * (split chains, no ranks), q the pooled 5% and 95% quantiles.
 */
export function essTail(chains: Chains): number {
  if (checkChains(chains) < MIN_DRAWS || hasNaN(chains)) return Number.NaN;
  return splitEssTail(pooled(chains).sort(), splitChains(chains));
}

function splitEssTail(sorted: Float64Array, split: Float64Array[]): number {
  const indicatorEss = (probability: number) => {
    const quantile = quantileOf(sorted, probability);
    return essBasic(mapChains(split, (x) => (x <= quantile ? 1 : 0)));
  };
  return Math.min(indicatorEss(0.05), indicatorEss(0.95));
}

/** Monte Carlo standard error of the mean: sd (all draws, ddof 1) / sqrt(essMean). */
export function mcseMean(chains: Chains): number {
  if (checkChains(chains) < MIN_DRAWS || hasNaN(chains)) return Number.NaN;
  return Math.sqrt(varianceOf(pooled(chains)) / essMean(chains));
}

/**
 * All diagnostics of one quantity: the same numbers as essMean, essBulk, essTail
 * and rhat, with the chains pooled, split and rank-normalised once for all of them.
 */
export function diagnose(chains: Chains): QuantityDiagnostics {
  const draws = checkChains(chains);
  const values = pooled(chains);
  const mean = meanOf(values);
  const sd = Math.sqrt(varianceOf(values));
  const nan = Number.NaN;
  if (draws < MIN_DRAWS) return { mean, sd, mcseMean: nan, essMean: nan, essBulk: nan, essTail: nan, rhat: nan };
  const split = splitChains(chains);
  const ess = essBasic(split);
  const moments = { mean, sd, mcseMean: sd / Math.sqrt(ess), essMean: ess };
  // The rank-based diagnostics need every draw to be a number (essMean drops the middle draw of an odd chain).
  if (hasNaN(chains)) return { ...moments, essBulk: nan, essTail: nan, rhat: nan };
  const ranked = rankNormalize(split);
  // values is not needed unsorted any more.
  return { ...moments, essBulk: essBasic(ranked), essTail: splitEssTail(values.sort(), split), rhat: splitRhat(split, ranked) };
}

/**
 * Warnings (never errors) for a quantity named `name`: R-hat above 1.01, bulk or
 * tail ESS below 100 per chain. Empty when all is well. Packages never print:
 * callers show these.
 */
export function convergenceWarnings(name: string, diagnostics: QuantityDiagnostics, chains: number): string[] {
  const warnings: string[] = [];
  const { rhat: rhatLimit, essPerChain } = DIAGNOSTIC_THRESHOLDS;
  if (!(diagnostics.rhat <= rhatLimit)) {
    warnings.push(`${name}: R-hat ${diagnostics.rhat.toFixed(4)} > ${rhatLimit}: the chains have not mixed; run longer (more warm-up or draws)`);
  }
  const essLimit = essPerChain * chains;
  const lowest = Math.min(diagnostics.essBulk, diagnostics.essTail);
  if (!(lowest >= essLimit)) {
    warnings.push(`${name}: effective sample size ${lowest.toFixed(0)} (min of bulk and tail) < ${essLimit} (${essPerChain} per chain): estimates are unreliable; draw more or thin less`);
  }
  return warnings;
}
