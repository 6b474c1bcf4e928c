// An explicit `undefined` option means the default (architecture.md): every public
// function of @maxent/trainer that takes options or optional settings, each key.
import { createRng } from '@maxent/core';
import { selectTask } from '@maxent/constraints';
import { describeUndefinedOptions, optionKeys, optionsCase, outcome } from '#testing';
import {
  evaluateNetwork,
  parseTrainingSettings,
  resolveTrainingSettings,
  train,
  trainSteps,
  type EvaluateOptions,
  type TrainingHyperparameters,
  type TrainOptions,
} from '../src/index.js';
import { randomNetwork } from './networks.js';

const problem = { task: selectTask(2), nonlinearity: 'relu' as const, contextMean: 0, contextStd: 1, stimulusStd: 0.1 };
// Small and fast, with values other than the defaults, so leaving one out changes the run.
const small: Partial<TrainingHyperparameters> = {
  neurons: 12,
  initScale: 0.5,
  weightDecay: 0.01,
  optimizer: 'sgd',
  learningRate: 0.5,
  momentum: 0.5,
  steps: 15,
  batch: 8,
  lossTolerance: 1e-12,
  seed: 4,
};
const hyperparameterKeys = optionKeys<Partial<TrainingHyperparameters>>({
  neurons: true,
  initScale: true,
  weightDecay: true,
  optimizer: true,
  learningRate: true,
  momentum: true,
  steps: true,
  batch: true,
  lossTolerance: true,
  seed: true,
});

function drain<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

describeUndefinedOptions('@maxent/trainer: an undefined option is the default', [
  optionsCase<Partial<TrainingHyperparameters>>({
    name: 'train (hyperparameters)',
    call: (hyperparameters) => train({ ...problem, ...hyperparameters }),
    base: small,
    keys: hyperparameterKeys,
  }),
  optionsCase<TrainOptions>({
    name: 'train (options)',
    call: (options) => train({ ...problem, ...small }, options),
    base: {},
    keys: optionKeys<TrainOptions>({ onProgress: true, signal: true }),
  }),
  optionsCase<Partial<TrainingHyperparameters>>({
    name: 'trainSteps',
    call: (hyperparameters) => drain(trainSteps({ ...problem, ...hyperparameters })),
    base: small,
    keys: hyperparameterKeys,
  }),
  optionsCase<Partial<TrainingHyperparameters>>({
    name: 'resolveTrainingSettings',
    call: (hyperparameters) => resolveTrainingSettings({ ...problem, ...hyperparameters }),
    base: small,
    keys: hyperparameterKeys,
  }),
  optionsCase<Partial<TrainingHyperparameters>>({
    name: 'parseTrainingSettings (input)',
    call: (input) => parseTrainingSettings(input),
    base: small,
    keys: hyperparameterKeys,
  }),
  optionsCase<{ fieldPrefix?: string }>({
    name: 'parseTrainingSettings (options)',
    call: (options) => outcome(() => parseTrainingSettings({ neurons: -1 }, options)),
    base: { fieldPrefix: 'training' },
    keys: optionKeys<{ fieldPrefix?: string }>({ fieldPrefix: true }),
  }),
  optionsCase<Omit<EvaluateOptions, 'rng'>>({
    name: 'evaluateNetwork',
    // A fresh stream per call: the rng is required and consumed.
    call: (options) => evaluateNetwork(randomNetwork('tanh', { neurons: 5 }), { ...options, rng: createRng(9) }),
    base: { trials: 20, stimulusStd: 0.3 },
    keys: optionKeys<Omit<EvaluateOptions, 'rng'>>({ trials: true, stimulusStd: true }),
  }),
]);
