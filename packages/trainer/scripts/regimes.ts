// Regenerates the "Rich and lazy regimes, measured" and "N-independence, measured"
// notes of this package's README: `npx tsx scripts/regimes.ts` from packages/trainer.
import { createRng } from '@maxent/core';
import { parseConfig } from '@maxent/constraints';
import { evaluateNetwork, train, trainingProblemFromConfig } from '@maxent/trainer';

const problemOf = (contexts: number) => trainingProblemFromConfig(parseConfig({ task: { name: 'select', contexts } }));

console.log('| K | initScale | R^2 | R^2 linearised | u moved | v moved | w moved | all |');
console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
for (const [contexts, initScale] of [[2, 0.05], [2, 0.3], [2, 1], [2, 2], [3, 0.05], [3, 2]] as const) {
  const result = train({ ...problemOf(contexts), neurons: 200, initScale, seed: 7 });
  // Fresh stimuli from their own stream (seed 7 of the evaluation), 1000 per context.
  const fit = evaluateNetwork(result.network, { trials: 1000, stimulusStd: 0.1, rng: createRng(7) });
  const change = result.relativeChange;
  const moved = [change.u, change.v, change.w, change.all].map((x) => x.toPrecision(3));
  console.log(`| ${contexts} | ${initScale} | ${fit.r2.toFixed(4)} | ${fit.linearized.r2.toFixed(4)} | ${moved.join(' | ')} |`);
}

const moved: string[] = [];
const losses: string[] = [];
for (const neurons of [100, 400, 1600]) {
  const result = train({ ...problemOf(3), neurons, initScale: 0.05, optimizer: 'sgd', learningRate: 1, steps: 300, seed: 7 });
  moved.push(result.relativeChange.u.toFixed(2));
  const at200 = result.history.find((point) => point.step >= 200);
  losses.push(at200 === undefined ? 'n/a' : at200.loss.toExponential(1));
}
console.log(`N = 100, 400, 1600: u moves by ${moved.join(', ')}; loss at step 200: ${losses.join(', ')}`);
