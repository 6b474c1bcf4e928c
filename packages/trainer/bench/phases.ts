// Where a training step spends its time: batch drawing, forward, backward and the
// optimiser timed separately, with the same seeds and the same call sequence as
// `trainSteps` (a diagnostic next to run.ts; `npx tsx bench/phases.ts [N] [adam|sgd]`).
// Each phase reports the best mean over blocks of 100 steps, so a busy machine
// inflates it less than a plain mean.
import { createRng, deriveSeed } from '@maxent/core';
import { selectTask } from '@maxent/constraints';
import { backward, createActivations, createOptimizer, createParameterBuffer, createTaskBatch, drawTaskBatch, forwardTraining, initializeParameters } from '../src/index.js';
import { networkOfParameters } from '../src/initialization.js';

const N = Number(process.argv[2] ?? 1000);
const optimizerName = process.argv[3] === 'sgd' ? 'sgd' : 'adam';
const K = 4;
const B = 128;
const task = selectTask(K);
const problem = { task, nonlinearity: 'relu' as const, contextMean: 0, contextStd: 1, stimulusStd: 0.1 };
const parameters = createParameterBuffer(N, K, K);
initializeParameters(parameters, problem, 1, createRng(deriveSeed(1, 'initialization')));
const gradient = createParameterBuffer(N, K, K);
const network = networkOfParameters(parameters, problem);
const batch = createTaskBatch(task, B);
const activations = createActivations(N, B);
const learningRate = optimizerName === 'adam' ? 0.02 : 1;
const optimizer = createOptimizer({ optimizer: optimizerName, learningRate, momentum: 0.9 }, parameters.all.length);
const rng = createRng(deriveSeed(1, 'batches'));

const names = ['batch', 'forward', 'backward', optimizerName, 'step'] as const;
const best = [Infinity, Infinity, Infinity, Infinity, Infinity];
const block = 100;
for (let blockIndex = 0; blockIndex < 40; blockIndex++) {
  const sums = [0, 0, 0, 0];
  for (let r = 0; r < block; r++) {
    const t0 = performance.now();
    drawTaskBatch(batch, task, problem.stimulusStd, rng);
    const t1 = performance.now();
    forwardTraining(network, batch, activations);
    const t2 = performance.now();
    const loss = backward(network, batch, activations, 0, gradient);
    const t3 = performance.now();
    optimizer.step(parameters.all, gradient.all);
    const t4 = performance.now();
    if (!Number.isFinite(loss)) throw new Error(`non-finite loss ${loss}`);
    sums[0] += t1 - t0;
    sums[1] += t2 - t1;
    sums[2] += t3 - t2;
    sums[3] += t4 - t3;
  }
  if (blockIndex < 5) continue; // warm-up: let V8 optimise every kernel
  sums.forEach((sum, p) => (best[p] = Math.min(best[p], sum / block)));
  best[4] = Math.min(best[4], (sums[0] + sums[1] + sums[2] + sums[3]) / block);
}
console.log(`N=${N} K=P=${K} batch=${B}, microseconds per step (best block of ${block}):`);
console.log(names.map((name, p) => `${name} ${(best[p] * 1000).toFixed(1)}`).join('  '));
