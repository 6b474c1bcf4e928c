// Exact solves of the select task (weightScale 1) at K = 8, 10, 12, 14, and
// K = 16, 18, 20 as a look at the enumeration limit: wall time and Newton
// iterations. Each solve must converge, so the benchmark is also a smoke test.
// Then the continuous-gain estimators (bench/continuous.ts).
// Run: pnpm --filter @maxent/solver bench (compiled with esbuild, run under node: scripts/bench.mjs).
import { Bench } from 'tinybench';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '../src/index.js';
import { benchSizes } from '#bench';
import { runContinuousBench } from './continuous.js';
import { runLowRankBench } from './lowrank.js';

const SIZES = benchSizes([8, 10, 12, 14, 16, 18, 20]);
const TARGET_K14_MS = 500;

const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 1 });
const iterations = new Map<number, number>();
for (const contexts of SIZES) {
  const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts }, weightScale: 1 }));
  bench.add(`exact select K=${contexts}`, () => {
    const solution = solve(problem, { populationLimit: 16 });
    if (!solution.converged || !(solution.maxResidual < 1e-10) || !Number.isFinite(solution.klFromPrior)) {
      throw new Error(`K=${contexts}: ${solution.message}`);
    }
    iterations.set(contexts, solution.iterations);
  });
}
await bench.run();

let failed = false;
console.log('K   mean wall time     p50        Newton iterations   samples');
bench.tasks.forEach((task, index) => {
  const contexts = SIZES[index];
  const result = task.result;
  if (result.state !== 'completed') {
    failed = true;
    console.log(`${contexts}: ${result.state}${'error' in result ? ` ${String(result.error)}` : ''}`);
    return;
  }
  const { mean, p50, samplesCount } = result.latency;
  console.log(
    `${String(contexts).padEnd(3)} ${`${mean.toFixed(1)} ms`.padStart(10)}    ${`${p50.toFixed(1)} ms`.padStart(10)}    ${String(iterations.get(contexts)).padStart(8)}          ${samplesCount}`,
  );
  if (contexts === 14 && mean > TARGET_K14_MS) console.log(`  (above the ${TARGET_K14_MS} ms target for K = 14)`);
});
if (!(await runContinuousBench())) failed = true;
if (!(await runLowRankBench())) failed = true;
if (failed) process.exitCode = 1;
