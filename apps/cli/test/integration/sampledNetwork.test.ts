import { describe, expect, it, vi } from 'vitest';
import { createRng } from '@maxent/core';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';
import { sampleExactNeurons, sampleMcmcNeurons, type SampledNetwork } from '@maxent/sampler';
import { evaluateNetwork, linearize } from '@maxent/trainer';
import { expectAllClose } from '#testing';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

// model.md §8-§9: networks drawn from the max-ent solution of the 3-context select task
// (relu, sigma = 1) solve the task at stimulusStd 0.1. The nonlinear R^2 stays below 1
// because a fraction ~ stimulusStd of relu gates flips (§9).
//
// The linearised R^2 at N = 2e4 is limited by the finite-N offsets
// z_k(0) = (1/N) sum_i w_i relu(v_ik), of standard deviation ~ sqrt(E[w^2 relu(v)^2] / N)
// ~ 0.008 against a target spread of 0.1: they cost ~0.6% of R^2 on average, chi-square
// distributed over the K contexts. Measured over seeds 1-8 (exact sampler, N = 2e4):
// linearised R^2 0.9858-0.9979, above 0.99 for 6 of 8 seeds; at N = 8e4 0.9958-0.9997.
// So the thresholds are asserted where they hold for every seed, not for a chosen one:
// nonlinear R^2 > 0.93 at N = 2e4 for several seeds, linearised R^2 > 0.99 at N = 8e4,
// and at N = 2e4 the linearised model's gains equal A and its offsets vanish within
// 4 finite-N standard errors.
const config = parseConfig({ task: { name: 'select', contexts: 3 }, nonlinearity: 'relu', weightScale: 1, stimulusStd: 0.1 });
const problem = problemFromConfig(config);
const evaluate = (network: SampledNetwork) =>
  evaluateNetwork(network, { trials: 2000, stimulusStd: config.stimulusStd, rng: createRng('evaluate') });

describe('a sampled max-ent network solves the select task (K = 3, relu, sigma = 1, stimulusStd 0.1)', () => {
  const solution = solve(problem);

  it('the solve converged', () => {
    expect(solution.converged).toBe(true);
  });

  it.each([1, 2, 3])('exact sampler, N = 20000, seed %i: nonlinear R^2 > 0.93, linearised R^2 > 0.98', (seed) => {
    const evaluation = evaluate(sampleExactNeurons(solution, { neurons: 20_000, seed }));
    expect(evaluation.r2).toBeGreaterThan(0.93);
    expect(evaluation.linearized.r2).toBeGreaterThan(0.98);
  });

  it('exact sampler, N = 20000: linearised gains equal A and offsets vanish within 4 standard errors', () => {
    const network = sampleExactNeurons(solution, { neurons: 20_000, seed: 1 });
    const { neurons: N, contexts: K, stimuli: P, u, v, w } = network;
    const { offset, gain } = linearize(network);
    for (let k = 0; k < K; k++) {
      let offsetSquares = 0;
      for (let i = 0; i < N; i++) offsetSquares += (w[i] * Math.max(v[i * K + k], 0)) ** 2;
      expectAllClose(offset[k], 0, { atol: 4 * Math.sqrt(offsetSquares / N / N) });
      for (let j = 0; j < P; j++) {
        let f = 0;
        let f2 = 0;
        for (let i = 0; i < N; i++) {
          const value = v[i * K + k] > 0 ? w[i] * u[i * P + j] : 0;
          f += value;
          f2 += value * value;
        }
        const variance = (f2 - (f * f) / N) / (N - 1);
        expectAllClose(gain.data[k * P + j], k === j ? 1 : 0, { atol: 4 * Math.sqrt(variance / N) });
      }
    }
  });

  it('exact sampler, N = 80000: linearised R^2 > 0.99 (and nonlinear R^2 > 0.93)', () => {
    const evaluation = evaluate(sampleExactNeurons(solution, { neurons: 80_000, seed: 1 }));
    expect(evaluation.r2).toBeGreaterThan(0.93);
    expect(evaluation.linearized.r2).toBeGreaterThan(0.99);
  });

  // MCMC with thin auto (the default): ESS of every f_kj >= N / 2, so the network's mean f
  // (the linearised gains) fluctuates up to sqrt(2) times as much as for exact draws.
  // Measured over seeds 1-10 (N = 2e4): nonlinear R^2 0.936-0.969, linearised 0.961-0.9985
  // (exact draws of the same seeds: 0.984-0.998); asserted where it holds for every seed.
  it('blocked mcmc sampler (thin auto), N = 20000: R-hat < 1.01, ESS / N >= 1/2, nonlinear R^2 > 0.93, linearised R^2 > 0.95', () => {
    const { network, diagnostics } = sampleMcmcNeurons(solution, { neurons: 20_000, seed: 1 });
    expect(diagnostics.rhat).toBeLessThan(1.01);
    expect(diagnostics.essRatio).toBeGreaterThanOrEqual(0.5);
    const evaluation = evaluate(network);
    expect(evaluation.r2).toBeGreaterThan(0.93);
    expect(evaluation.linearized.r2).toBeGreaterThan(0.95);
  });

  it('negative control: prior neurons (lambda = 0) do not solve the task', () => {
    const prior = { problem, lambda: { ...solution.lambda, data: new Float64Array(9) } };
    const evaluation = evaluate(sampleExactNeurons(prior, { neurons: 20_000, seed: 1 }));
    expect(evaluation.r2).toBeLessThan(0.5);
  });
});
