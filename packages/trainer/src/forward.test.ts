import { describe, expect, it } from 'vitest';
import { createRng, fromRows, InvalidInputError, type Mat } from '@maxent/core';
import { NONLINEARITY_NAMES, nonlinearities, type Network } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { createTaskBatch, drawTaskBatch } from './batches.js';
import { createActivations, forward, forwardTraining } from './forward.js';
import { randomNetwork } from '../test/networks.js';

// Reference: model.md §2 written out neuron by neuron with the scalar
// nonlinearities of @maxent/constraints (a separate implementation).
function naiveForward(network: Network, stimuli: Mat, contexts: readonly number[]): number[] {
  const phi = nonlinearities[network.nonlinearity].value;
  return contexts.map((k, b) => {
    let z = 0;
    for (let i = 0; i < network.neurons; i++) {
      let h = network.v[i * network.contexts + k];
      for (let j = 0; j < network.stimuli; j++) h += network.u[i * network.stimuli + j] * stimuli.data[b * stimuli.cols + j];
      z += network.w[i] * phi(h);
    }
    return z / network.neurons;
  });
}

const task = fromRows([[1, 0, 0], [0, 1, 0], [0.5, 0, -1]]);

describe('forward', () => {
  it.each(NONLINEARITY_NAMES)('matches a naive per-neuron loop (%s)', (name) => {
    const network = randomNetwork(name, { neurons: 11, task });
    const rng = createRng(5);
    const B = 9;
    const stimuli: Mat = { rows: B, cols: 3, data: Float64Array.from({ length: B * 3 }, () => rng.normal()) };
    const contexts = [2, 0, 1, 1, 0, 2, 2, 1, 0];
    expectAllClose(forward(network, stimuli, contexts), naiveForward(network, stimuli, contexts), { rtol: 1e-12, atol: 1e-14 });
  });

  // P = 1, 2, 3 exercise the padded fused relu kernel (P <= 4), P = 5 the general path.
  const single = fromRows([[1], [0], [-1]]);
  const pair = fromRows([[1, 0], [0, 1], [1, 1]]);
  const wide = fromRows([[1, 0, 0, 0, 0], [0, 1, 0, 0, 0], [0.5, 0, -1, 0, 2]]);
  it.each(NONLINEARITY_NAMES.flatMap((name) => [[name, 1, single], [name, 2, pair], [name, 3, task], [name, 5, wide]] as const))('training pass agrees with forward and keeps x and phi\'(h) (%s, P = %i)', (name, P, task) => {
    const network = randomNetwork(name, { neurons: 6, task });
    const batch = drawTaskBatch(createTaskBatch(task, 13), task, 0.7, createRng(2));
    const activations = createActivations(6, 13);
    forwardTraining(network, batch, activations);
    const contexts = Array.from(batch.context);
    const stimuli = { rows: 13, cols: P, data: batch.stimulus };
    expectAllClose(activations.output, naiveForward(network, stimuli, contexts), { rtol: 1e-12, atol: 1e-14 });
    const phi = nonlinearities[name];
    for (let i = 0; i < 6; i++) {
      for (let b = 0; b < 13; b++) {
        let h = network.v[i * 3 + contexts[b]];
        for (let j = 0; j < P; j++) h += network.u[i * P + j] * batch.stimulus[b * P + j];
        expectAllClose(activations.activity[i * 13 + b], phi.value(h), { rtol: 1e-12, atol: 1e-15 });
        // relu keeps no gain row: its gain is 1[x > 0], read off the activity.
        const gain = name === 'relu' ? Number(activations.activity[i * 13 + b] > 0) : activations.gain[i * 13 + b];
        expectAllClose(gain, phi.derivative(h), { rtol: 1e-12, atol: 1e-15 });
      }
    }
  });

  it('reuses the out buffer and rejects mismatched shapes', () => {
    const network = randomNetwork('relu', { task });
    const stimuli: Mat = { rows: 2, cols: 3, data: new Float64Array(6) };
    const out = new Float64Array(2);
    expect(forward(network, stimuli, [0, 1], out)).toBe(out);
    expect(() => forward(network, { rows: 2, cols: 2, data: new Float64Array(4) }, [0, 1])).toThrow(InvalidInputError);
    expect(() => forward(network, stimuli, [0])).toThrow(/contexts/);
    expect(() => forward(network, stimuli, [0, 3])).toThrow(/contexts\[1\]/);
  });
});

describe('task batches', () => {
  it('targets are A[k] . s, contexts sorted with consistent segments', () => {
    const batch = drawTaskBatch(createTaskBatch(task, 50), task, 1, createRng(3));
    for (let b = 0; b < 50; b++) {
      const k = batch.context[b];
      expect(b >= batch.contextStart[k] && b < batch.contextStart[k + 1]).toBe(true);
      let y = 0;
      for (let j = 0; j < 3; j++) {
        y += task.data[k * 3 + j] * batch.stimulus[b * 3 + j];
        expect(batch.stimulusByFeature[j * 50 + b]).toBe(batch.stimulus[b * 3 + j]);
      }
      expect(batch.target[b]).toBe(y);
    }
    expect(batch.contextStart[3]).toBe(50);
  });

  it('contexts are uniform and stimuli have the requested spread (within 4 standard errors)', () => {
    const n = 20000;
    const batch = drawTaskBatch(createTaskBatch(task, n), task, 0.3, createRng(4));
    for (let k = 0; k < 3; k++) {
      const count = batch.contextStart[k + 1] - batch.contextStart[k];
      expect(Math.abs(count - n / 3)).toBeLessThan(4 * Math.sqrt((n * (1 / 3) * (2 / 3))));
    }
    let sumSquares = 0;
    for (const s of batch.stimulus) sumSquares += s * s;
    const variance = sumSquares / (3 * n);
    // Var of the sample variance of 3n normals: 2 sigma^4 / (3n).
    expect(Math.abs(variance - 0.09)).toBeLessThan(4 * Math.sqrt((2 * 0.09 ** 2) / (3 * n)));
  });
});
