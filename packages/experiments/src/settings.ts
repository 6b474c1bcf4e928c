import { InvalidInputError, parseNumberText } from '@maxent/core';
import { parseConfig, type MaxentConfig } from '@maxent/constraints';
import { parseTrainingSettings, type TrainingHyperparameters } from '@maxent/trainer';

/**
 * The settings a command line or a sweep may set on top of a config, each with
 * its place in the config, its command-line flag and the kind of its values.
 * One table for `maxent solve`, `train` and `sweep` (interfaces.md "Config
 * file"), so a setting is spelled, overlaid and named in messages one way.
 */
export type SettingKind = 'integer' | 'number' | 'name';

export interface SettingSpelling {
  /** Dotted path in the config (the `field` of a validation error). */
  readonly path: string;
  readonly flag: string;
  readonly kind: SettingKind;
}

export const CONFIG_SETTINGS = Object.freeze({
  contexts: { path: 'task.contexts', flag: '--contexts', kind: 'integer' },
  task: { path: 'task.name', flag: '--task', kind: 'name' },
  nonlinearity: { path: 'nonlinearity', flag: '--nonlinearity', kind: 'name' },
  weightScale: { path: 'weightScale', flag: '--weight-scale', kind: 'number' },
  stimulusStd: { path: 'stimulusStd', flag: '--stimulus-std', kind: 'number' },
  contextMean: { path: 'context.mean', flag: '--context-mean', kind: 'number' },
  contextStd: { path: 'context.std', flag: '--context-std', kind: 'number' },
  estimator: { path: 'estimator.kind', flag: '--estimator', kind: 'name' },
  nodes: { path: 'estimator.nodes', flag: '--nodes', kind: 'integer' },
  samples: { path: 'estimator.samples', flag: '--samples', kind: 'integer' },
} as const satisfies Record<string, SettingSpelling>);
export type ConfigSetting = keyof typeof CONFIG_SETTINGS;

/** Training hyperparameters (`maxent train`, the trained points of a sweep); `path` is the trainer's field. */
export const TRAINING_SETTINGS = Object.freeze({
  neurons: { path: 'neurons', flag: '--neurons', kind: 'integer' },
  initScale: { path: 'initScale', flag: '--init-scale', kind: 'number' },
  weightDecay: { path: 'weightDecay', flag: '--weight-decay', kind: 'number' },
  optimizer: { path: 'optimizer', flag: '--optimizer', kind: 'name' },
  learningRate: { path: 'learningRate', flag: '--lr', kind: 'number' },
  momentum: { path: 'momentum', flag: '--momentum', kind: 'number' },
  steps: { path: 'steps', flag: '--steps', kind: 'integer' },
  batch: { path: 'batch', flag: '--batch', kind: 'integer' },
  lossTolerance: { path: 'lossTolerance', flag: '--loss-tolerance', kind: 'number' },
  seed: { path: 'seed', flag: '--seed', kind: 'integer' },
} as const satisfies Record<string, SettingSpelling>);
export type TrainingSetting = keyof typeof TRAINING_SETTINGS;

export type SettingValue = number | string;

/**
 * Runs a package's parser on values that flags set: when it rejects a field, the
 * message gets "(from --flag)" for the flag that set that field (`flagOf`), else
 * "(`otherwise`)" if given, so every command names the flag the same way.
 */
export function parseNamingFlags<T>(parse: () => T, flagOf: (field: string) => string | undefined, otherwise?: string): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof InvalidInputError) {
      const flag = flagOf(error.field);
      const note = flag === undefined ? otherwise : `from ${flag}`;
      if (note !== undefined) throw new InvalidInputError(error.field, `${error.message} (${note})`);
    }
    throw error;
  }
}

/**
 * A flag's text as a setting value: the text itself for names, a number for
 * numeric settings. Text that is no number at all is an error naming the flag;
 * a number the setting does not allow (0 neurons, 1.5 steps) is left to the
 * package's parser, whose message names the setting and its range.
 */
export function settingValue(text: string, spelling: SettingSpelling): SettingValue {
  if (spelling.kind === 'name') return text;
  // "1e999" is "not a finite number"; an integer must be exact (below 2^53). Ranges and
  // fractions are the parsers' (their messages name the allowed values).
  const integer = spelling.kind === 'integer';
  const value = Number(text.trim());
  if (integer && Number.isFinite(value) && !Number.isInteger(value) && text.trim() !== '') return value;
  return parseNumberText(text, spelling.flag, { integer });
}

/**
 * A raw config object (a config file's contents, or a validated config) with
 * setting values laid over it, not yet validated. Setting the task name or the
 * number of contexts replaces a task matrix by the built-in task with as many
 * contexts as the matrix had rows, and drops `task.stimuli` for the select task
 * (it equals the contexts there). Changing the estimator kind drops the old
 * kind's settings (nodes, samples), which belong to that kind only.
 */
export function overlayConfig(raw: Readonly<Record<string, unknown>>, values: Readonly<Partial<Record<ConfigSetting, SettingValue>>>): Record<string, unknown> {
  const out = structuredClone(raw) as Record<string, unknown>;
  // An estimator that is the default of the config it came with (e.g. a parsed sweep
  // base) was not chosen: it is dropped, so the default of the new nonlinearity and
  // number of contexts applies (model.md §7; exact, quadrature up to K = 3, Monte
  // Carlo above). An estimator chosen on purpose, or an explicit --estimator, stays.
  if ((values.nonlinearity !== undefined || values.contexts !== undefined || values.task !== undefined) && estimatorIsDefault(raw)) {
    delete out.estimator;
  }
  const section = (key: string): Record<string, unknown> => {
    const current = out[key];
    if (typeof current === 'object' && current !== null && !Array.isArray(current)) return current as Record<string, unknown>;
    const fresh: Record<string, unknown> = {};
    out[key] = fresh;
    return fresh;
  };
  if (values.task !== undefined || values.contexts !== undefined) {
    const task = section('task');
    if ('matrix' in task) {
      const rows = task.matrix;
      delete task.matrix;
      if (Array.isArray(rows)) task.contexts = rows.length;
      task.name = 'select';
    }
    if (values.task !== undefined) task.name = values.task;
    if (values.contexts !== undefined) task.contexts = values.contexts;
    if ((task.name ?? 'select') === 'select') delete task.stimuli;
  }
  if (values.nonlinearity !== undefined) out.nonlinearity = values.nonlinearity;
  if (values.weightScale !== undefined) out.weightScale = values.weightScale;
  if (values.stimulusStd !== undefined) out.stimulusStd = values.stimulusStd;
  if (values.contextMean !== undefined) section('context').mean = values.contextMean;
  if (values.contextStd !== undefined) section('context').std = values.contextStd;
  if (values.estimator !== undefined && section('estimator').kind !== values.estimator) out.estimator = { kind: values.estimator };
  if (values.nodes !== undefined) section('estimator').nodes = values.nodes;
  if (values.samples !== undefined) section('estimator').samples = values.samples;
  return out;
}

/** Whether the config's estimator equals the one its other settings default to. */
function estimatorIsDefault(raw: Readonly<Record<string, unknown>>): boolean {
  if (raw.estimator === undefined) return false;
  try {
    const withoutEstimator: Record<string, unknown> = { ...raw };
    delete withoutEstimator.estimator;
    return JSON.stringify(parseConfig(raw).estimator) === JSON.stringify(parseConfig(withoutEstimator).estimator);
  } catch {
    // An invalid config is reported by the validation after the overlay.
    return false;
  }
}

/**
 * {@link overlayConfig}, validated with defaults filled in. A rejected field
 * that one of `values` set is named with its flag; any other with `otherwise`
 * (e.g. "in config.json") when given.
 */
export function configWithSettings(
  raw: Readonly<Record<string, unknown>>,
  values: Readonly<Partial<Record<ConfigSetting, SettingValue>>>,
  otherwise?: string,
): MaxentConfig {
  const flagOf = (field: string): string | undefined => {
    for (const [setting, spelling] of Object.entries(CONFIG_SETTINGS) as [ConfigSetting, SettingSpelling][]) {
      if (spelling.path === field && values[setting] !== undefined) return spelling.flag;
    }
    return undefined;
  };
  return parseNamingFlags(() => parseConfig(overlayConfig(raw, values)), flagOf, otherwise);
}

/**
 * Training hyperparameters: `base` (a config file's `training` section, a
 * preset's settings) with `values` laid over it, validated with the trainer's
 * defaults filled in; a rejected field that one of `values` set is named with
 * its flag.
 */
export function trainingWithSettings(
  base: Readonly<Record<string, unknown>>,
  values: Readonly<Partial<Record<TrainingSetting, SettingValue>>>,
): TrainingHyperparameters {
  const input: Record<string, unknown> = { ...base };
  for (const [setting, value] of Object.entries(values)) if (value !== undefined) input[setting] = value;
  const flagOf = (field: string): string | undefined => {
    const spelling = (TRAINING_SETTINGS as Record<string, SettingSpelling>)[field];
    return spelling !== undefined && values[field as TrainingSetting] !== undefined ? spelling.flag : undefined;
  };
  return parseNamingFlags(() => parseTrainingSettings(input), flagOf);
}
