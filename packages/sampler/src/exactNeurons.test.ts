import { describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { conditionalGaussian, dualObjective, patternBits, patternLaw, solve } from '@maxent/solver';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { createAliasTable } from './aliasTable.js';
import { createExactNeuronSampler, sampleExactNeurons } from './exactNeurons.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { lawOf, RELU_K2, RELU_K4 } from './testSolutions.js';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

function patternIndex(network: SampledNetwork, i: number): number {
  let m = 0;
  for (let k = 0; k < network.contexts; k++) if (network.v[i * network.contexts + k] > 0) m |= 1 << k;
  return m;
}

function meanAndStderr(values: Float64Array): { mean: number; stderr: number } {
  const n = values.length;
  let mean = 0;
  for (const x of values) mean += x;
  mean /= n;
  let sum = 0;
  for (const x of values) sum += (x - mean) ** 2;
  return { mean, stderr: Math.sqrt(sum / (n - 1) / n) };
}

/** f_kj = w g_k u_j for every neuron (relu gains). */
function constraintSamples(network: SampledNetwork, k: number, j: number): Float64Array {
  const { contexts: K, stimuli: P } = network;
  return Float64Array.from({ length: network.neurons }, (_, i) => (network.v[i * K + k] > 0 ? network.w[i] * network.u[i * P + j] : 0));
}

function checkAgainstLaw(network: SampledNetwork, solution: SolutionLaw) {
  const law = patternLaw(solution.problem, solution.lambda);
  const moments = dualObjective(solution.problem, solution.lambda).moments.data;
  const N = network.neurons;
  const counts = new Float64Array(law.count);
  for (let i = 0; i < N; i++) counts[patternIndex(network, i)]++;
  for (let m = 0; m < law.count; m++) {
    const p = law.fraction[m];
    // Binomial standard error of a fraction: sqrt(pi (1 - pi) / N).
    expectAllClose(counts[m] / N, p, { atol: 4 * Math.sqrt((p * (1 - p)) / N) });
  }
  for (let k = 0; k < law.contexts; k++) {
    for (let j = 0; j < law.stimuli; j++) {
      const { mean, stderr } = meanAndStderr(constraintSamples(network, k, j));
      expectAllClose(mean, moments[k * law.stimuli + j], { atol: 4 * stderr });
    }
  }
}

describe('exact sampler: 10^5 neurons agree with the solution within 4 standard errors', () => {
  it.each([
    ['K = 2', RELU_K2],
    ['K = 4', RELU_K4],
  ])('%s: pattern fractions pi(g) and E[f]', (_, solution) => {
    checkAgainstLaw(sampleExactNeurons(solution, { neurons: 100_000, seed: 11 }), solution);
  });

  it.each([2, 4])('K = %i select task solved by @maxent/solver: pi(g), E[f] = A', (contexts) => {
    const solution = solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts } })));
    expect(solution.converged).toBe(true);
    const network = sampleExactNeurons(solution, { neurons: 100_000, seed: 13 });
    checkAgainstLaw(network, solution);
    // And the moments are the task itself (the solution's residual is ~1e-12).
    for (let k = 0; k < contexts; k++) {
      for (let j = 0; j < contexts; j++) {
        const { mean, stderr } = meanAndStderr(constraintSamples(network, k, j));
        expectAllClose(mean, k === j ? 1 : 0, { atol: 4 * stderr });
      }
    }
  });

  it('with a non-zero prior mean mu_v (truncated-normal path), too', () => {
    const solution = lawOf({ task: { name: 'select', contexts: 2 }, context: { mean: 0.5, std: 1.5 } }, [
      [0.6, -0.1],
      [-0.1, 0.6],
    ]);
    checkAgainstLaw(sampleExactNeurons(solution, { neurons: 100_000, seed: 12 }), solution);
  });

  it('negative control: neurons from the prior (lambda = 0) fail the check', () => {
    const prior = lawOf({ task: { name: 'select', contexts: 2 } }, [
      [0, 0],
      [0, 0],
    ]);
    const network = sampleExactNeurons(prior, { neurons: 100_000, seed: 11 });
    expect(() => checkAgainstLaw(network, RELU_K2)).toThrow(/actual/);
  });
});

describe('exact sampler internals', () => {
  it('the closed-form Cholesky factor reproduces Sigma(g) of model.md §5 for every pattern', () => {
    const { problem, lambda } = RELU_K4;
    const sampler = createExactNeuronSampler(RELU_K4);
    const P = problem.stimuli;
    const s = problem.weightScale;
    for (let m = 0; m < sampler.law.count; m++) {
      const { covariance } = conditionalGaussian(lambda, patternBits(m, problem.contexts), s);
      // L in the order (w, u): w = c0 z0, u_j = c_j w + s z_j with the sampler's own
      // c0 = s / sqrt(1 - q) and c = s^2 a; assemble L L^T in the order (u, w).
      const c0 = sampler.wScale[m];
      const c = sampler.coupling.subarray(m * P, (m + 1) * P);
      const implied = new Float64Array((P + 1) * (P + 1));
      for (let i = 0; i < P; i++) {
        for (let j = 0; j < P; j++) implied[i * (P + 1) + j] = c[i] * c[j] * c0 * c0 + (i === j ? s * s : 0);
        implied[i * (P + 1) + P] = c[i] * c0 * c0;
        implied[P * (P + 1) + i] = c[i] * c0 * c0;
      }
      implied[P * (P + 1) + P] = c0 * c0;
      expectAllClose(implied, covariance, { rtol: 1e-12, atol: 1e-15 });
    }
  });

  it('the alias table reproduces its weights exactly', () => {
    const weights = [0.1, 0, 0.5, 0.25, 0.15];
    const table = createAliasTable(weights);
    const implied = new Float64Array(weights.length);
    for (let i = 0; i < table.size; i++) {
      implied[i] += table.keep[i] / table.size;
      implied[table.alias[i]] += (1 - table.keep[i]) / table.size;
    }
    expectAllClose(implied, weights, { atol: 1e-15 });
  });

  it('same seed, identical network; another seed, another network', () => {
    const a = sampleExactNeurons(RELU_K2, { neurons: 1000, seed: 5 });
    const b = sampleExactNeurons(RELU_K2, { neurons: 1000, seed: 5 });
    const c = sampleExactNeurons(RELU_K2, { neurons: 1000, seed: 6 });
    expect(a).toEqual(b);
    expect(a.u).not.toEqual(c.u);
    expect(a.u.length).toBe(2000);
    expect(a.v.length).toBe(2000);
    expect(a.w.length).toBe(1000);
  });
});

describe('exact sampler: progress and abort', () => {
  it('reports progress up to N and stops when aborted', () => {
    const seen: number[] = [];
    sampleExactNeurons(RELU_K2, { neurons: 200_000, seed: 1, onProgress: ({ done, total }) => seen.push(done / total) });
    expect(seen.length).toBe(4);
    expect(seen.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    expect(() => sampleExactNeurons(RELU_K2, { neurons: 10, seed: 1, signal: controller.signal })).toThrow('cancelled');
  });
});

describe('exact sampler: bad input', () => {
  it('continuous gains need mcmc', () => {
    const tanh = lawOf({ task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh' }, [
      [0.3, 0],
      [0, 0.3],
    ]);
    expect(() => sampleExactNeurons(tanh, { neurons: 10, seed: 1 })).toThrow(InvalidInputError);
    expect(() => sampleExactNeurons(tanh, { neurons: 10, seed: 1 })).toThrow(/invalid `method`: must be mcmc for nonlinearity tanh/);
  });
  it('inadmissible multipliers name lambda and the pattern', () => {
    const bad = lawOf({ task: { name: 'select', contexts: 2 } }, [
      [1.2, 0],
      [0, 0.2],
    ]);
    expect(() => sampleExactNeurons(bad, { neurons: 10, seed: 1 })).toThrow(/invalid `lambda`: must be admissible .* pattern \[1, 0\] has q = 1.44/);
  });
  it.each([0, 1.5, Number.NaN])('neurons = %s is invalid', (neurons) => {
    expect(() => sampleExactNeurons(RELU_K2, { neurons, seed: 1 })).toThrow(/invalid `neurons`: must be an integer >= 1/);
  });
});
