// Training and forward-pass throughput (plain script: `pnpm --filter @maxent/trainer bench`).
// Headline: Adam steps per second at N = 1000, K = P = 4 (select), batch 128; the
// target is >= 1000 steps/s (a straightforward NumPy Adam step does about 680).
// Every task checks that its result is finite, so the benchmark is also a smoke test.
import { Bench } from 'tinybench';
import { createRng } from '@maxent/core';
import { selectTask, type Network } from '@maxent/constraints';
import { createForwardWorkspace, forward, trainSteps } from '../src/index.js';
import { quick } from '#bench';
import { addRnnTasks, PYTORCH_TRIALS_PER_SECOND, rnnTrialsPerCpuSecond } from './rnn.js';
import { runLowRankBench } from './lowrank.js';

const K = 4;
const problem = { task: selectTask(K), nonlinearity: 'relu' as const, contextMean: 0, contextStd: 1, stimulusStd: 0.1 };

function assertFinite(value: number, what: string): void {
  if (!Number.isFinite(value)) throw new Error(`${what}: non-finite result ${value}`);
}

const bench = new Bench({ time: 2000, warmupTime: 300 });

for (const neurons of [200, 1000, 4000]) {
  for (const optimizer of ['adam', 'sgd'] as const) {
    if (optimizer === 'sgd' && neurons !== 1000) continue;
    // An unbounded budget: each `next()` is exactly one step (batch, forward, backward, update).
    const steps = trainSteps({ ...problem, neurons, batch: 128, optimizer, learningRate: optimizer === 'adam' ? 0.02 : 1, steps: 1e9, seed: 1 });
    bench.add(`train step ${optimizer} N=${neurons} K=${K} batch=128`, () => {
      const next = steps.next();
      if (next.done === true) throw new Error('training stopped');
      assertFinite(next.value.loss, 'loss');
    });
  }
}

for (const nonlinearity of ['relu', 'tanh'] as const) {
  const neurons = 1000;
  const B = 1024;
  const rng = createRng(2);
  const normals = (length: number, scale = 1) => Float64Array.from({ length }, () => scale * rng.normal());
  const network: Network = { nonlinearity, neurons, stimuli: K, contexts: K, u: normals(neurons * K), v: normals(neurons * K), w: normals(neurons), task: selectTask(K) };
  const stimuli = { rows: B, cols: K, data: normals(B * K, 0.1) };
  const contexts = Int32Array.from({ length: B }, (_, b) => b % K);
  const out = new Float64Array(B);
  const workspace = createForwardWorkspace(B);
  bench.add(`forward ${nonlinearity} N=${neurons} K=${K} trials=${B}`, () => {
    forward(network, stimuli, contexts, out, workspace);
    assertFinite(out[B - 1], 'output');
  });
}

addRnnTasks(bench);

await bench.run();

const rows = bench.tasks.map((task) => {
  const result = task.result;
  if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
  const perSecond = result.throughput.mean;
  const trials = /trials=(\d+)/.exec(task.name);
  const neurons = Number(/N=(\d+)/.exec(task.name)?.[1]);
  return {
    task: task.name,
    'ops/s': Math.round(perSecond),
    'mean ms': result.latency.mean.toFixed(3),
    '±%': result.latency.rme.toFixed(1),
    'neuron-trials/s': trials === null || task.name.startsWith('rnn') ? '' : (perSecond * Number(trials[1]) * neurons).toExponential(2),
    // RNN steps: trials/s and the ratio to PyTorch float64 (bench/rnn.ts).
    'trials/s': task.name.startsWith('rnn') ? Math.round(perSecond * Number(trials?.[1])) : '',
    'x PyTorch': task.name.startsWith('rnn') ? (perSecond * Number(trials?.[1]) / PYTORCH_TRIALS_PER_SECOND[task.name.split(' ')[2]]).toFixed(2) : '',
  };
});
console.table(rows);

// RNN steps per CPU second as well (bench/rnn.ts): robust to other load on the machine.
if (!quick) {
  for (const regularizer of ['l1', 'sernn'] as const) {
    const rate = rnnTrialsPerCpuSecond(regularizer, 20);
    console.log(`rnn ${regularizer}: ${Math.round(rate)} trials per CPU second, ${(rate / PYTORCH_TRIALS_PER_SECOND[regularizer]).toFixed(2)} x PyTorch float64`);
  }
}
await runLowRankBench();
