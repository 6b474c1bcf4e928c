// Continuous gains (model.md §7): tanh select solves with the quadrature estimator
// at K = 2 and 3 (24 nodes per context) and K = 4 (16 nodes), and with the Monte
// Carlo estimator at K = 6 (10^5 draws). Each solve includes the estimator check
// (one Newton step with 2n nodes, or the standard errors) and must converge with
// its multipliers inside the domain, so the benchmark is also a smoke test.
import { Bench } from 'tinybench';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '../src/index.js';

const CASES = [
  { label: 'quadrature K=2, 24 nodes', contexts: 2, weightScale: 2, estimator: { kind: 'quadrature', nodes: 24 }, targetMs: 50 },
  { label: 'quadrature K=3, 24 nodes', contexts: 3, weightScale: 3, estimator: { kind: 'quadrature', nodes: 24 }, targetMs: 50 },
  { label: 'quadrature K=4, 16 nodes', contexts: 4, weightScale: 3, estimator: { kind: 'quadrature', nodes: 16 }, targetMs: 2000 },
  { label: 'montecarlo K=6, 1e5 draws', contexts: 6, weightScale: 3, estimator: { kind: 'montecarlo', samples: 100_000, seed: 1 }, targetMs: 2000 },
] as const;

export async function runContinuousBench(): Promise<boolean> {
  const bench = new Bench({ time: 1000, iterations: 5, warmupIterations: 1 });
  const iterations = new Map<string, number>();
  for (const { label, contexts, weightScale, estimator } of CASES) {
    const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts }, nonlinearity: 'tanh', weightScale, estimator }));
    bench.add(label, () => {
      const solution = solve(problem);
      if (solution.estimator === 'exact' || !solution.converged || !(solution.maxResidual < 1e-8) || !(solution.maxQOnGainBoxVertices < 1)) {
        throw new Error(`${label}: ${solution.message}`);
      }
      iterations.set(label, solution.iterations);
    });
  }
  await bench.run();
  let failed = false;
  console.log('\ncontinuous gains (tanh select)   mean wall time     p50        Newton iterations   samples');
  bench.tasks.forEach((task, index) => {
    const { label, targetMs } = CASES[index];
    const result = task.result;
    if (result.state !== 'completed') {
      failed = true;
      console.log(`${label}: ${result.state}${'error' in result ? ` ${String(result.error)}` : ''}`);
      return;
    }
    const { mean, p50, samplesCount } = result.latency;
    console.log(
      `${label.padEnd(32)} ${`${mean.toFixed(1)} ms`.padStart(10)}    ${`${p50.toFixed(1)} ms`.padStart(10)}    ${String(iterations.get(label)).padStart(8)}          ${samplesCount}`,
    );
    if (mean > targetMs) console.log(`  (above the ${targetMs} ms target)`);
  });
  return !failed;
}
