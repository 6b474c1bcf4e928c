import { Option, type Command } from 'commander';
import { InvalidInputError } from '@maxent/core';
import { parseConfig, type MaxentConfig } from '@maxent/constraints';
import { parseTrainingSettings } from '@maxent/trainer';
import type { CliIO } from './context.js';
import { readJsonFile } from './io.js';

/** Flags shared by solve, sample and train, with the config key each overrides (interfaces.md). */
export interface ConfigFlags {
  config?: string;
  contexts?: string;
  task?: string;
  nonlinearity?: string;
  weightScale?: string;
  estimator?: string;
  stimulusStd?: string;
}

const FLAG_OF_FIELD: Record<string, string> = {
  'task.contexts': '--contexts',
  'task.name': '--task',
  nonlinearity: '--nonlinearity',
  weightScale: '--weight-scale',
  'estimator.kind': '--estimator',
  stimulusStd: '--stimulus-std',
};

export function addConfigOptions(command: Command): Command {
  return command
    .option('--config <file>', 'config file (JSON, interfaces.md); flags override it')
    .option('--contexts <K>', 'number of contexts of the built-in task')
    .option('--task <name>', 'built-in task: select | select-of')
    .addOption(new Option('--nonlinearity <name>', 'relu | tanh | softplus | linear'))
    .option('--weight-scale <sigma>', 'weight scale sigma of the prior (> 0)')
    .option('--estimator <kind>', 'exact | quadrature | montecarlo')
    .option('--stimulus-std <s>', 'standard deviation of the stimuli (> 0)');
}

/** A flag's text as a number when it reads as one; otherwise the text, so validation can name it. */
export function numeric(text: string): number | string {
  const value = Number(text);
  return text.trim() !== '' && Number.isFinite(value) ? value : text;
}

/**
 * The config file (if any) with the flags laid over it, validated with defaults
 * filled in. Errors name the config field and, when it came from a flag, the flag.
 */
export function resolveConfig(io: CliIO, flags: ConfigFlags): MaxentConfig {
  return resolveConfigFile(io, flags).config;
}

/** A config with the optional `training` section of the file kept apart (raw, validated). */
export interface ResolvedConfigFile {
  readonly config: MaxentConfig;
  /** The file's `training` section (hyperparameters of `maxent train`), or an empty object. */
  readonly training: Record<string, unknown>;
}

/**
 * Like {@link resolveConfig}, and also takes the config file's optional
 * `training` section: the settings of `maxent train` (neurons, initScale, ...),
 * so one file can drive solve, sample and train and a trained network's recorded
 * `config` can be run again. Every command validates the section, so a typo in
 * it is an error wherever the file is used.
 */
export function resolveConfigFile(io: CliIO, flags: ConfigFlags): ResolvedConfigFile {
  const fromFile = flags.config === undefined ? {} : readJsonFile(io, flags.config, 'config');
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    throw new InvalidInputError('config', `invalid \`config\`: ${flags.config} must hold a JSON object`);
  }
  const merged = structuredClone(fromFile) as Record<string, unknown>;
  const training = takeTrainingSection(merged, flags.config);
  const section = (key: string): Record<string, unknown> => {
    const current = merged[key];
    if (typeof current === 'object' && current !== null && !Array.isArray(current)) return current as Record<string, unknown>;
    const fresh: Record<string, unknown> = {};
    merged[key] = fresh;
    return fresh;
  };
  if (flags.task !== undefined || flags.contexts !== undefined) {
    const task = section('task');
    delete task.matrix;
    if (flags.task !== undefined) task.name = flags.task;
    if (flags.contexts !== undefined) task.contexts = numeric(flags.contexts);
  }
  if (flags.nonlinearity !== undefined) merged.nonlinearity = flags.nonlinearity;
  if (flags.weightScale !== undefined) merged.weightScale = numeric(flags.weightScale);
  if (flags.stimulusStd !== undefined) merged.stimulusStd = numeric(flags.stimulusStd);
  if (flags.estimator !== undefined) section('estimator').kind = flags.estimator;
  const flagOf = (field: string) => {
    const flag = FLAG_OF_FIELD[field];
    return flag !== undefined && flagGiven(flags, flag) ? flag : undefined;
  };
  const config = parseNamingFlags(() => parseConfig(merged), flagOf, flags.config === undefined ? undefined : `in ${flags.config}`);
  return { config, training };
}

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

/** The flag of each training setting (maxent train, maxent sweep), to name it in error messages. */
export const FLAG_OF_TRAINING_SETTING: Readonly<Record<string, string>> = Object.freeze({
  neurons: '--neurons',
  initScale: '--init-scale',
  weightDecay: '--weight-decay',
  optimizer: '--optimizer',
  learningRate: '--lr',
  momentum: '--momentum',
  steps: '--steps',
  batch: '--batch',
  lossTolerance: '--loss-tolerance',
  seed: '--seed',
});

// Removes `training` from the config object and checks it with the trainer's schema.
function takeTrainingSection(merged: Record<string, unknown>, file: string | undefined): Record<string, unknown> {
  if (!('training' in merged)) return {};
  const training = merged.training;
  delete merged.training;
  if (typeof training !== 'object' || training === null || Array.isArray(training)) {
    throw new InvalidInputError('training', `invalid \`training\`: must be an object of train settings (in ${file})`);
  }
  try {
    parseTrainingSettings(training, { fieldPrefix: 'training' });
  } catch (error) {
    if (error instanceof InvalidInputError) throw new InvalidInputError(error.field, `${error.message} (in ${file})`);
    throw error;
  }
  return { ...(training as Record<string, unknown>) };
}

function flagGiven(flags: ConfigFlags, flag: string): boolean {
  const key = flag
    .slice(2)
    .replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase()) as keyof ConfigFlags;
  return flags[key] !== undefined;
}

/** Parses an integer flag (neurons, steps, seed...) or throws naming the flag. */
export function integerFlag(text: string | undefined, flag: string, { min = 0 }: { min?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (text.trim() === '' || !Number.isInteger(value) || value < min) {
    throw new InvalidInputError(flag, `invalid \`${flag}\`: must be an integer >= ${min}, got ${JSON.stringify(text)}`);
  }
  return value;
}

/** Parses a real-valued flag or throws naming the flag. */
export function numberFlag(
  text: string | undefined,
  flag: string,
  { min = -Infinity, exclusiveMin = false }: { min?: number; exclusiveMin?: boolean } = {},
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  const tooSmall = exclusiveMin ? value <= min : value < min;
  if (text.trim() === '' || !Number.isFinite(value) || tooSmall) {
    const bound = min === -Infinity ? 'a finite number' : `a finite number ${exclusiveMin ? '>' : '>='} ${min}`;
    throw new InvalidInputError(flag, `invalid \`${flag}\`: must be ${bound}, got ${JSON.stringify(text)}`);
  }
  return value;
}
