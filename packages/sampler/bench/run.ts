// Sampler benchmarks (tinybench, plain script): neurons per second of the exact
// sampler (relu, K = 3 and K = 8) and effective samples per second of the MCMC
// neuron samplers (K = 3, relu and tanh; full vs blocked), and the cost of thin
// auto: neurons per second of a whole network with its diagnostics at thin 1 and
// with thin auto (pilot, thinned draw, verification). Every run checks its
// output is finite, so the benchmark is also a smoke test.
// Run: pnpm --filter @maxent/sampler bench (tsx bench/run.ts).
import { Bench } from 'tinybench';
import { fromRows } from '@maxent/core';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';
import { drawMcmcNeurons, mcmcDiagnostics, sampleExactNeurons, sampleMcmcNeurons, type McmcDraws, type McmcNeuronResult, type McmcThin, type McmcVariant, type SolutionLaw } from '../src/index.js';
import { benchSizes } from '#bench';

const EXACT_NEURONS = 200_000;
const MCMC_NEURONS = 40_000; // 4 chains x 10 000 draws, 1000 warm-up iterations each
const EXACT_TARGET = 2e6;

function assertFinite(values: Float64Array, what: string): void {
  for (const x of values) if (!Number.isFinite(x)) throw new Error(`${what}: non-finite value`);
}

function reluSolution(contexts: number): SolutionLaw {
  const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts }, nonlinearity: 'relu', weightScale: 1 }));
  const solution = solve(problem);
  if (!solution.converged) throw new Error(`K=${contexts}: ${solution.message}`);
  return solution;
}

// tanh: the MCMC samplers need only admissible multipliers; 0.3 I at sigma = 1.2 has q <= 0.56 at every vertex.
const tanh: SolutionLaw = {
  problem: problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 }, nonlinearity: 'tanh', weightScale: 1.2 })),
  lambda: fromRows([
    [0.3, 0, 0],
    [0, 0.3, 0],
    [0, 0, 0.3],
  ]),
};

const exactCases: [string, SolutionLaw][] = benchSizes([3, 8]).map((contexts) => [`exact relu K=${contexts}`, reluSolution(contexts)]);
const relu3 = exactCases[0][1];
const mcmcCases: [string, SolutionLaw, McmcVariant][] = [
  ['mcmc relu K=3 full', relu3, 'full'],
  ['mcmc relu K=3 blocked', relu3, 'blocked'],
  ['mcmc tanh K=3 full', tanh, 'full'],
  ['mcmc tanh K=3 blocked', tanh, 'blocked'],
];

const bench = new Bench({ time: 2000, iterations: 5, warmupIterations: 1 });
for (const [name, solution] of exactCases) {
  bench.add(name, () => {
    const network = sampleExactNeurons(solution, { neurons: EXACT_NEURONS, seed: 1 });
    assertFinite(network.u, name);
  });
}
const lastDraws = new Map<string, McmcDraws>();
for (const [name, solution, variant] of mcmcCases) {
  bench.add(name, () => {
    const draws = drawMcmcNeurons(solution, { neurons: MCMC_NEURONS, seed: 1, variant });
    assertFinite(draws.network.u, name);
    lastDraws.set(name, draws);
  });
}
// Whole networks of 2e4 neurons (the issue's size), diagnostics included: thin 1 is the old default.
const THIN_NEURONS = 20_000;
const thinCases: [string, SolutionLaw, McmcVariant, McmcThin][] = [
  ['relu K=3 blocked thin 1', relu3, 'blocked', 1],
  ['relu K=3 blocked thin auto', relu3, 'blocked', 'auto'],
  ['tanh K=3 blocked thin 1', tanh, 'blocked', 1],
  ['tanh K=3 blocked thin auto', tanh, 'blocked', 'auto'],
];
const lastNetworks = new Map<string, McmcNeuronResult>();
for (const [name, solution, variant, thin] of thinCases) {
  bench.add(name, () => {
    const result = sampleMcmcNeurons(solution, { neurons: THIN_NEURONS, seed: 1, variant, thin });
    assertFinite(result.network.u, name);
    lastNetworks.set(name, result);
  });
}
await bench.run();

let failed = false;
const latency = (index: number): number | undefined => {
  const result = bench.tasks[index].result;
  if (result.state !== 'completed') {
    failed = true;
    console.log(`${bench.tasks[index].name}: ${result.state}${'error' in result ? ` ${String(result.error)}` : ''}`);
    return undefined;
  }
  return result.latency.mean / 1000; // seconds
};

console.log('exact sampler                 neurons/s');
exactCases.forEach(([name], index) => {
  const seconds = latency(index);
  if (seconds === undefined) return;
  const rate = EXACT_NEURONS / seconds;
  console.log(`${name.padEnd(28)} ${rate.toExponential(2)}${name.endsWith('K=8') && rate < EXACT_TARGET ? `  (below the ${EXACT_TARGET.toExponential(0)} target)` : ''}`);
});

console.log('\nmcmc (4 chains x 10000 draws)  seconds  acceptance  min bulk ESS of f  ESS/s (f)  min bulk ESS (all)  ESS/s (all)');
mcmcCases.forEach(([name, solution], i) => {
  const seconds = latency(exactCases.length + i);
  const draws = lastDraws.get(name);
  if (seconds === undefined || draws === undefined) return;
  const diagnostics = mcmcDiagnostics(solution, draws);
  const essF = Math.min(...Object.entries(diagnostics.quantities).filter(([key]) => key.startsWith('f[')).map(([, d]) => d.essBulk));
  if (!Number.isFinite(essF) || !(diagnostics.rhat < 1.05)) {
    failed = true;
    console.log(`${name}: ESS ${essF}, R-hat ${diagnostics.rhat}`);
  }
  console.log(
    `${name.padEnd(30)} ${seconds.toFixed(3).padStart(7)}  ${diagnostics.acceptanceRate.toFixed(3).padStart(10)}  ${essF.toFixed(0).padStart(17)}  ${(essF / seconds).toExponential(2).padStart(9)}  ${diagnostics.ess.toFixed(0).padStart(18)}  ${(diagnostics.ess / seconds).toExponential(2).padStart(11)}`,
  );
});

console.log(`\nwhole network, ${THIN_NEURONS} neurons      seconds  neurons/s  thin  ESS/N of f (min)`);
thinCases.forEach(([name], i) => {
  const seconds = latency(exactCases.length + mcmcCases.length + i);
  const result = lastNetworks.get(name);
  if (seconds === undefined || result === undefined) return;
  const { thin, essRatio } = result.diagnostics;
  if (!Number.isFinite(essRatio)) {
    failed = true;
    console.log(`${name}: ESS / N ${essRatio}`);
  }
  console.log(`${name.padEnd(32)} ${seconds.toFixed(3).padStart(7)}  ${(THIN_NEURONS / seconds).toExponential(2).padStart(9)}  ${String(thin).padStart(4)}  ${essRatio.toFixed(3).padStart(16)}`);
});
if (failed) process.exitCode = 1;
