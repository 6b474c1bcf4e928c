// Simulating a low-rank network (model.md §14): N = 20000, R = 2, 20 tau at
// alpha = 0.05 (400 Euler steps), one trial; target < 2 s. Quick mode: N = 2000.
import { Bench } from 'tinybench';
import { createRng } from '@maxent/core';
import { quick } from '#bench';
import { simulateLowRank, statesInSpan } from '../src/index.js';

export async function runLowRankBench(): Promise<void> {
  const N = quick ? 2000 : 20_000;
  const rng = createRng(1);
  const m = Float64Array.from({ length: 2 * N }, () => rng.normal());
  const n = Float64Array.from(m, (x) => 1.6 * x + 1.2 * rng.normal());
  const network = { rank: 2, neurons: N, nonlinearity: 'tanh' as const, m, n, bias: null };
  const start = statesInSpan(network, Float64Array.of(1.5, 0));
  const bench = new Bench({ time: 1000, iterations: 3, warmupIterations: 1 });
  bench.add(`simulate N=${N} R=2 20 tau alpha=0.05`, () => {
    const simulation = simulateLowRank(network, start, { alpha: 0.05, steps: 400 });
    return simulation.latents[simulation.latents.length - 1];
  });
  await bench.run();
  for (const task of bench.tasks) {
    const result = task.result;
    if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
    console.log(`${task.name}: ${result.latency.mean.toFixed(1)} ms (target < 2000 ms)`);
  }
}
