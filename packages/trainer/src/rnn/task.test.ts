import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError } from '@maxent/core';
import { resolveRnnSettings } from './settings.js';
import { createTrialBatch, DEFAULT_PROBLEMS, drawTrials, MOVES, noiseFreeTrials, problemAnswer, RNN_INPUTS, trialSteps } from './task.js';

const task = resolveRnnSettings({}).task;

describe('the task of model.md §12', () => {
  it('answers every default problem with the closer option (checked by hand on the 3 x 3 grid)', () => {
    // (goal: options) -> answer, by counting grid moves: e.g. from the centre, "up" is
    // one cell from the upper-right corner, "left" is three cells (sqrt 5) away.
    const expected = ['up', 'right', 'down', 'down', 'left', 'up', 'right', 'left'];
    expect(DEFAULT_PROBLEMS.map((problem) => MOVES[problemAnswer(problem)])).toEqual(expected);
    for (const problem of DEFAULT_PROBLEMS) expect(problem.options).toContain(MOVES[problemAnswer(problem)]);
  });

  it('an option-only reader can get 5 of 8 problems: two option pairs occur in one problem each', () => {
    const pairs = new Map<string, number>();
    for (const problem of DEFAULT_PROBLEMS) {
      const key = [...problem.options].sort().join('+');
      pairs.set(key, (pairs.get(key) ?? 0) + 1);
    }
    const single = [...pairs.values()].filter((count) => count === 1).length;
    const shared = [...pairs.values()].filter((count) => count > 1).reduce((sum, count) => sum + count / 2, 0);
    expect((single + shared) / DEFAULT_PROBLEMS.length).toBe(0.625);
  });

  it('lays out the noise-free inputs as configured: goal, delay, options', () => {
    const custom = resolveRnnSettings({ task: { goalSteps: 3, delaySteps: 2, choiceSteps: 4 } }).task;
    const batch = noiseFreeTrials(custom);
    expect(batch.steps).toBe(9);
    expect(trialSteps(custom)).toBe(9);
    expect(batch.inputs.length).toBe(9 * 8 * RNN_INPUTS);
    const at = (t: number, trial: number) => Array.from(batch.inputs.subarray((t * batch.trials + trial) * RNN_INPUTS, (t * batch.trials + trial + 1) * RNN_INPUTS));
    // Problem 0: goal upper-right (channel 1), options up (5) and left (4).
    for (let t = 0; t < 3; t++) expect(at(t, 0)).toEqual([0, 1, 0, 0, 0, 0, 0, 0]);
    for (let t = 3; t < 5; t++) expect(at(t, 0)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    for (let t = 5; t < 9; t++) expect(at(t, 0)).toEqual([0, 0, 0, 0, 1, 1, 0, 0]);
    expect(Array.from(batch.labels)).toEqual([1, 2, 3, 3, 0, 1, 2, 0]);
  });

  it('adds seeded N(0, noiseStd^2) noise to every entry: same seed, same trials; the noise has the configured spread', () => {
    const first = createTrialBatch(task, 256);
    const second = createTrialBatch(task, 256);
    drawTrials(first, task, createRng('noise'));
    drawTrials(second, task, createRng('noise'));
    expect(first.inputs).toEqual(second.inputs);
    const other = createTrialBatch(task, 256);
    drawTrials(other, task, createRng('other'));
    expect(other.inputs).not.toEqual(first.inputs);
    // Residuals from the clean layout of each trial's problem.
    const clean = noiseFreeTrials(task);
    let sum = 0;
    let squares = 0;
    for (let t = 0; t < first.steps; t++) {
      for (let trial = 0; trial < first.trials; trial++) {
        const problem = first.problems[trial];
        for (let c = 0; c < RNN_INPUTS; c++) {
          const residual = first.inputs[(t * first.trials + trial) * RNN_INPUTS + c] - clean.inputs[(t * clean.trials + problem) * RNN_INPUTS + c];
          sum += residual;
          squares += residual * residual;
        }
      }
    }
    const count = first.inputs.length;
    const std = Math.sqrt(squares / count - (sum / count) ** 2);
    // 102400 draws: the sample std is within about 0.3% of 0.1 (1 sigma); 2% is a wide margin.
    expect(Math.abs(std - 0.1)).toBeLessThan(0.002);
    // Labels follow the problems.
    for (let trial = 0; trial < first.trials; trial++) expect(first.labels[trial]).toBe(clean.labels[first.problems[trial]]);
  });

  it('rejects a problem without an answer (options equally close), naming the field', () => {
    expect(() => resolveRnnSettings({ task: { problems: [{ goal: 'upper-right', options: ['left', 'down'] }] } })).toThrow(InvalidInputError);
    expect(() => resolveRnnSettings({ task: { problems: [{ goal: 'upper-right', options: ['left', 'down'] }] } })).toThrow(/invalid `task\.problems\.0`: the options left and down end equally close/);
    expect(() => resolveRnnSettings({ task: { goalSteps: 0 } })).toThrow(/invalid `task\.goalSteps`: must be an integer >= 1/);
    expect(() => resolveRnnSettings({ regularizer: 'l2' })).toThrow(/invalid `regularizer`: must be one of none, l1, space, comm, sernn/);
  });
});
