import { z } from 'zod';
import { DEFAULT_SEED } from '@maxent/core';
import { parseWithSchema } from '@maxent/constraints';
import { COMMUNICABILITY_GRADIENTS, REGULARIZERS } from './penalty.js';
import { problemAnswer, rnnTaskSchema } from './task.js';

/**
 * Settings of RNN training (model.md §12), each with the original's default:
 * 100 units on a 5 x 5 x 4 grid, Adam (Keras form, lr 1e-3, betas 0.9/0.999,
 * epsilon 1e-7), epochs of 5120 trials in batches of 128, 10 epochs, a fixed
 * test set of 2560 noisy trials.
 */
export const RNN_DEFAULTS = Object.freeze({
  regularizer: 'none' as (typeof REGULARIZERS)[number],
  gamma: 0,
  communicabilityGradient: 'frechet' as (typeof COMMUNICABILITY_GRADIENTS)[number],
  grid: Object.freeze([5, 5, 4]) as readonly number[],
  epochs: 10,
  trialsPerEpoch: 5120,
  batch: 128,
  learningRate: 1e-3,
  beta1: 0.9,
  beta2: 0.999,
  epsilon: 1e-7,
  testTrials: 2560,
  /** Seed of the test set: fixed, the same for every network whatever its training seed. */
  testSeed: 0 as number | string,
  seed: DEFAULT_SEED as number | string,
});

const integer = (what: string) => z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` }).positive({ error: `must be ${what}` });
const finiteNonNegative = z
  .number({ error: 'must be a finite number >= 0' })
  .nonnegative({ error: 'must be a finite number >= 0' })
  .finite({ error: 'must be a finite number >= 0' });
const positive = z.number({ error: 'must be a positive finite number' }).positive({ error: 'must be a positive finite number' }).finite({ error: 'must be a positive finite number' });
const unitInterval = z.number({ error: 'must be a number in [0, 1)' }).min(0, { error: 'must be a number in [0, 1)' }).lt(1, { error: 'must be a number in [0, 1)' });
const seed = z.union([z.number().int(), z.string()], { error: 'must be an integer or a string' });

export const rnnSettingsSchema = z.strictObject({
  regularizer: z.enum(REGULARIZERS, { error: `must be one of ${REGULARIZERS.join(', ')}` }).default(RNN_DEFAULTS.regularizer),
  /** Strength of the penalty: L = L_task + gamma * L_constraint. */
  gamma: finiteNonNegative.default(RNN_DEFAULTS.gamma),
  communicabilityGradient: z
    .enum(COMMUNICABILITY_GRADIENTS, { error: `must be one of ${COMMUNICABILITY_GRADIENTS.join(', ')}` })
    .default(RNN_DEFAULTS.communicabilityGradient),
  /** Grid the units sit on; units = the product of the sizes. */
  grid: z.array(integer('an integer >= 1'), { error: 'must be a list of grid sizes' }).min(1, { error: 'must hold at least one size' }).default(() => [...RNN_DEFAULTS.grid]),
  epochs: z.number({ error: 'must be an integer >= 0' }).int({ error: 'must be an integer >= 0' }).nonnegative({ error: 'must be an integer >= 0' }).default(RNN_DEFAULTS.epochs),
  trialsPerEpoch: integer('an integer >= 1').default(RNN_DEFAULTS.trialsPerEpoch),
  batch: integer('an integer >= 1').default(RNN_DEFAULTS.batch),
  learningRate: positive.default(RNN_DEFAULTS.learningRate),
  beta1: unitInterval.default(RNN_DEFAULTS.beta1),
  beta2: unitInterval.default(RNN_DEFAULTS.beta2),
  epsilon: positive.default(RNN_DEFAULTS.epsilon),
  testTrials: integer('an integer >= 1').default(RNN_DEFAULTS.testTrials),
  testSeed: seed.default(RNN_DEFAULTS.testSeed),
  seed: seed.default(RNN_DEFAULTS.seed),
  task: rnnTaskSchema.default(() => rnnTaskSchema.parse({})),
});

export type RnnSettings = z.input<typeof rnnSettingsSchema>;
export type ResolvedRnnSettings = z.output<typeof rnnSettingsSchema>;

/** Validates RNN settings, fills defaults, and checks that every problem has an answer; errors name the field. */
export function resolveRnnSettings(input: unknown = {}, options: { fieldPrefix?: string } = {}): ResolvedRnnSettings {
  const resolved = parseWithSchema(rnnSettingsSchema, input ?? {}, options);
  const prefix = options.fieldPrefix === undefined || options.fieldPrefix === '' ? '' : `${options.fieldPrefix}.`;
  resolved.task.problems.forEach((problem, index) => problemAnswer(problem, `${prefix}task.problems.${index}`));
  return resolved;
}

/** Units of a grid. */
export function gridUnits(grid: readonly number[]): number {
  return grid.reduce((product, size) => product * size, 1);
}
