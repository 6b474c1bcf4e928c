import { invalid, type Rng } from '@maxent/core';
import { psdFactor, type LowRankNetwork, type MixtureTeacher } from '@maxent/constraints';
import { conditionalMean, type LowRankSolution } from '@maxent/solver';
import { metropolisStep, type ChainState } from '../metropolis.js';
import { gaussianRandomWalk } from '../proposals.js';

/** N neurons' loadings (m_i, n_i) drawn from a Gaussian-mixture teacher (model.md §14). */
export function sampleTeacherNetwork(teacher: MixtureTeacher, neurons: number, rng: Rng): LowRankNetwork {
  checkNeurons(neurons);
  const R = teacher.rank;
  const D = 2 * R;
  const factors = teacher.components.map((c, index) => psdFactor(c.covariance, D, `teacher.components.${index}.covariance`));
  const cumulative = cumulativeWeights(Float64Array.from(teacher.components, (c) => c.weight));
  const m = new Float64Array(neurons * R);
  const n = new Float64Array(neurons * R);
  const z = new Float64Array(D);
  for (let i = 0; i < neurons; i++) {
    const c = searchCumulative(cumulative, rng.next());
    const { mean } = teacher.components[c];
    const L = factors[c];
    for (let a = 0; a < D; a++) z[a] = rng.normal();
    for (let a = 0; a < D; a++) {
      let x = mean[a];
      for (let b = 0; b <= a; b++) x += L[a * D + b] * z[b];
      if (a < R) m[i * R + a] = x;
      else n[i * R + a - R] = x;
    }
  }
  return { rank: R, neurons, nonlinearity: teacher.nonlinearity, m, n, bias: null };
}

/** Random-walk Metropolis settings for p(m) when the joint solution lives on Monte Carlo points (R >= 3). */
export const LOADING_CHAIN_DEFAULTS = Object.freeze({ warmup: 2000, thin: 10, stepSize: 0.5 });

/**
 * N neurons from a low-rank solution (model.md §14 "Sample"): first m from p(m), then
 * n | m ~ N(E[n|m], s^2 I).
 * - conditional: the empirical loadings (in order when N equals their number, else
 *   drawn with replacement), or fresh draws of the prior N(0, sigma_m^2 I);
 * - joint on a trapezoid grid (R <= 2): a grid cell by inverse CDF of the tilted
 *   weights, then uniform within the cell;
 * - joint on Monte Carlo points (R >= 3): one random-walk Metropolis chain on
 *   log p(m) = -|m|^2 / (2 sigma_m^2) + s^2 |Lambda^T phi(m)|^2 / 2, thinned.
 */
export function sampleSolutionNetwork(solution: LowRankSolution, neurons: number, rng: Rng): LowRankNetwork {
  checkNeurons(neurons);
  const { problem, loadings } = solution;
  const R = problem.rank;
  const m = new Float64Array(neurons * R);
  if (solution.mode === 'conditional' && loadings.kind === 'empirical') {
    for (let i = 0; i < neurons; i++) {
      const j = neurons === loadings.count ? i : Math.floor(rng.next() * loadings.count);
      m.set(loadings.m.subarray(j * R, (j + 1) * R), i * R);
    }
  } else if (solution.mode === 'conditional') {
    for (let k = 0; k < m.length; k++) m[k] = problem.priorMStd * rng.normal();
  } else if (loadings.kind === 'trapezoid') {
    const cumulative = cumulativeWeights(solution.pm);
    for (let i = 0; i < neurons; i++) {
      const j = searchCumulative(cumulative, rng.next());
      for (let r = 0; r < R; r++) m[i * R + r] = loadings.m[j * R + r] + (rng.next() - 0.5) * loadings.spacing;
    }
  } else {
    drawByMetropolis(solution, m, neurons, rng);
  }
  const n = new Float64Array(neurons * R);
  const mean = new Float64Array(R);
  const s = problem.priorNStd;
  for (let i = 0; i < neurons; i++) {
    conditionalMean(solution, m.subarray(i * R, (i + 1) * R), mean);
    for (let r = 0; r < R; r++) n[i * R + r] = mean[r] + s * rng.normal();
  }
  return { rank: R, neurons, nonlinearity: problem.nonlinearity, m, n, bias: null };
}

function drawByMetropolis(solution: LowRankSolution, out: Float64Array, neurons: number, rng: Rng): void {
  const { problem } = solution;
  const R = problem.rank;
  const s2 = problem.priorNStd ** 2;
  const sigma2 = problem.priorMStd ** 2;
  const mean = new Float64Array(R);
  // E[n|m] = s^2 a(m), so s^2 |a|^2 / 2 = |E[n|m]|^2 / (2 s^2).
  const logDensity = (state: Float64Array) => {
    conditionalMean(solution, state, mean);
    let prior = 0;
    let tilt = 0;
    for (let r = 0; r < R; r++) {
      prior += state[r] * state[r];
      tilt += mean[r] * mean[r];
    }
    return -prior / (2 * sigma2) + tilt / (2 * s2);
  };
  const propose = gaussianRandomWalk(new Float64Array(R).fill(problem.priorMStd))(R);
  const state: ChainState = { position: new Float64Array(R), logDensity: 0 };
  state.logDensity = logDensity(state.position);
  const { warmup, thin, stepSize } = LOADING_CHAIN_DEFAULTS;
  for (let k = 0; k < warmup; k++) metropolisStep(state, logDensity, propose, stepSize, rng);
  for (let i = 0; i < neurons; i++) {
    for (let k = 0; k < thin; k++) metropolisStep(state, logDensity, propose, stepSize, rng);
    out.set(state.position, i * R);
  }
}

function checkNeurons(neurons: number): void {
  if (!Number.isInteger(neurons) || neurons < 1) throw invalid('neurons', 'must be an integer >= 1', neurons);
}

function cumulativeWeights(weights: Float64Array): Float64Array {
  const cumulative = new Float64Array(weights.length);
  let total = 0;
  for (let j = 0; j < weights.length; j++) {
    total += weights[j];
    cumulative[j] = total;
  }
  for (let j = 0; j < weights.length; j++) cumulative[j] /= total;
  return cumulative;
}

/** The first index whose cumulative weight exceeds u (inverse CDF by bisection). */
function searchCumulative(cumulative: Float64Array, u: number): number {
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cumulative[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
