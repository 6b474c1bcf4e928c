import { normalCdf } from '@maxent/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE } from '../state/viewerState.js';
import { exploreSettings } from './explore.js';

describe('exploreSettings (the explore view in the worker)', () => {
  it.each([
    [3, 1, 0, 1],
    [5, 0.3, 0.5, 2],
  ])('K = %i, sigma = %f, mu_v = %f, sigma_v = %f: populations are a distribution and the prior specialization is K rho (1 - rho)^(K-1)', (K, sigma, mean, std) => {
    const { solution } = exploreSettings({ ...DEFAULT_STATE, contexts: K, weightScale: sigma, contextMean: mean, contextStd: std, neurons: 100 });
    const populations = (solution as unknown as { populations: { fraction: number; energyShare: number }[] }).populations;
    expect(populations).toHaveLength(2 ** K);
    expect(populations.reduce((sum, p) => sum + p.fraction, 0)).toBeCloseTo(1, 12);
    expect(populations.reduce((sum, p) => sum + p.energyShare, 0)).toBeCloseTo(1, 12);
    // rho = P(v > 0) under v ~ N(mu_v, sigma_v^2) (model.md §3): a closed form independent of the solver.
    const rho = normalCdf(mean / std);
    expect(solution.summary.specializationPrior).toBeCloseTo(K * rho * (1 - rho) ** (K - 1), 12);
    expect(solution.kind).toBe('maxent-solution');
    expect(Object.keys(populations[0])).toEqual(['pattern', 'fraction', 'energyShare', 'selectivity']);
  });

  it('draws N seeded neurons whose gain patterns follow the solution (20000 draws, within 5 standard errors)', () => {
    const { solution, network } = exploreSettings({ ...DEFAULT_STATE, neurons: 20000, seed: 3 });
    expect(network).not.toBeNull();
    expect(network!.neurons).toBe(20000);
    const counts = new Map<string, number>();
    for (const v of network!.v) {
      const key = v.map((x) => (x > 0 ? 1 : 0)).join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    const populations = (solution as unknown as { populations: { pattern: number[]; fraction: number }[] }).populations;
    for (const { pattern, fraction } of populations) {
      const observed = (counts.get(pattern.join('')) ?? 0) / 20000;
      expect(Math.abs(observed - fraction), pattern.join('')).toBeLessThan(5 * Math.sqrt((fraction * (1 - fraction)) / 20000));
    }
    // Same seed, same neurons; another seed, other neurons.
    expect(exploreSettings({ ...DEFAULT_STATE, neurons: 100, seed: 3 }).network!.w).toEqual(exploreSettings({ ...DEFAULT_STATE, neurons: 100, seed: 3 }).network!.w);
    expect(exploreSettings({ ...DEFAULT_STATE, neurons: 100, seed: 4 }).network!.w).not.toEqual(exploreSettings({ ...DEFAULT_STATE, neurons: 100, seed: 3 }).network!.w);
  });

  it('throws the solver reason for an infeasible task: linear gains cannot tell two contexts apart (model.md §5)', () => {
    expect(() => exploreSettings({ ...DEFAULT_STATE, nonlinearity: 'linear', contexts: 2 })).toThrow(
      expect.objectContaining({ name: 'ProblemHasNoAnswerError', reason: 'infeasible' }),
    );
  });

  it('throws an unattainable tanh task with the smallest attainable weight scale (model.md §7)', () => {
    expect(() => exploreSettings({ ...DEFAULT_STATE, nonlinearity: 'tanh', contexts: 2, weightScale: 1 })).toThrow(
      expect.objectContaining({ reason: 'unattainable', message: expect.stringMatching(/smallest attainable weightScale is 1\.00/) }),
    );
  });

  it('draws no neurons for continuous gains and says why', () => {
    const result = exploreSettings({ ...DEFAULT_STATE, nonlinearity: 'tanh', contexts: 2, weightScale: 3, neurons: 100 });
    expect(result.network).toBeNull();
    expect(result.networkNote).toMatch(/continuous/);
    expect(result.solution.summary.specialization).toBeGreaterThan(0);
  });
});
