import { describe, expect, it } from 'vitest';
import { DEFAULT_SEED } from '@maxent/core';
import { sampleExactNeurons } from './exactNeurons.js';
import { sampleMcmcNeurons } from './mcmcNetwork.js';
import { sampleNetwork, type SampleNetworkOptions } from './sampleNetwork.js';
import { lawOf, RELU_K2 } from './testSolutions.js';

describe('sampleNetwork', () => {
  it('defaults to exact draws with DEFAULT_SEED, and carries no diagnostics', () => {
    const sample = sampleNetwork(RELU_K2, { neurons: 300 });
    expect(sample.method).toBe('exact');
    expect(sample.diagnostics).toBeNull();
    expect(sample.network).toStrictEqual(sampleExactNeurons(RELU_K2, { neurons: 300, seed: DEFAULT_SEED }));
    expect(DEFAULT_SEED).toBe(1);
  });

  it('runs the MCMC sampler with its defaults and returns its diagnostics', () => {
    const sample = sampleNetwork(RELU_K2, { neurons: 200, method: 'mcmc', seed: 4, warmup: 100 });
    const direct = sampleMcmcNeurons(RELU_K2, { neurons: 200, seed: 4, variant: 'blocked', chains: 4, warmup: 100, thin: 'auto' });
    expect(sample.method).toBe('mcmc');
    expect(sample.network).toStrictEqual(direct.network);
    expect(sample.diagnostics).toStrictEqual(direct.diagnostics);
    expect(sample.diagnostics?.chains).toBe(4);
    expect(sample.diagnostics?.autoThin?.target).toBe(0.5);
  });

  it.each<[string, SampleNetworkOptions, number]>([
    ['exact: one unit per neuron', { neurons: 70_000, method: 'exact' }, 70_000],
    // mcmc: chains x (warm-up + draws per chain x thin) iterations, draws per chain = ceil(N / chains).
    ['mcmc: chain iterations', { neurons: 101, method: 'mcmc', chains: 2, warmup: 1000, thin: 3 }, 2 * (1000 + 51 * 3)],
  ])('reports { done, total } with the total of the work (%s)', (_, options, total) => {
    const seen: [number, number][] = [];
    sampleNetwork(RELU_K2, { ...options, onProgress: ({ done, total }) => seen.push([done, total]) });
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(([, t]) => t === total)).toBe(true);
    expect(seen.at(-1)).toEqual([total, total]);
    expect(seen.every(([done], i) => i === 0 || done >= seen[i - 1][0])).toBe(true);
  });

  it('refuses an unknown method and chain settings for exact draws, naming the option', () => {
    expect(() => sampleNetwork(RELU_K2, { neurons: 10, method: 'gibbs' as 'exact' })).toThrow(
      'invalid `method`: must be one of exact, mcmc, got "gibbs"',
    );
    expect(() => sampleNetwork(RELU_K2, { neurons: 10, chains: 2 })).toThrow('invalid `chains`: only applies to method mcmc, got 2');
    // An undefined chain setting is no setting at all.
    expect(sampleNetwork(RELU_K2, { neurons: 10, chains: undefined }).method).toBe('exact');
  });

  it('leaves non-binary gains to mcmc', () => {
    const tanh = lawOf({ task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh' }, [
      [0.3, 0],
      [0, 0.3],
    ]);
    expect(() => sampleNetwork(tanh, { neurons: 10 })).toThrow(/invalid `method`: must be mcmc for nonlinearity tanh/);
    expect(sampleNetwork(tanh, { neurons: 40, method: 'mcmc', warmup: 50, seed: 2 }).network.nonlinearity).toBe('tanh');
  });
});
