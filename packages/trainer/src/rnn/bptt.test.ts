import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { createFloat64Arena, expmFrechetScratchLength, type ProductKernel } from '@maxent/core/internal';
import { expectAllClose } from '#testing';
import { bpttWorkspaceLength, createBpttWorkspace, createEvaluationWorkspace, evaluateTrials, evaluationWorkspaceLength, taskLossAndGradient } from './bptt.js';
import { createRnnParameters, rnnParametersLength, type RnnParameters } from './network.js';
import { gridDistances } from './grid.js';
import { constraintAndGradient, REGULARIZERS } from './penalty.js';
import { resolveRnnSettings } from './settings.js';
import { createTrialBatch, drawTrials, RNN_CLASSES, RNN_INPUTS, trialBatchLength, type TrialBatch } from './task.js';

// A tiny network (6 units on a 3 x 2 grid) over 5-step trials (2 goal, 1 delay,
// 2 choice steps), with random weights large enough that the relu units are a
// mix of open and closed gates, and h = 1e-6 central differences.
const settings = resolveRnnSettings({ grid: [3, 2], task: { goalSteps: 2, delaySteps: 1, choiceSteps: 2, noiseStd: 0.3 } });
const units = 6;

/**
 * Parameters, gradient, a batch and both workspaces of `trials` trials in one
 * Float64Arena running `kernel`, as trainRnn lays them out (the SIMD kernels
 * then work in place), with random weights from `seed`.
 */
function setup(kernel: ProductKernel, seed: string, trials: number) {
  const shape = { units, classes: RNN_CLASSES };
  const steps = 5;
  const arena = createFloat64Arena(
    2 * rnnParametersLength(RNN_INPUTS, units, RNN_CLASSES) + trialBatchLength(settings.task, trials) + bpttWorkspaceLength(shape, trials, steps) + evaluationWorkspaceLength(shape, trials),
    kernel,
  );
  const p = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES, arena);
  const rng = createRng(seed);
  for (let index = 0; index < p.all.length; index++) p.all[index] = 0.6 * rng.normal();
  const gradient = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES, arena);
  const data: TrialBatch = createTrialBatch(settings.task, trials, arena);
  drawTrials(data, settings.task, createRng('bptt-trials'));
  const workspace = createBpttWorkspace(p, trials, steps, arena);
  const evaluation = createEvaluationWorkspace(p, trials, arena);
  return { p, gradient, data, workspace, evaluation };
}

describe.each(['simd', 'javascript'] as const)('taskLossAndGradient (BPTT), %s kernel', (kernel) => {
  it('has 5 steps and matches central finite differences of the task loss for every parameter', () => {
    const trials = 7;
    const { p, gradient, data, workspace, evaluation } = setup(kernel, 'bptt-weights', trials);
    expect(data.steps).toBe(5);
    expect(workspace.products.kernel).toBe(kernel);
    const outcome = taskLossAndGradient(p, data, workspace, gradient);
    // The forward-only route gives the same loss.
    expectAllClose(outcome.loss, evaluateTrials(p, data).loss, { rtol: 1e-13 });
    const h = 1e-6;
    const numeric = new Float64Array(p.all.length);
    for (let index = 0; index < p.all.length; index++) {
      const saved = p.all[index];
      p.all[index] = saved + h;
      const plus = evaluateTrials(p, data, evaluation).loss;
      p.all[index] = saved - h;
      const minus = evaluateTrials(p, data, evaluation).loss;
      p.all[index] = saved;
      numeric[index] = (plus - minus) / (2 * h);
    }
    expectAllClose(gradient.all, numeric, { rtol: 1e-5, atol: 1e-8 });
    // Not trivially zero: the recurrent block carries signal.
    expect(Math.max(...Array.from(gradient.w, Math.abs))).toBeGreaterThan(1e-3);
  });

  it('a small step along minus the gradient lowers the loss by t |g|^2 to first order', () => {
    const { p, gradient, data, workspace, evaluation } = setup(kernel, 'bptt-first-order', 5);
    const base = taskLossAndGradient(p, data, workspace, gradient).loss;
    const direction = Float64Array.from(gradient.all, (value) => -value);
    const t = 1e-4;
    for (let index = 0; index < p.all.length; index++) p.all[index] += t * direction[index];
    const moved = evaluateTrials(p, data, evaluation).loss;
    const predicted = base - t * gradient.all.reduce((sum, value) => sum + value * value, 0);
    expect(Math.abs(moved - predicted)).toBeLessThan(1e-3 * Math.abs(base - predicted));
  });
});

describe('taskLossAndGradient across kernels', () => {
  it('the SIMD kernel, the JavaScript kernel and plain arrays give the same bits (129 trials, past the 4 x 4 blocks)', () => {
    const runs = (['simd', 'javascript'] as const).map((kernel) => {
      const { p, gradient, data, workspace, evaluation } = setup(kernel, 'bptt-kernels', 129);
      const outcome = taskLossAndGradient(p, data, workspace, gradient);
      return { p, data, loss: outcome.loss, gradient: Array.from(gradient.all), evaluation: evaluateTrials(p, data, evaluation).loss };
    });
    const [simd, javascript] = runs;
    expect(simd.loss).toBe(javascript.loss);
    expect(simd.evaluation).toBe(javascript.evaluation);
    expect(simd.gradient).toEqual(javascript.gradient);
    // Plain arrays (no arena): the JavaScript products, the same bits again.
    const plain = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES);
    plain.all.set(simd.p.all);
    const plainGradient = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES);
    const plainBatch = { ...simd.data, inputs: Float64Array.from(simd.data.inputs) };
    expect(taskLossAndGradient(plain, plainBatch, createBpttWorkspace(plain, 129, 5), plainGradient).loss).toBe(simd.loss);
    expect(Array.from(plainGradient.all)).toEqual(simd.gradient);
  });

  it('rejects a workspace of another batch size', () => {
    const { p, gradient, data } = setup('javascript', 'bptt-sizes', 4);
    expect(() => taskLossAndGradient(p, data, createBpttWorkspace(p, 5, 5), gradient)).toThrow(/workspace is for 5 trials of 5 steps, the batch has 4 of 5/);
    expect(() => evaluateTrials(p, data, createEvaluationWorkspace(p, 3))).toThrow(/workspace is for 3 trials, the batch has 4/);
  });
});

describe('constraintAndGradient', () => {
  const distances = gridDistances([3, 2]);
  const rng = createRng('penalty-weights');
  // Entries away from 0, so no central difference crosses the kink of |w|; a zero row
  // exercises S^-1/2 = 0.
  const w = Float64Array.from({ length: units * units }, () => (rng.next() < 0.5 ? -1 : 1) * (0.05 + rng.next()));
  w.fill(0, 2 * units, 3 * units);

  it.each(REGULARIZERS.filter((name) => name !== 'none'))('%s: the gradient matches central finite differences of the penalty', (regularizer) => {
    const gamma = 0.7;
    const gradient = new Float64Array(units * units);
    const value = constraintAndGradient(regularizer, w, units, distances, gamma, gradient);
    expect(value).toBeGreaterThan(0);
    const h = 1e-6;
    const numeric = new Float64Array(units * units);
    for (let index = 0; index < w.length; index++) {
      if (w[index] === 0) continue;
      const copy = Float64Array.from(w);
      copy[index] += h;
      const plus = constraintAndGradient(regularizer, copy, units, distances, 0, null);
      copy[index] -= 2 * h;
      const minus = constraintAndGradient(regularizer, copy, units, distances, 0, null);
      numeric[index] = (gamma * (plus - minus)) / (2 * h);
    }
    expectAllClose(gradient, numeric, { rtol: 1e-6, atol: 1e-8 });
  });

  it.each(['comm', 'sernn'] as const)('%s: with a SIMD scratch arena, the same bits, and the scratch given back', (regularizer) => {
    const plain = new Float64Array(units * units);
    const value = constraintAndGradient(regularizer, w, units, distances, 0.7, plain);
    const scratch = createFloat64Arena(expmFrechetScratchLength(units), 'simd');
    for (let round = 0; round < 2; round++) {
      const viaScratch = new Float64Array(units * units);
      expect(constraintAndGradient(regularizer, w, units, distances, 0.7, viaScratch, 'frechet', scratch)).toBe(value);
      expect(Array.from(viaScratch)).toEqual(Array.from(plain));
      expect(scratch.mark()).toBe(0);
    }
  });

  it('none is zero; l1 and space are the sums of |W| and |W| . D', () => {
    expect(constraintAndGradient('none', w, units, distances, 1, null)).toBe(0);
    const l1 = w.reduce((sum, value) => sum + Math.abs(value), 0);
    expectAllClose(constraintAndGradient('l1', w, units, distances, 1, null), l1, { rtol: 1e-14 });
    const space = w.reduce((sum, value, index) => sum + Math.abs(value) * distances[index], 0);
    expectAllClose(constraintAndGradient('space', w, units, distances, 1, null), space, { rtol: 1e-14 });
  });

  it('`fixed` holds C fixed: its gradient is sign(W) . D . C and differs from the Fréchet gradient', () => {
    const frechet = new Float64Array(units * units);
    const fixed = new Float64Array(units * units);
    constraintAndGradient('sernn', w, units, distances, 1, frechet, 'frechet');
    constraintAndGradient('sernn', w, units, distances, 1, fixed, 'fixed');
    // Recover C from the comm value's derivative along one entry with C fixed: dP/d|w_ij| = C_ij.
    const commFixed = new Float64Array(units * units);
    constraintAndGradient('comm', w, units, distances, 1, commFixed, 'fixed');
    for (let index = 0; index < w.length; index++) expectAllClose(fixed[index], commFixed[index] * distances[index], { rtol: 1e-12, atol: 1e-15 });
    const difference = frechet.reduce((largest, value, index) => Math.max(largest, Math.abs(value - fixed[index])), 0);
    expect(difference).toBeGreaterThan(1e-3);
  });
});
