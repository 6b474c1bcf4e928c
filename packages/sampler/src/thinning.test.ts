import { describe, expect, it, vi } from 'vitest';
import { nonlinearity, parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';
import { drawMcmcNeurons } from './mcmcNeurons.js';
import { sampleMcmcNeurons } from './mcmcNetwork.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { AUTO_THIN } from './thinning.js';
import { RELU_K2, RELU_K4 } from './testSolutions.js';

// Networks of 2e4 neurons, diagnostics included; the machine may be shared.
vi.setConfig({ testTimeout: 120_000 });

const NEURONS = 20_000;
const BATCHES = 100;

/** f_kj of neuron i, straight from model.md §3: w phi'(v_k) u_j. */
function constraintValues(network: SampledNetwork, k: number, j: number): Float64Array {
  const phi = nonlinearity(network.nonlinearity);
  const { contexts: K, stimuli: P } = network;
  return Float64Array.from({ length: network.neurons }, (_, i) => network.w[i] * phi.derivative(network.v[i * K + k]) * network.u[i * P + j]);
}

/**
 * Standard error of the network mean of `values` by batch means (BATCHES
 * consecutive blocks of neurons: blocks much longer than the chains'
 * autocorrelation, so the block means are nearly independent), over the iid
 * standard error sd / sqrt(N). About 1 for independent neurons, sqrt(N / ESS)
 * for correlated ones.
 */
function batchMeansOverIid(values: Float64Array): number {
  const n = values.length;
  const size = Math.floor(n / BATCHES);
  let mean = 0;
  for (const x of values) mean += x;
  mean /= n;
  let squares = 0;
  for (const x of values) squares += (x - mean) ** 2;
  const iid = Math.sqrt(squares / (n - 1) / n);
  const means = Array.from({ length: BATCHES }, (_, b) => {
    let sum = 0;
    for (let i = b * size; i < (b + 1) * size; i++) sum += values[i];
    return sum / size;
  });
  const grand = means.reduce((a, b) => a + b, 0) / BATCHES;
  const batchVariance = means.reduce((a, b) => a + (b - grand) ** 2, 0) / (BATCHES - 1);
  return Math.sqrt(batchVariance / BATCHES) / iid;
}

function worstRatio(network: SampledNetwork): number {
  let worst = 0;
  for (let k = 0; k < network.contexts; k++) {
    for (let j = 0; j < network.stimuli; j++) worst = Math.max(worst, batchMeansOverIid(constraintValues(network, k, j)));
  }
  return worst;
}

// The case: relu select K = 3, sigma = 1, 2e4 neurons; at thin 1 its
// neurons are correlated enough that network-level fluctuations are ~1.8x iid.
const RELU_K3: SolutionLaw = solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 } })));

describe('thin auto (the default): MCMC networks as good as exact ones', () => {
  const auto = sampleMcmcNeurons(RELU_K3, { neurons: NEURONS, seed: 17 });
  const fixed = sampleMcmcNeurons(RELU_K3, { neurons: NEURONS, seed: 17, thin: 1 });

  it('batch-means standard errors of every mean f_kj are within 1.5x of the iid ones', () => {
    expect(worstRatio(auto.network)).toBeLessThan(1.5);
  });

  it('negative control: at thin 1 they are not (the bound can fail)', () => {
    expect(worstRatio(fixed.network)).toBeGreaterThan(1.5);
    expect(fixed.diagnostics.essRatio).toBeLessThan(AUTO_THIN.target);
  });

  it('reports the achieved ESS / N >= 1/2 and how it got there', () => {
    const { diagnostics } = auto;
    const report = diagnostics.autoThin;
    expect(report).toBeDefined();
    expect(report?.reached).toBe(true);
    expect(diagnostics.essRatio).toBeGreaterThanOrEqual(0.5);
    expect(report?.rounds[report.rounds.length - 1]).toEqual({ thin: diagnostics.thin, essRatio: diagnostics.essRatio });
    expect(diagnostics.thin).toBeGreaterThan(1);
    expect(fixed.diagnostics.autoThin).toBeUndefined();
  });

  it('the reported ratio agrees with the batch-means one (ESS / N ~ (iid SE / batch SE)^2)', () => {
    // Independent route to ESS/N for the worst f; 100 batches estimate it to ~15%.
    const bm = worstRatio(fixed.network) ** -2;
    expect(fixed.diagnostics.essRatio / bm).toBeGreaterThan(0.6);
    expect(fixed.diagnostics.essRatio / bm).toBeLessThan(1.6);
  });

  it('is the fixed-thin draw at the chosen thinning (every round uses the master seed)', () => {
    const again = sampleMcmcNeurons(RELU_K3, { neurons: NEURONS, seed: 17, thin: auto.diagnostics.thin });
    expect(again.network.u).toEqual(auto.network.u);
    expect(again.network.v).toEqual(auto.network.v);
    expect(again.network.w).toEqual(auto.network.w);
  });
});

describe('thin auto: bounds and edges', () => {
  it('stops at maxThin and warns when the target is out of reach', () => {
    // The full random walk on K = 2 has tau ~ 60 for f: thinning 2 cannot reach 1/2.
    const { diagnostics } = sampleMcmcNeurons(RELU_K2, { neurons: 4000, seed: 3, variant: 'full', maxThin: 2 });
    expect(diagnostics.thin).toBe(2);
    expect(diagnostics.autoThin?.reached).toBe(false);
    expect(diagnostics.essRatio).toBeLessThan(0.5);
    expect(diagnostics.warnings.at(-1)).toMatch(/^thin auto: the constraint functions have ESS \/ N = 0\.\d+ < 0\.5 at thinning 2 \(the largest thinning allowed is 2\)/);
  });

  it('redraws at a larger thinning when the pilot underestimates tau, and then reaches the target', () => {
    // The full random walk on K = 4 has tau ~ 100 for f; this seed's pilot of 1000 draws per chain sees 40.
    const { diagnostics } = sampleMcmcNeurons(RELU_K4, { neurons: 2000, seed: 5, variant: 'full' });
    const rounds = diagnostics.autoThin?.rounds ?? [];
    expect(rounds.length).toBe(2);
    expect(rounds[0].essRatio).toBeLessThan(0.5);
    // ceil(thin / essRatio): the kept draw's own tau in chain iterations.
    expect(rounds[1].thin).toBe(Math.ceil(rounds[0].thin / rounds[0].essRatio));
    expect(diagnostics.autoThin?.reached).toBe(true);
    expect(diagnostics.essRatio).toBeGreaterThanOrEqual(0.5);
    expect(diagnostics.thin).toBe(rounds[1].thin);
  });

  it.each([
    ['maxThin with a fixed thinning', { thin: 3, maxThin: 5 }, 'invalid `maxThin`: only applies to thin auto, got 5'],
    ['maxThin 0', { maxThin: 0 }, 'invalid `maxThin`: must be an integer >= 1, got 0'],
    ['thin "x"', { thin: 'x' as unknown as number }, 'invalid `thin`: must be an integer >= 1 or "auto", got "x"'],
    ['thin 0', { thin: 0 }, 'invalid `thin`: must be an integer >= 1, got 0'],
  ])('%s is refused', (_, options, message) => {
    expect(() => sampleMcmcNeurons(RELU_K2, { neurons: 40, seed: 1, ...options })).toThrow(message);
  });

  it('drawMcmcNeurons keeps thin 1 as its default (a fixed-thinning primitive)', () => {
    expect(drawMcmcNeurons(RELU_K2, { neurons: 40, seed: 1, warmup: 10 }).thin).toBe(1);
  });
});
