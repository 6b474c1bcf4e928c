// Population analysis throughput (model.md §10) in neurons per second:
// - relu gain patterns at N = 1e4, 1e5, 1e6 with K = 3, P = 3 and at N = 1e5 with
//   K = P = 10 (1024 patterns);
// - tanh k-means with k chosen by silhouette (k = 2..8, 3 restarts, silhouette on
//   1000 neurons) at N = 2000 and 20000, K = 3.
// Weights are seeded Gaussian draws; every result is checked (fractions and energy
// shares sum to 1, selectivities in [0, 1]), so the benchmark is also a smoke test.
import { Bench } from 'tinybench';
import { createRng } from '@maxent/core';
import type { NonlinearityName } from '@maxent/constraints';
import { networkPopulations, type NetworkWeights } from '../src/index.js';
import { benchSizes } from '#bench';

function randomNetwork(neurons: number, contexts: number, stimuli: number, nonlinearity: NonlinearityName, seed: string): NetworkWeights {
  const rng = createRng(seed);
  const fill = (length: number, scale: number) => Float64Array.from({ length }, () => scale * rng.normal());
  return {
    nonlinearity,
    neurons,
    contexts,
    stimuli,
    u: fill(neurons * stimuli, 1),
    v: fill(neurons * contexts, 2),
    w: fill(neurons, 1),
  };
}

function check(label: string, network: NetworkWeights): void {
  const result = networkPopulations(network);
  const fractions = result.populations.reduce((sum, p) => sum + p.fraction, 0);
  const shares = result.populations.reduce((sum, p) => sum + p.energyShare, 0);
  const chiInRange = result.populations.every((p) => p.selectivity >= 0 && p.selectivity <= 1 + 1e-12);
  if (Math.abs(fractions - 1) > 1e-9 || Math.abs(shares - 1) > 1e-9 || !chiInRange || !Number.isFinite(result.summary.selectivity)) {
    throw new Error(`${label}: inconsistent populations (fractions ${fractions}, shares ${shares})`);
  }
}

// [neurons as labelled, neurons, seed], smallest first (benchSizes keeps only the first under bench:quick).
const reluSizes = benchSizes([['1e4', 10_000, 'a'], ['1e5', 100_000, 'b'], ['1e6', 1_000_000, 'c']] as const);
const tanhSizes = benchSizes([[2_000, 'e'], [20_000, 'f']] as const);
const cases: { label: string; network: NetworkWeights }[] = [
  ...reluSizes.map(([name, neurons, seed]) => ({ label: `relu K=3 N=${name}`, network: randomNetwork(neurons, 3, 3, 'relu', seed) })),
  { label: 'relu K=10 N=1e5', network: randomNetwork(100_000, 10, 10, 'relu', 'd') },
  ...tanhSizes.map(([neurons, seed]) => ({ label: `tanh k-means K=3 N=${neurons}`, network: randomNetwork(neurons, 3, 3, 'tanh', seed) })),
];

const bench = new Bench({ time: 1000, iterations: 3, warmupIterations: 1 });
for (const { label, network } of cases) bench.add(label, () => check(label, network));
await bench.run();

console.log('case                          neurons    mean time     neurons/s');
bench.tasks.forEach((task, index) => {
  const { label, network } = cases[index];
  const result = task.result;
  if (result === undefined || result.state !== 'completed') {
    throw new Error(`${label}: benchmark did not complete (${result?.state}${result !== undefined && 'error' in result ? ` ${String(result.error)}` : ''})`);
  }
  const meanMs = result.latency.mean;
  console.log(
    `${label.padEnd(28)}  ${String(network.neurons).padStart(8)}  ${meanMs.toFixed(1).padStart(9)} ms  ${((network.neurons / meanMs) * 1000).toExponential(2).padStart(10)}`,
  );
});
