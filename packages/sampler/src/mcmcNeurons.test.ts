import { describe, expect, it, vi } from 'vitest';
import { createRng } from '@maxent/core';
import { nonlinearity } from '@maxent/constraints';
import { dualObjective, patternLaw } from '@maxent/solver';
import { expectAllClose } from '#testing';
import { diagnose } from './diagnostics.js';
import { sampleExactNeurons } from './exactNeurons.js';
import type { McmcVariant } from './mcmcNeurons.js';
import { sampleMcmcNeurons } from './mcmcNetwork.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { lawOf, RELU_K2, RELU_K4 } from './testSolutions.js';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

/** The draws of a per-neuron quantity split back into chains (neurons are ordered chain by chain). */
function chainsOf(network: SampledNetwork, chains: number, value: (i: number) => number): Float64Array[] {
  const perChain = network.neurons / chains;
  return Array.from({ length: chains }, (_, c) => Float64Array.from({ length: perChain }, (_, d) => value(c * perChain + d)));
}

function meanAndStderr(values: ArrayLike<number>): { mean: number; stderr: number } {
  const n = values.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += values[i];
  mean /= n;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (values[i] - mean) ** 2;
  return { mean, stderr: Math.sqrt(sum / (n - 1) / n) };
}

const CHAINS = 4;

describe.each<[McmcVariant, number]>([
  ['blocked', 10_000],
  ['full', 25_000],
])('mcmc (%s) on a relu solution, K = 2', (variant, perChain) => {
  const solution = RELU_K2;
  const law = patternLaw(solution.problem, solution.lambda);
  const moments = dualObjective(solution.problem, solution.lambda).moments.data;
  const { network, diagnostics } = sampleMcmcNeurons(solution, { neurons: CHAINS * perChain, seed: 21, variant, chains: CHAINS });
  const { contexts: K, stimuli: P } = network;

  it('R-hat < 1.01 for every monitored quantity, no warnings', () => {
    expect(diagnostics.rhat).toBeLessThan(1.01);
    expect(diagnostics.warnings).toEqual([]);
    expect(diagnostics.acceptanceRate).toBeGreaterThan(0.1);
  });

  it('E[f] agrees with the closed form within 4 MCSE (from ESS)', () => {
    for (let t = 0; t < K * P; t++) {
      const k = Math.floor(t / P);
      const j = t % P;
      expectAllClose(diagnostics.constraintCheck.mean[k][j], moments[t], { atol: 4 * diagnostics.constraintCheck.stderr[k][j] });
    }
  });

  it('pattern fractions agree with pi(g) within 4 MCSE', () => {
    for (let m = 0; m < law.count; m++) {
      const indicator = diagnose(
        chainsOf(network, CHAINS, (i) => {
          let pattern = 0;
          for (let k = 0; k < K; k++) if (network.v[i * K + k] > 0) pattern |= 1 << k;
          return pattern === m ? 1 : 0;
        }),
      );
      expectAllClose(indicator.mean, law.fraction[m], { atol: 4 * indicator.mcseMean });
    }
  });

  it('E[f] agrees with the exact sampler within 4 combined standard errors', () => {
    const exact = sampleExactNeurons(solution, { neurons: 100_000, seed: 22 });
    for (let k = 0; k < K; k++) {
      for (let j = 0; j < P; j++) {
        const reference = meanAndStderr(
          Float64Array.from({ length: exact.neurons }, (_, i) => (exact.v[i * K + k] > 0 ? exact.w[i] * exact.u[i * P + j] : 0)),
        );
        const mcse = diagnostics.constraintCheck.stderr[k][j];
        expectAllClose(diagnostics.constraintCheck.mean[k][j], reference.mean, { atol: 4 * Math.hypot(mcse, reference.stderr) });
      }
    }
  });
});

describe('mcmc (blocked) on a relu solution, K = 4', () => {
  const { diagnostics } = sampleMcmcNeurons(RELU_K4, { neurons: 40_000, seed: 23 });

  it('E[f] within 4 MCSE of the closed form, R-hat < 1.01', () => {
    const moments = dualObjective(RELU_K4.problem, RELU_K4.lambda).moments.data;
    expect(diagnostics.rhat).toBeLessThan(1.01);
    diagnostics.constraintCheck.mean.flat().forEach((mean, t) => {
      expectAllClose(mean, moments[t], { atol: 4 * diagnostics.constraintCheck.stderr.flat()[t] });
    });
  });

  it('negative control: the closed form of other multipliers is rejected', () => {
    const other = dualObjective(RELU_K4.problem, { ...RELU_K4.lambda, data: RELU_K4.lambda.data.map((x) => 0.7 * x) }).moments.data;
    const misses = diagnostics.constraintCheck.mean
      .flat()
      .filter((mean, t) => Math.abs(mean - other[t]) > 4 * diagnostics.constraintCheck.stderr.flat()[t]);
    expect(misses.length).toBeGreaterThan(0);
  });
});

/**
 * Reference moments for continuous gains by self-normalised importance sampling
 * from p0(v) (model.md §5): E[f_kj] = E0[W h_kj] / E0[W], W = (1 - q)^(-1/2),
 * h_kj = g_k sigma^4 a_j / (1 - q); delta-method standard error.
 */
function importanceMoments(solution: SolutionLaw, draws: number, seed: string) {
  const { problem, lambda } = solution;
  const { contexts: K, stimuli: P } = problem;
  const phi = nonlinearity(problem.nonlinearity);
  const s4 = problem.weightScale ** 4;
  const rng = createRng(seed);
  const weights = new Float64Array(draws);
  const h = new Float64Array(draws * K * P);
  const g = new Float64Array(K);
  const a = new Float64Array(P);
  for (let n = 0; n < draws; n++) {
    for (let k = 0; k < K; k++) g[k] = phi.derivative(problem.contextMean + problem.contextStd * rng.normal());
    a.fill(0);
    for (let k = 0; k < K; k++) for (let j = 0; j < P; j++) a[j] += g[k] * lambda.data[k * P + j];
    const q = s4 * a.reduce((sum, x) => sum + x * x, 0);
    weights[n] = 1 / Math.sqrt(1 - q);
    for (let k = 0; k < K; k++) for (let j = 0; j < P; j++) h[n * K * P + k * P + j] = (g[k] * s4 * a[j]) / (1 - q);
  }
  const total = weights.reduce((sum, x) => sum + x, 0);
  return Array.from({ length: K * P }, (_, t) => {
    let mean = 0;
    for (let n = 0; n < draws; n++) mean += weights[n] * h[n * K * P + t];
    mean /= total;
    let variance = 0;
    for (let n = 0; n < draws; n++) variance += (weights[n] * (h[n * K * P + t] - mean)) ** 2;
    return { mean, stderr: Math.sqrt(variance) / total };
  });
}

describe.each(['tanh', 'softplus'] as const)('mcmc with continuous gains (%s)', (name) => {
  const solution = lawOf({ task: { name: 'select', contexts: 2 }, nonlinearity: name, weightScale: 1.2 }, [
    [0.4, -0.1],
    [-0.1, 0.4],
  ]);
  const reference = importanceMoments(solution, 100_000, `is-${name}`);

  it.each<McmcVariant>(['blocked', 'full'])('%s variant: E[f] within 4 combined standard errors of importance sampling', (variant) => {
    const { diagnostics } = sampleMcmcNeurons(solution, { neurons: 40_000, seed: 31, variant });
    expect(diagnostics.rhat).toBeLessThan(1.01);
    diagnostics.constraintCheck.mean.flat().forEach((mean, t) => {
      const mcse = diagnostics.constraintCheck.stderr.flat()[t];
      expectAllClose(mean, reference[t].mean, { atol: 4 * Math.hypot(mcse, reference[t].stderr) });
    });
  });
});

describe('mcmc reproducibility and bad input', () => {
  it('same seed, identical network and diagnostics', () => {
    const a = sampleMcmcNeurons(RELU_K2, { neurons: 2000, seed: 4, warmup: 200 });
    const b = sampleMcmcNeurons(RELU_K2, { neurons: 2000, seed: 4, warmup: 200 });
    expect(a.network).toEqual(b.network);
    expect(a.diagnostics).toEqual(b.diagnostics);
  });

  it.each<McmcVariant>(['blocked', 'full'])('%s: a chain depends only on the seed and its index, not on how many chains run', (variant) => {
    // A fixed thinning: thin auto chooses it from all chains together.
    const four = sampleMcmcNeurons(RELU_K2, { neurons: 4 * 500, seed: 4, warmup: 200, chains: 4, variant, thin: 2 });
    const two = sampleMcmcNeurons(RELU_K2, { neurons: 2 * 500, seed: 4, warmup: 200, chains: 2, variant, thin: 2 });
    expect(two.network.u).toEqual(four.network.u.slice(0, 2 * 500 * 2));
    expect(two.network.v).toEqual(four.network.v.slice(0, 2 * 500 * 2));
    expect(two.network.w).toEqual(four.network.w.slice(0, 2 * 500));
  });

  it('N not a multiple of the chains: ceil(N / chains) per chain, N kept', () => {
    const { network, diagnostics } = sampleMcmcNeurons(RELU_K2, { neurons: 1001, seed: 4, warmup: 100 });
    expect(network.neurons).toBe(1001);
    expect(network.w.length).toBe(1001);
    expect(diagnostics.drawsPerChain).toBe(251);
  });

  it('invalid options name the field', () => {
    expect(() => sampleMcmcNeurons(RELU_K2, { neurons: 10, seed: 1, variant: 'gibbs' as McmcVariant })).toThrow(
      'invalid `variant`: must be one of blocked, full, got "gibbs"',
    );
    expect(() => sampleMcmcNeurons(RELU_K2, { neurons: -1, seed: 1 })).toThrow(/invalid `neurons`/);
    expect(() => sampleMcmcNeurons(RELU_K2, { neurons: 10, seed: 1, thin: 0 })).toThrow(/invalid `thin`/);
  });
});
