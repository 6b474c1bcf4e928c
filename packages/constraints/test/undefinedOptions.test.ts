// An explicit `undefined` option means the default (architecture.md): every public
// function of @maxent/constraints that takes options or a config with defaults.
import { z } from 'zod';
import { describeUndefinedOptions, optionKeys, optionsCase, outcome } from '#testing';
import { parseConfig, parseWithSchema, type EstimatorKind, type NonlinearityName } from '../src/index.js';

interface ConfigInput {
  task?: { name?: 'select' | 'select-of'; contexts?: number; stimuli?: number; matrix?: number[][] };
  nonlinearity?: NonlinearityName;
  weightScale?: number;
  context?: { mean?: number; std?: number };
  stimulusStd?: number;
  estimator?: { kind?: EstimatorKind; nodes?: number; samples?: number; seed?: number | string };
}
type TaskInput = NonNullable<ConfigInput['task']>;
type ContextInput = NonNullable<ConfigInput['context']>;
type EstimatorInput = NonNullable<ConfigInput['estimator']>;

// Every value differs from its default, so leaving one out changes the config.
const config: ConfigInput = {
  task: { name: 'select-of', contexts: 3, stimuli: 2 },
  nonlinearity: 'tanh',
  weightScale: 0.5,
  context: { mean: 0.2, std: 2 },
  stimulusStd: 0.3,
  estimator: { kind: 'quadrature', nodes: 12 },
};

const parse = (input: unknown) => outcome(() => parseConfig(input));

describeUndefinedOptions('@maxent/constraints: an undefined setting is the default', [
  optionsCase<ConfigInput>({
    name: 'parseConfig',
    call: parse,
    base: config,
    keys: optionKeys<ConfigInput>({ task: true, nonlinearity: true, weightScale: true, context: true, stimulusStd: true, estimator: true }),
  }),
  optionsCase<TaskInput>({
    name: 'parseConfig (task)',
    call: (task) => parse({ task }),
    base: { name: 'select-of', contexts: 3, stimuli: 2 },
    keys: optionKeys<TaskInput>({ name: true, contexts: true, stimuli: true, matrix: true }),
  }),
  optionsCase<ContextInput>({
    name: 'parseConfig (context)',
    call: (context) => parse({ context }),
    base: { mean: 0.2, std: 2 },
    keys: optionKeys<ContextInput>({ mean: true, std: true }),
  }),
  optionsCase<EstimatorInput>({
    name: 'parseConfig (estimator)',
    call: (estimator) => parse({ estimator }),
    base: { kind: 'montecarlo', samples: 100, seed: 7 },
    keys: optionKeys<EstimatorInput>({ kind: true, nodes: true, samples: true, seed: true }),
  }),
  optionsCase<{ fieldPrefix?: string }>({
    name: 'parseWithSchema',
    call: (options) => outcome(() => parseWithSchema(z.strictObject({ size: z.number().default(1) }), { size: 'big' }, options)),
    base: { fieldPrefix: 'training' },
    keys: optionKeys<{ fieldPrefix?: string }>({ fieldPrefix: true }),
  }),
]);
