import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { bestMatchingWeightScale, networkPopulations, patternKey, type NetworkPopulations } from '@maxent/analysis';
import { sampleExactNeurons, type SampledNetwork } from '@maxent/sampler';
import { sharesAlongWeightScale, solve, type ExactSolution } from '@maxent/solver';

/**
 * model.md §10 against §6: the empirical populations of a large network drawn
 * exactly from a max-ent solution (sampler, §8) estimate the solution's own
 * fractions, energy shares and selectivities. Every tolerance is a multiple of a
 * standard error computed from the same sample (delta method, below), so the test
 * fails if any estimator or the pattern bookkeeping is biased.
 */

/** Deviations allowed, in standard errors (fixed seeds; |z| > 4.5 has probability < 1e-5 per check). */
const Z = 4.5;

interface Errors {
  fraction: number;
  energyShare: number;
  selectivity: number;
}

/**
 * Standard errors by the delta method, per population g with n_g neurons:
 * - fraction n_g / N: binomial, sqrt(f (1 - f) / N);
 * - energy share S_g / S with e_i = w_i^2 |u_i|^2: influence e_i (1[i in g] - eps_g) / mean(e);
 * - selectivity T_g / U_g with t_i = (u_i . ahat)^2, U over |u_i|^2: influence
 *   (t_i - chi_g |u_i|^2) / mean_g(|u|^2) over the population (ahat taken as known:
 *   its estimation error changes chi only at second order).
 */
function standardErrors(network: SampledNetwork, analysis: NetworkPopulations): Errors[] {
  const { neurons: N, stimuli: P, u, w } = network;
  const groups = analysis.populations.length;
  const energy = new Float64Array(N);
  const u2 = new Float64Array(N);
  let meanEnergy = 0;
  for (let i = 0; i < N; i++) {
    let norm2 = 0;
    for (let j = 0; j < P; j++) norm2 += u[i * P + j] ** 2;
    u2[i] = norm2;
    energy[i] = w[i] * w[i] * norm2;
    meanEnergy += energy[i] / N;
  }
  const energyVariance = new Float64Array(groups);
  const chiVariance = new Float64Array(groups);
  const meanU2 = new Float64Array(groups);
  for (let i = 0; i < N; i++) meanU2[analysis.assignment[i]] += u2[i];
  analysis.populations.forEach((population, g) => (meanU2[g] /= population.count));
  for (let i = 0; i < N; i++) {
    const own = analysis.assignment[i];
    for (let g = 0; g < groups; g++) {
      const influence = (energy[i] * ((own === g ? 1 : 0) - analysis.populations[g].energyShare)) / meanEnergy;
      energyVariance[g] += influence * influence;
    }
    const population = analysis.populations[own];
    let dot = 0;
    for (let j = 0; j < P; j++) dot += u[i * P + j] * population.direction[j];
    const influence = (dot * dot - population.selectivity * u2[i]) / meanU2[own];
    chiVariance[own] += influence * influence;
  }
  return analysis.populations.map((population, g) => ({
    fraction: Math.sqrt((population.fraction * (1 - population.fraction)) / N),
    energyShare: Math.sqrt(energyVariance[g] / N) / Math.sqrt(N),
    selectivity: Math.sqrt(chiVariance[g] / population.count) / Math.sqrt(population.count),
  }));
}

function solveAt(contexts: number, weightScale: number): ExactSolution {
  const solution = solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts }, weightScale })), { populationLimit: Infinity });
  if (solution.estimator !== 'exact') throw new Error('relu solves exactly');
  return solution;
}

describe.each([
  [3, 0.5, 'structured, energy in unspecialised neurons'],
  [2, 1, 'specialised'],
  [4, 2, 'towards random selectivity'],
])('exact-sampled network, K = %i, sigma = %f (%s)', (contexts, weightScale) => {
  const solution = solveAt(contexts, weightScale);
  const network = sampleExactNeurons(solution, { neurons: 60_000, seed: `analysis-${contexts}-${weightScale}` });
  const analysis = networkPopulations(network);
  const errors = standardErrors(network, analysis);
  const byPattern = new Map(solution.populations.map((population) => [patternKey(population.pattern), population]));

  it('solves, and finds every pattern with prior mass', () => {
    expect(solution.converged).toBe(true);
    expect(analysis.method).toBe('gain-patterns');
    expect(analysis.populations.length).toBe(2 ** contexts);
  });

  it('population fractions, energy shares and selectivities agree within their standard errors', () => {
    for (const [g, population] of analysis.populations.entries()) {
      const exact = byPattern.get(patternKey(population.pattern))!;
      const error = errors[g];
      const label = `pattern ${population.pattern.join('')}`;
      expect(Math.abs(population.fraction - exact.fraction), `${label} fraction`).toBeLessThan(Z * error.fraction);
      expect(Math.abs(population.energyShare - exact.energyShare), `${label} energy share`).toBeLessThan(Z * error.energyShare);
      // chi has a bias of order 1/n from fitting ahat to the same neurons: allow (P - 1)/n on top.
      const bias = (network.stimuli - 1) / population.count;
      expect(Math.abs(population.selectivity - exact.selectivity), `${label} selectivity`).toBeLessThan(Z * error.selectivity + bias);
    }
  });

  it('structured directions point along the solution\'s ahat', () => {
    for (const population of analysis.populations) {
      const exact = byPattern.get(patternKey(population.pattern))!;
      if (exact.direction.every((x) => x === 0) || population.count < 2000 || exact.selectivity < 1.5 / network.stimuli) continue;
      const cosine = population.direction.reduce((sum, x, j) => sum + x * exact.direction[j], 0);
      expect(cosine, `pattern ${population.pattern.join('')}`).toBeGreaterThan(0.98);
    }
  });

  it('the summary agrees within standard errors propagated from the populations', () => {
    // specialization = sum over |g| = 1 of eps(g); selectivity = sum_g eps(g) chi(g).
    // Propagated as independent terms: sqrt(sum of squared errors), conservative for the negatively correlated shares.
    let specializationError2 = 0;
    let selectivityError2 = 0;
    analysis.populations.forEach((population, g) => {
      const active = population.pattern.reduce((sum, x) => sum + x, 0);
      if (active === 1) specializationError2 += errors[g].energyShare ** 2;
      selectivityError2 += (population.selectivity * errors[g].energyShare) ** 2 + (population.energyShare * errors[g].selectivity) ** 2;
    });
    expect(Math.abs(analysis.summary.specialization - solution.summary.specialization)).toBeLessThan(Z * Math.sqrt(specializationError2));
    const bias = (network.stimuli - 1) * analysis.populations.length / network.neurons;
    expect(Math.abs(analysis.summary.selectivity - solution.summary.selectivity)).toBeLessThan(Z * Math.sqrt(selectivityError2) + bias);
    expect(analysis.summary.specializationPrior).toBeCloseTo(solution.summary.specializationPrior, 14);
    expect(Object.keys(analysis.summary).sort()).toEqual(Object.keys(solution.summary).sort());
  });
});

describe('best-matching weight scale of a sampled network', () => {
  // R independent networks sampled at sigma = 0.7 (K = 3): the recovered log sigma must
  // agree with log 0.7 within Z standard errors of the replicate mean.
  const truth = 0.7;
  const solution = solveAt(3, truth);
  const config = parseConfig({ task: { name: 'select', contexts: 3 }, weightScale: truth });
  const replicates = 6;
  const recovered = Array.from({ length: replicates }, (_, r) => {
    const network = sampleExactNeurons(solution, { neurons: 20_000, seed: `match-${r}` });
    return bestMatchingWeightScale(networkPopulations(network).populations, sharesAlongWeightScale(problemFromConfig(config)));
  });

  it('recovers the sigma used to sample the network', () => {
    const logs = recovered.map((match) => Math.log(match.weightScale));
    const mean = logs.reduce((sum, x) => sum + x, 0) / replicates;
    const sd = Math.sqrt(logs.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (replicates - 1));
    expect(recovered.every((match) => !match.atBoundary)).toBe(true);
    // 1e-3 is the search's own bracket width on sigma.
    expect(Math.abs(mean - Math.log(truth))).toBeLessThan(Z * (sd / Math.sqrt(replicates)) + 1e-3);
    // Each replicate alone lands within 10% (sd is a few per cent at N = 20000).
    for (const match of recovered) expect(Math.abs(Math.log(match.weightScale / truth))).toBeLessThan(0.1);
  });

  it('negative control: a network sampled at sigma = 2 is matched far from 0.7', () => {
    const other = solveAt(3, 2);
    const network = sampleExactNeurons(other, { neurons: 20_000, seed: 'control' });
    const match = bestMatchingWeightScale(networkPopulations(network).populations, sharesAlongWeightScale(problemFromConfig(config)));
    expect(Math.abs(Math.log(match.weightScale / 2))).toBeLessThan(0.15);
  });
});
