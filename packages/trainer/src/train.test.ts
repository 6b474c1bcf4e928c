import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError } from '@maxent/core';
import { selectTask } from '@maxent/constraints';
import { evaluateNetwork } from './evaluate.js';
import { parseTrainingSettings, TRAINING_DEFAULTS, type TrainingProblem } from './settings.js';
import { HISTORY_POINTS, train, trainSteps, type TrainingResult, type TrainingStep } from './train.js';

const problem = (contexts: number, stimulusStd = 0.1): TrainingProblem => ({
  task: selectTask(contexts),
  nonlinearity: 'relu',
  contextMean: 0,
  contextStd: 1,
  stimulusStd,
});

const bytes = (values: Float64Array) => Buffer.from(values.buffer, values.byteOffset, values.byteLength);

describe('train: rich and lazy regimes (model.md §10), N = 200, default Adam settings', () => {
  // One run per (K, regime), shared by the tests below.
  const runs = new Map<string, TrainingResult>();
  const run = (K: number, initScale: number) => {
    const key = `${K}/${initScale}`;
    if (!runs.has(key)) runs.set(key, train({ ...problem(K), neurons: 200, initScale, seed: 7 }));
    return runs.get(key)!;
  };

  it.each([
    [2, 0.05],
    [2, 2],
    [3, 0.05],
    [3, 2],
  ])('K = %i, initScale %f: R^2 > 0.99 on fresh stimuli (evaluateNetwork)', (K, initScale) => {
    const result = run(K, initScale);
    expect(result.stoppedBy).toBe('steps');
    expect(result.steps).toBe(TRAINING_DEFAULTS.steps);
    // Fresh stimuli from a stream unrelated to training's.
    const evaluation = evaluateNetwork(result.network, { trials: 1000, stimulusStd: 0.1, rng: createRng('fresh') });
    expect(evaluation.r2).toBeGreaterThan(0.99);
    for (const fit of evaluation.perContext) expect(fit.r2).toBeGreaterThan(0.99);
    // The loss went down by orders of magnitude from its first recorded value.
    expect(result.finalLoss).toBeLessThan(result.history[0].loss / 100);
  });

  it.each([2, 3])('K = %i: the lazy regime moves weights little, the rich regime a lot', (K) => {
    const rich = run(K, 0.05).relativeChange;
    const lazy = run(K, 2).relativeChange;
    // Measured (seed 7): rich u ~ 32, w ~ 20, all ~ 1.7; lazy u ~ 0.3, w ~ 0.25, all ~ 0.3.
    expect(rich.u).toBeGreaterThan(10);
    expect(rich.w).toBeGreaterThan(10);
    expect(lazy.u).toBeLessThan(1);
    expect(lazy.w).toBeLessThan(1);
    expect(rich.u).toBeGreaterThan(30 * lazy.u);
    expect(rich.all).toBeGreaterThan(3 * lazy.all);
  });
});

describe('train: mean-field parametrisation (model.md §10)', () => {
  it('the training dynamics do not depend on N: the rich-regime weight change agrees at N = 100 and N = 800', () => {
    // Exact per-step invariance is tested in backward.test.ts (duplicated neurons);
    // here whole runs with different random neurons. Measured: u moves by 19.96 (N = 100),
    // 20.18 (400), 19.90 (1600) times its initial norm; without the N-scaled
    // learning rate the N = 800 run would move 8 times less per neuron.
    const settings = { ...problem(3), initScale: 0.05, optimizer: 'sgd' as const, learningRate: 1, steps: 300, seed: 7 };
    const small = train({ ...settings, neurons: 100 });
    const large = train({ ...settings, neurons: 800 });
    expect(Math.abs(large.relativeChange.u / small.relativeChange.u - 1)).toBeLessThan(0.1);
    expect(Math.abs(large.relativeChange.w / small.relativeChange.w - 1)).toBeLessThan(0.1);
    expect(large.finalLoss).toBeLessThan(1e-4);
    expect(small.finalLoss).toBeLessThan(1e-4);
  });
});

describe('train: mechanics', () => {
  const small = { ...problem(2), neurons: 30, steps: 40, batch: 16 };

  it('same seed, same weights byte for byte; another seed differs', () => {
    const a = train({ ...small, seed: 3 });
    const b = train({ ...small, seed: 3 });
    const c = train({ ...small, seed: 4 });
    for (const block of ['u', 'v', 'w'] as const) {
      expect(bytes(a.network[block]).equals(bytes(b.network[block]))).toBe(true);
      expect(bytes(a.network[block]).equals(bytes(c.network[block]))).toBe(false);
    }
    expect(a.history).toEqual(b.history);
  });

  it('the generator yields every step and returns what train returns', () => {
    const steps = trainSteps({ ...small, seed: 5 });
    const seen: number[] = [];
    let next = steps.next();
    while (next.done !== true) {
      seen.push(next.value.step);
      next = steps.next();
    }
    expect(seen).toEqual(Array.from({ length: 40 }, (_, t) => t + 1));
    const drained = train({ ...small, seed: 5 });
    expect(bytes(next.value.network.u).equals(bytes(drained.network.u))).toBe(true);
    expect(next.value.finalLoss).toBe(drained.finalLoss);
  });

  it('reports progress every step and stops on abort with the signal reason', () => {
    const controller = new AbortController();
    const progress: number[] = [];
    const losses: number[] = [];
    expect(() =>
      train({ ...small, seed: 1 }, {
        signal: controller.signal,
        onProgress: ({ done, total, loss }) => {
          expect(total).toBe(small.steps);
          losses.push(loss);
          progress.push(done);
          if (done === 5) controller.abort(new Error('stop here'));
        },
      }),
    ).toThrow('stop here');
    expect(progress).toEqual([1, 2, 3, 4, 5]);
    // The losses reported are the ones the generator yields for the same steps.
    const steps = trainSteps({ ...small, seed: 1 });
    expect(losses).toEqual(Array.from({ length: 5 }, () => (steps.next().value as TrainingStep).loss));
    expect(() => train(small, { signal: AbortSignal.abort() })).toThrow();
  });

  it('stops at the loss tolerance', () => {
    const result = train({ ...problem(2), neurons: 100, steps: 2000, lossTolerance: 1e-4, seed: 2 });
    expect(result.stoppedBy).toBe('lossTolerance');
    expect(result.steps).toBeLessThan(2000);
    expect(result.finalLoss).toBeLessThanOrEqual(1e-4);
    expect(result.history.at(-1)?.step).toBe(result.steps);
  });

  it('keeps at most about HISTORY_POINTS history points, ending at the last step', () => {
    const result = train({ ...small, steps: 1001, seed: 1 });
    expect(result.history.length).toBeLessThanOrEqual(HISTORY_POINTS + 1);
    expect(result.history.at(-1)?.step).toBe(1001);
    const steps = result.history.map((point) => point.step);
    expect([...steps].sort((x, y) => x - y)).toEqual(steps);
  });

  it('SGD with momentum also solves the task (lr 1, mean-field scale)', () => {
    const result = train({ ...problem(2), optimizer: 'sgd', learningRate: 1, momentum: 0.9, initScale: 0.05, neurons: 100, seed: 1 });
    const evaluation = evaluateNetwork(result.network, { rng: createRng(1) });
    expect(evaluation.r2).toBeGreaterThan(0.99);
  });

  it('reports divergence instead of returning silently', () => {
    const result = train({ ...small, optimizer: 'sgd', learningRate: 1e4, seed: 1 });
    expect(result.stoppedBy).toBe('diverged');
    expect(result.steps).toBeLessThan(40);
  });

  it('weight decay shrinks u and w', () => {
    const norm = (values: Float64Array) => Math.hypot(...values);
    const free = train({ ...small, neurons: 50, steps: 300, initScale: 1, seed: 9 });
    const decayed = train({ ...small, neurons: 50, steps: 300, initScale: 1, weightDecay: 1, seed: 9 });
    expect(norm(decayed.network.u)).toBeLessThan(0.7 * norm(free.network.u));
    expect(norm(decayed.network.w)).toBeLessThan(0.7 * norm(free.network.w));
  });
});

describe('training settings', () => {
  it('fills in the defaults', () => {
    expect(parseTrainingSettings({})).toEqual(TRAINING_DEFAULTS);
    expect(Object.isFrozen(TRAINING_DEFAULTS)).toBe(true);
  });

  it.each([
    [{ learningRate: -0.1 }, 'invalid `learningRate`: must be a positive finite number, got -0.1'],
    [{ neurons: 0 }, 'invalid `neurons`: must be an integer >= 1, got 0'],
    [{ optimizer: 'rmsprop' }, 'invalid `optimizer`: must be one of sgd, adam, got "rmsprop"'],
    [{ momentum: 1 }, 'invalid `momentum`: must be a number in [0, 1), got 1'],
    [{ batch: 2.5 }, 'invalid `batch`: must be an integer >= 1, got 2.5'],
    [{ lossTolerance: -1 }, 'invalid `lossTolerance`: must be a finite number >= 0, got -1'],
    [{ learningRat: 0.1 }, /unknown key `learningRat` \(did you mean `learningRate`\?\)/],
  ])('rejects %j naming the field', (input, message) => {
    expect(() => parseTrainingSettings(input)).toThrow(InvalidInputError);
    expect(() => parseTrainingSettings(input)).toThrow(message);
  });

  it('train validates the problem too', () => {
    expect(() => train({ ...problem(2), stimulusStd: 0 })).toThrow('invalid `stimulusStd`');
    expect(() => train({ ...problem(2), contextStd: -1 })).toThrow('invalid `contextStd`');
    expect(() => train({ ...problem(2), neurons: 0 })).toThrow('invalid `neurons`');
  });
});
