import { z } from 'zod';
import { DEFAULT_SEED, invalid, type Mat } from '@maxent/core';
import { NONLINEARITY_NAMES, parseWithSchema, taskMatrix, type MaxentConfig, type NonlinearityName } from '@maxent/constraints';

/** Optimisers of model.md §10. */
export const OPTIMIZER_NAMES = ['sgd', 'adam'] as const;
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/**
 * Defaults of the training hyperparameters, resolved once (style.md "API").
 *
 * Adam with learning rate 0.02 and 1000 steps of 128 trials trains the K = 2 and
 * K = 3 select tasks (stimulusStd 0.1, N = 200) to R^2 > 0.99 on fresh stimuli
 * from both initScale 0.05 (rich) and 2 (lazy) in about a second per run; see
 * the package README for the measurements. initScale 1 sits between the regimes.
 */
export const TRAINING_DEFAULTS = Object.freeze({
  neurons: 200,
  initScale: 1,
  weightDecay: 0,
  optimizer: 'adam' as OptimizerName,
  learningRate: 0.02,
  momentum: 0.9,
  steps: 1000,
  batch: 128,
  lossTolerance: 0,
  seed: DEFAULT_SEED as number | string,
});

const positiveNumber = (what = 'a positive finite number') =>
  z.number({ error: `must be ${what}` }).positive({ error: `must be ${what}` }).finite({ error: `must be ${what}` });
const nonNegativeNumber = (what = 'a finite number >= 0') =>
  z.number({ error: `must be ${what}` }).nonnegative({ error: `must be ${what}` }).finite({ error: `must be ${what}` });
const positiveInteger = (what = 'an integer >= 1') =>
  z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` }).positive({ error: `must be ${what}` });

/** The hyperparameters of `train` (model.md §10), each with its default. */
export const trainingSettingsSchema = z.strictObject({
  /** N hidden neurons. */
  neurons: positiveInteger().default(TRAINING_DEFAULTS.neurons),
  /** sigmaInit: u, w ~ N(0, initScale^2) at initialisation. Small = rich regime, large = lazy. */
  initScale: positiveNumber().default(TRAINING_DEFAULTS.initScale),
  /** L2 penalty on u and w (not v), per neuron: (weightDecay / 2N) sum_i (|u_i|^2 + w_i^2). */
  weightDecay: nonNegativeNumber().default(TRAINING_DEFAULTS.weightDecay),
  optimizer: z
    .enum(OPTIMIZER_NAMES, { error: `must be one of ${OPTIMIZER_NAMES.join(', ')}` })
    .default(TRAINING_DEFAULTS.optimizer),
  /** Step size of the mean-field parametrisation (the per-neuron gradient N dL/dtheta_i is O(1)). */
  learningRate: positiveNumber().default(TRAINING_DEFAULTS.learningRate),
  /** Momentum of SGD (heavy ball, PyTorch convention); ignored by Adam. In [0, 1). */
  momentum: z
    .number({ error: 'must be a number in [0, 1)' })
    .min(0, { error: 'must be a number in [0, 1)' })
    .lt(1, { error: 'must be a number in [0, 1)' })
    .default(TRAINING_DEFAULTS.momentum),
  /** Step budget: the most optimiser steps taken. */
  steps: positiveInteger().default(TRAINING_DEFAULTS.steps),
  /** Trials per minibatch. */
  batch: positiveInteger().default(TRAINING_DEFAULTS.batch),
  /**
   * Stop as soon as the mean minibatch MSE over the last 10 steps is at most this
   * (same units as y^2). 0 never triggers before a loss of exactly 0, so the whole
   * step budget runs.
   */
  lossTolerance: nonNegativeNumber().default(TRAINING_DEFAULTS.lossTolerance),
  /** Seed of initialisation and minibatches (two derived streams). */
  seed: z
    .union([z.number().int(), z.string()], { error: 'must be an integer or a string' })
    .default(TRAINING_DEFAULTS.seed),
});

export type TrainingHyperparameters = z.output<typeof trainingSettingsSchema>;

/** Validates training hyperparameters and fills in defaults; errors name the field. */
export function parseTrainingSettings(input: unknown, options: { fieldPrefix?: string } = {}): TrainingHyperparameters {
  return parseWithSchema(trainingSettingsSchema, input ?? {}, options);
}

/** The task side of training (model.md §1, §2, §10): what is learnt, by which network. */
export interface TrainingProblem {
  /** A, K x P. */
  readonly task: Mat;
  readonly nonlinearity: NonlinearityName;
  /** mu_v: v ~ N(contextMean, contextStd^2) at initialisation (as the prior p0 of §4). */
  readonly contextMean: number;
  readonly contextStd: number;
  /** Training stimuli s ~ N(0, stimulusStd^2 I_P). */
  readonly stimulusStd: number;
}

/** Settings of `train`: the problem, and any hyperparameters (defaults fill the rest). */
export type TrainingSettings = TrainingProblem & Partial<TrainingHyperparameters>;

/** Fully resolved settings. */
export type ResolvedTrainingSettings = TrainingProblem & TrainingHyperparameters;

/** The training problem of a validated config (interfaces.md "Config file"). */
export function trainingProblemFromConfig(config: MaxentConfig): TrainingProblem {
  return {
    task: taskMatrix(config.task),
    nonlinearity: config.nonlinearity,
    contextMean: config.context.mean,
    contextStd: config.context.std,
    stimulusStd: config.stimulusStd,
  };
}

const PROBLEM_KEYS = ['task', 'nonlinearity', 'contextMean', 'contextStd', 'stimulusStd'] as const;

/** Validates the problem and the hyperparameters of {@link TrainingSettings}. */
export function resolveTrainingSettings(settings: TrainingSettings): ResolvedTrainingSettings {
  const { task, nonlinearity, contextMean, contextStd, stimulusStd } = settings;
  const hyperparameters: Record<string, unknown> = { ...settings };
  for (const key of PROBLEM_KEYS) delete hyperparameters[key];
  const resolved = parseTrainingSettings(hyperparameters);
  if (task === undefined || task.rows < 1 || task.cols < 1 || task.data.length !== task.rows * task.cols) {
    throw invalid('task', 'must be a K x P matrix with K, P >= 1', task === undefined ? undefined : `${task.rows} x ${task.cols}`);
  }
  if (!task.data.every(Number.isFinite)) throw invalid('task', 'must hold finite numbers', Array.from(task.data));
  if (!(NONLINEARITY_NAMES as readonly string[]).includes(nonlinearity)) {
    throw invalid('nonlinearity', `must be one of ${NONLINEARITY_NAMES.join(', ')}`, nonlinearity);
  }
  if (!Number.isFinite(contextMean)) throw invalid('contextMean', 'must be a finite number', contextMean);
  if (!(contextStd > 0 && Number.isFinite(contextStd))) throw invalid('contextStd', 'must be a positive finite number', contextStd);
  if (!(stimulusStd > 0 && Number.isFinite(stimulusStd))) throw invalid('stimulusStd', 'must be a positive finite number', stimulusStd);
  return { task, nonlinearity, contextMean, contextStd, stimulusStd, ...resolved };
}
