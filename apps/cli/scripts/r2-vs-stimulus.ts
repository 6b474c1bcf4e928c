// Measures R^2 of sampled max-ent networks against the stimulus spread (model.md §9),
// for the table in packages/sampler/README.md. K = 3 select task, relu, sigma = 1,
// N = 2e4 neurons drawn exactly; each row averages 3 network seeds, each evaluated on
// 2000 stimuli per context. Run from the repository root:
//
//   npx tsx --conditions=development apps/cli/scripts/r2-vs-stimulus.ts
import { createRng } from '@maxent/core';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solve } from '@maxent/solver';
import { sampleExactNeurons } from '@maxent/sampler';
import { evaluateNetwork } from '@maxent/trainer';

const STIMULUS_STDS = [0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 1];
const SEEDS = [1, 2, 3];
const NEURONS = 20_000;
const TRIALS = 2000;

const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 }, nonlinearity: 'relu', weightScale: 1 }));
const solution = solve(problem);
if (!solution.converged) throw new Error(`solve did not converge: ${solution.message}`);
const networks = SEEDS.map((seed) => sampleExactNeurons(solution, { neurons: NEURONS, seed }));

const meanSd = (values: number[]) => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1));
  return `${mean.toFixed(4)} ± ${sd.toFixed(4)}`;
};

console.log('| stimulusStd | R^2 (network) | R^2 (linearised) |');
console.log('|---:|---:|---:|');
for (const stimulusStd of STIMULUS_STDS) {
  const evaluations = networks.map((network, n) =>
    evaluateNetwork(network, { trials: TRIALS, stimulusStd, rng: createRng(`r2-table/${stimulusStd}/${n}`) }),
  );
  console.log(`| ${stimulusStd} | ${meanSd(evaluations.map((e) => e.r2))} | ${meanSd(evaluations.map((e) => e.linearized.r2))} |`);
}
