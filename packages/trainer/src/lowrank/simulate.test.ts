import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { networkField, type LowRankNetwork } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { simulateLowRank, statesInSpan } from '../index.js';

function randomNetwork(N: number, R: number, seed: number): LowRankNetwork {
  const rng = createRng(seed);
  const m = Float64Array.from({ length: N * R }, () => rng.normal());
  const n = Float64Array.from({ length: N * R }, (_, k) => 1.8 * m[k] + rng.normal());
  return { rank: R, neurons: N, nonlinearity: 'tanh', m, n, bias: null };
}

describe('low-rank simulation (model.md §14)', () => {
  it('a network started in the span stays in it: latents follow the finite-N latent ODE to 1e-10', () => {
    const network = randomNetwork(3000, 2, 1);
    const kappa0 = Float64Array.of(0.4, -1.1, 1.5, 0.2);
    const alpha = 0.05;
    const steps = 200;
    const simulation = simulateLowRank(network, statesInSpan(network, kappa0), { alpha, steps });
    const field = networkField(network);
    const g = new Float64Array(2);
    for (let trial = 0; trial < 2; trial++) {
      const kappa = Float64Array.from(kappa0.subarray(2 * trial, 2 * trial + 2));
      for (let step = 1; step <= steps; step++) {
        field.evaluate(kappa, g);
        for (let r = 0; r < 2; r++) kappa[r] += alpha * (-kappa[r] + g[r]);
      }
      const at = (trial * simulation.records + steps) * 2;
      expectAllClose(simulation.latents.subarray(at, at + 2), kappa, { rtol: 0, atol: 1e-10 });
    }
  });

  it('RK2 and Euler agree to O(alpha) and RK2 converges at second order', () => {
    const network = randomNetwork(500, 1, 2);
    const start = statesInSpan(network, Float64Array.of(0.3));
    const final = (alpha: number, method: 'euler' | 'rk2') => {
      const simulation = simulateLowRank(network, start, { alpha, steps: Math.round(2 / alpha), method });
      return simulation.latents[simulation.records - 1];
    };
    const reference = final(0.0025, 'rk2');
    const errorRk2 = [0.04, 0.02].map((alpha) => Math.abs(final(alpha, 'rk2') - reference));
    expect(errorRk2[0] / errorRk2[1]).toBeGreaterThan(3.5);
    expect(Math.abs(final(0.02, 'euler') - reference)).toBeGreaterThan(errorRk2[1]);
  });

  it('rejects bad settings, naming them', () => {
    const network = randomNetwork(10, 1, 3);
    expect(() => simulateLowRank(network, new Float64Array(10), { alpha: 2 })).toThrow(/alpha/);
    expect(() => simulateLowRank(network, new Float64Array(7))).toThrow(/initialStates/);
  });
});
