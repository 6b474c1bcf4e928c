import { describe, expect, it } from 'vitest';
import { createRng, fromRows, InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import { evaluateNetwork, linearize } from './evaluate.js';
import { forward } from './forward.js';
import { exactSelectNetwork, randomNetwork } from '../test/networks.js';
import type { Network } from '@maxent/constraints';

/**
 * The targets the evaluator sees, redrawn independently from the documented draw
 * order (context by context, trial by trial, feature by feature).
 */
function targetsOf(network: Network, trials: number, stimulusStd: number, seed: number): number[][] {
  const rng = createRng(seed);
  const { rows: K, cols: P, data: A } = network.task;
  return Array.from({ length: K }, (_, k) =>
    Array.from({ length: trials }, () => {
      let y = 0;
      for (let j = 0; j < P; j++) y += A[k * P + j] * stimulusStd * rng.normal();
      return y;
    }),
  );
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const sst = (values: number[]) => {
  const mean = sum(values) / values.length;
  return sum(values.map((y) => (y - mean) ** 2));
};

describe('evaluateNetwork', () => {
  it.each([2, 3])('a relu network that computes the select task exactly (K=%i) has R^2 = 1, MSE = 0', (K) => {
    const network = exactSelectNetwork(K);
    const evaluation = evaluateNetwork(network, { trials: 700, stimulusStd: 0.5, rng: createRng(1) });
    for (const fit of [evaluation, evaluation.linearized, ...evaluation.perContext, ...evaluation.linearized.perContext]) {
      expectAllClose(fit.r2, 1, { atol: 1e-13 });
      expect(fit.mse).toBeLessThan(1e-26);
    }
    const linear = linearize(network);
    expectAllClose(linear.gain.data, network.task.data, { atol: 1e-15 });
    expectAllClose(linear.offset, new Float64Array(K), { atol: 1e-15 });
  });

  it('a linear network with weights built so that z = A s gives R^2 = 1 (task with equal rows)', () => {
    // z = (1/N) sum_i w_i (u_i . s + v_ik): choose sum w_i u_i / N = a and sum w_i v_ik = 0.
    const network: Network = {
      nonlinearity: 'linear',
      neurons: 2,
      stimuli: 2,
      contexts: 2,
      u: Float64Array.from([1, 2, 3, 2]),
      v: Float64Array.from([1, -2, 2, -4]),
      w: Float64Array.from([2, -1]),
      task: fromRows([[-0.5, 1], [-0.5, 1]]),
    };
    const evaluation = evaluateNetwork(network, { trials: 300, rng: createRng(2) });
    expectAllClose([evaluation.r2, evaluation.linearized.r2], [1, 1], { atol: 1e-13 });
    expect(evaluation.mse).toBeLessThan(1e-28);
  });

  it('a constant offset c in z gives MSE = c^2 and R^2 = 1 - T c^2 / SST exactly', () => {
    const c = 0.03;
    const network = exactSelectNetwork(2, { offset: c });
    const trials = 500;
    const evaluation = evaluateNetwork(network, { trials, stimulusStd: 0.1, rng: createRng(7) });
    const targets = targetsOf(network, trials, 0.1, 7);
    for (const fit of [evaluation, evaluation.linearized]) {
      expectAllClose(fit.mse, c * c, { rtol: 1e-9 });
      fit.perContext.forEach(({ r2 }, k) => expectAllClose(r2, 1 - (trials * c * c) / sst(targets[k]), { rtol: 1e-9 }));
      expectAllClose(fit.r2, 1 - (2 * trials * c * c) / sst(targets.flat()), { rtol: 1e-9 });
    }
  });

  it('w = 0 gives z = 0, so MSE = mean y^2 and R^2 = -n ybar^2 / SST <= 0', () => {
    const base = randomNetwork('tanh', { neurons: 5, task: fromRows([[1, 0.5], [0, -2], [0.3, 0.3]]) });
    const network: Network = { ...base, w: new Float64Array(5) };
    const trials = 40;
    const evaluation = evaluateNetwork(network, { trials, stimulusStd: 0.2, rng: createRng(9) });
    const targets = targetsOf(network, trials, 0.2, 9);
    const predicted = (ys: number[]) => -(ys.length * (sum(ys) / ys.length) ** 2) / sst(ys);
    evaluation.perContext.forEach((fit, k) => {
      expectAllClose(fit.r2, predicted(targets[k]), { rtol: 1e-9, atol: 1e-15 });
      expectAllClose(fit.mse, sum(targets[k].map((y) => y * y)) / trials, { rtol: 1e-12 });
      expect(fit.r2).toBeLessThanOrEqual(0);
    });
    expectAllClose(evaluation.r2, predicted(targets.flat()), { rtol: 1e-9 });
    expect(evaluation.linearized.r2).toBe(evaluation.r2);
  });

  it('the linearised model is the first-order expansion of z around s = 0 (finite differences, tanh)', () => {
    const network = randomNetwork('tanh', { neurons: 9, task: fromRows([[1, 0], [0, 1], [1, 1]]), seed: 3 });
    const linear = linearize(network);
    const epsilon = 1e-5;
    for (let k = 0; k < 3; k++) {
      const zero = forward(network, { rows: 1, cols: 2, data: new Float64Array(2) }, [k]);
      expectAllClose(linear.offset[k], zero[0], { rtol: 1e-12 });
      for (let j = 0; j < 2; j++) {
        const plus = new Float64Array(2);
        plus[j] = epsilon;
        const minus = new Float64Array(2);
        minus[j] = -epsilon;
        const slope =
          (forward(network, { rows: 1, cols: 2, data: plus }, [k])[0] - forward(network, { rows: 1, cols: 2, data: minus }, [k])[0]) /
          (2 * epsilon);
        expectAllClose(linear.gain.data[k * 2 + j], slope, { rtol: 1e-7, atol: 1e-10 });
      }
    }
  });

  it('relu gates that flip make the real network worse than its linearisation', () => {
    // One pair per context with a gate of 0.05 but stimuli of std 0.5: the gates flip often.
    const network = exactSelectNetwork(2, { gate: 0.05 });
    const evaluation = evaluateNetwork(network, { trials: 400, stimulusStd: 0.5, rng: createRng(4) });
    expectAllClose(evaluation.linearized.r2, 1, { atol: 1e-12 });
    expect(evaluation.r2).toBeLessThan(0.9);
  });

  it('is reproducible from the seed and pools K*T trials', () => {
    const network = randomNetwork('softplus', { neurons: 20 });
    const a = evaluateNetwork(network, { trials: 1100, rng: createRng('x') });
    const b = evaluateNetwork(network, { trials: 1100, rng: createRng('x') });
    const c = evaluateNetwork(network, { trials: 1100, rng: createRng('y') });
    expect(a).toEqual(b);
    expect(a.r2).not.toBe(c.r2);
    expect(a.trials).toBe(1100);
    expectAllClose(a.mse, (a.perContext[0].mse + a.perContext[1].mse) / 2, { rtol: 1e-12 });
  });

  it('a context with a zero row of A has undefined R^2 (NaN)', () => {
    const network = randomNetwork('relu', { task: fromRows([[1, 0], [0, 0]]) });
    const evaluation = evaluateNetwork(network, { trials: 10, rng: createRng(1) });
    expect(evaluation.perContext[1].r2).toBeNaN();
    expect(Number.isFinite(evaluation.r2)).toBe(true);
  });

  it('rejects bad options naming the field', () => {
    const network = randomNetwork('relu');
    expect(() => evaluateNetwork(network, { trials: 1, rng: createRng(1) })).toThrow(InvalidInputError);
    expect(() => evaluateNetwork(network, { trials: 2.5, rng: createRng(1) })).toThrow(/`trials`/);
    expect(() => evaluateNetwork(network, { stimulusStd: -1, rng: createRng(1) })).toThrow(/`stimulusStd`/);
  });
});
