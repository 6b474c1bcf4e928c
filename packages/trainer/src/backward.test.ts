import { describe, expect, it } from 'vitest';
import { createRng, fromRows } from '@maxent/core';
import { NONLINEARITY_NAMES, type Network, type NonlinearityName } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { backward } from './backward.js';
import { createTaskBatch, drawTaskBatch, type TaskBatch } from './batches.js';
import { createActivations, forward, forwardTraining } from './forward.js';
import { createParameterBuffer, type ParameterBuffer } from './initialization.js';

// P = 2 and 3 take the fused (padded) relu path of backward.ts (P <= 4); P = 6 the general one.
const narrow = fromRows([[1, 0, 0], [0, 1, 0], [0.5, 0, -1]]);
const wide = fromRows([[1, 0, 0, 0, 0, 0.5], [0, 1, 0, 0, -1, 0], [0, 0, 0, 1, 0, 0]]);
const pair = fromRows([[1, 0], [0, 1], [1, -1]]);
let task = narrow;
const N = 5;
const B = 17;
const weightDecay = 0.3;

function setup(name: NonlinearityName, seed: number) {
  const parameters = createParameterBuffer(N, task.cols, 3);
  const rng = createRng(seed);
  for (let t = 0; t < parameters.all.length; t++) parameters.all[t] = rng.normal();
  const P = task.cols;
  const network: Network = { nonlinearity: name, neurons: N, stimuli: P, contexts: 3, u: parameters.u, v: parameters.v, w: parameters.w, task };
  const batch = drawTaskBatch(createTaskBatch(task, B), task, 1, createRng(seed + 100));
  return { parameters, network, batch };
}

/** The objective of backward.ts evaluated with `forward` only (an independent route). */
function objective(network: Network, parameters: ParameterBuffer, batch: TaskBatch): number {
  const z = forward(network, { rows: B, cols: network.stimuli, data: batch.stimulus }, batch.context);
  let loss = 0;
  for (let b = 0; b < B; b++) loss += (z[b] - batch.target[b]) ** 2 / B;
  let penalty = 0;
  for (const x of parameters.u) penalty += x * x;
  for (const x of parameters.w) penalty += x * x;
  return loss + (weightDecay / (2 * N)) * penalty;
}

/** Smallest |h_ib| over the batch: relu is differentiable where it is away from 0. */
function smallestPreactivation(network: Network, batch: TaskBatch): number {
  let smallest = Infinity;
  for (let i = 0; i < N; i++) {
    for (let b = 0; b < B; b++) {
      const P = network.stimuli;
      let h = network.v[i * 3 + batch.context[b]];
      for (let j = 0; j < P; j++) h += network.u[i * P + j] * batch.stimulus[b * P + j];
      smallest = Math.min(smallest, Math.abs(h));
    }
  }
  return smallest;
}

describe('backward: per-neuron gradient N dL/dtheta against central finite differences', () => {
  it.each(NONLINEARITY_NAMES.flatMap((name) => [[name, 2], [name, 3], [name, 6]] as const))('%s, P = %i: every entry of u, v and w', (name, P) => {
    task = P === 2 ? pair : P === 3 ? narrow : wide;
    const { parameters, network, batch } = setup(name, 11);
    const step = 1e-6;
    // relu: finite differences are valid only at smooth points; this seed keeps every
    // pre-activation at least 1e-3 from the kink, far beyond the step.
    if (name === 'relu') expect(smallestPreactivation(network, batch)).toBeGreaterThan(1e-3);
    const activations = createActivations(N, B);
    forwardTraining(network, batch, activations);
    const gradient = createParameterBuffer(N, P, 3);
    const loss = backward(network, batch, activations, weightDecay, gradient);
    const penalty = objective(network, parameters, batch) - loss;
    expect(penalty).toBeGreaterThan(0);

    for (const block of ['u', 'v', 'w'] as const) {
      const values = parameters[block];
      const numeric = Array.from(values, (_, t) => {
        const saved = values[t];
        values[t] = saved + step;
        const plus = objective(network, parameters, batch);
        values[t] = saved - step;
        const minus = objective(network, parameters, batch);
        values[t] = saved;
        return (N * (plus - minus)) / (2 * step);
      });
      expectAllClose(gradient[block], numeric, { rtol: 1e-6, atol: 1e-8 });
    }
  });

  it('returns the minibatch MSE without the penalty', () => {
    task = narrow;
    const { network, batch } = setup('tanh', 2);
    const activations = createActivations(N, B);
    forwardTraining(network, batch, activations);
    const z = forward(network, { rows: B, cols: 3, data: batch.stimulus }, batch.context);
    const mse = z.reduce((sum, zb, b) => sum + (zb - batch.target[b]) ** 2, 0) / B;
    expectAllClose(backward(network, batch, activations, 5, createParameterBuffer(N, 3, 3)), mse, { rtol: 1e-12 });
  });

  it('mean-field scaling: duplicating every neuron leaves each neuron\'s gradient unchanged', () => {
    // The duplicated network (2N neurons, each twice) computes the same z; with the
    // 1/N readout and the N-scaled gradient, each copy gets the original neuron's
    // gradient, so training dynamics do not depend on N (model.md §10).
    task = narrow;
    const { parameters, network, batch } = setup('softplus', 4);
    const doubled = createParameterBuffer(2 * N, 3, 3);
    for (let i = 0; i < 2 * N; i++) {
      const source = i % N;
      doubled.u.set(parameters.u.subarray(source * 3, source * 3 + 3), i * 3);
      doubled.v.set(parameters.v.subarray(source * 3, source * 3 + 3), i * 3);
      doubled.w[i] = parameters.w[source];
    }
    const big: Network = { ...network, neurons: 2 * N, u: doubled.u, v: doubled.v, w: doubled.w };
    const small = createParameterBuffer(N, 3, 3);
    const large = createParameterBuffer(2 * N, 3, 3);
    const activationsSmall = createActivations(N, B);
    forwardTraining(network, batch, activationsSmall);
    const lossSmall = backward(network, batch, activationsSmall, weightDecay, small);
    const activationsLarge = createActivations(2 * N, B);
    forwardTraining(big, batch, activationsLarge);
    const lossLarge = backward(big, batch, activationsLarge, weightDecay, large);
    expectAllClose(lossLarge, lossSmall, { rtol: 1e-12 });
    expectAllClose(large.u.subarray(N * 3), small.u, { rtol: 1e-10, atol: 1e-14 });
    expectAllClose(large.v.subarray(0, N * 3), small.v, { rtol: 1e-10, atol: 1e-14 });
    expectAllClose(large.w.subarray(N), small.w, { rtol: 1e-10, atol: 1e-14 });
  });
});
