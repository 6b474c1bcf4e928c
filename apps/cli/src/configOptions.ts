import type { Command } from 'commander';
import { InvalidInputError, parseNumberText } from '@maxent/core';
import type { MaxentConfig } from '@maxent/constraints';
import {
  CONFIG_SETTINGS,
  configWithSettings,
  settingValue,
  TRAINING_SETTINGS,
  trainingWithSettings,
  type ConfigSetting,
  type SettingSpelling,
  type SettingValue,
  type TrainingSetting,
} from '@maxent/experiments';
import { parseTrainingSettings, type TrainingHyperparameters } from '@maxent/trainer';
import type { CliIO } from './context.js';
import { readJsonFile } from './io.js';

export { parseNamingFlags } from '@maxent/experiments';

/**
 * Flags of the config settings (solve, train; sweep takes lists of them), one per
 * entry of the settings table of @maxent/experiments, by the setting's name.
 */
export type ConfigFlags = { config?: string } & Partial<Record<ConfigSetting, string>>;

/** Placeholder and help text of each config flag. */
const CONFIG_HELP: Readonly<Record<ConfigSetting, readonly [string, string]>> = Object.freeze({
  contexts: ['K', 'number of contexts of the built-in task'],
  task: ['name', 'built-in task: select | select-of'],
  nonlinearity: ['name', 'relu | tanh | softplus | linear'],
  weightScale: ['sigma', 'weight scale sigma of the prior (> 0)'],
  stimulusStd: ['s', 'standard deviation of the stimuli (> 0)'],
  contextMean: ['mu', 'mean mu_v of the prior of the context weights'],
  contextStd: ['s', 'standard deviation sigma_v of the prior of the context weights (> 0)'],
  estimator: ['kind', 'exact | quadrature | montecarlo (default: exact for relu and linear; for tanh and softplus quadrature up to K = 3, montecarlo above)'],
  nodes: ['n', 'quadrature: Gauss-Hermite nodes per context dimension (default 24)'],
  samples: ['M', 'montecarlo: draws of the context weights (default 200000)'],
});

export function addConfigOptions(command: Command): Command {
  command.option('--config <file>', 'config file (JSON, interfaces.md); flags override it');
  for (const [setting, { flag }] of Object.entries(CONFIG_SETTINGS) as [ConfigSetting, SettingSpelling][]) {
    const [placeholder, help] = CONFIG_HELP[setting];
    command.option(`${flag} <${placeholder}>`, help);
  }
  return command;
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
  const values: Partial<Record<ConfigSetting, SettingValue>> = {};
  for (const [setting, spelling] of Object.entries(CONFIG_SETTINGS) as [ConfigSetting, SettingSpelling][]) {
    const text = flags[setting];
    if (text !== undefined) values[setting] = settingValue(text, spelling);
  }
  const config = configWithSettings(merged, values, flags.config === undefined ? undefined : `in ${flags.config}`);
  return { config, training };
}

/**
 * Training hyperparameters (maxent train, maxent sweep): `base` (a config
 * file's `training` section, a preset's settings) with the flags' texts laid over
 * it, validated with the trainer's defaults; errors name the flag.
 */
export function trainingFromFlags(base: Readonly<Record<string, unknown>>, texts: Readonly<Partial<Record<TrainingSetting, string>>>): TrainingHyperparameters {
  const values: Partial<Record<TrainingSetting, SettingValue>> = {};
  for (const [setting, text] of Object.entries(texts) as [TrainingSetting, string | undefined][]) {
    if (text !== undefined) values[setting] = settingValue(text, TRAINING_SETTINGS[setting]);
  }
  return trainingWithSettings(base, values);
}

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

/**
 * Parses an integer flag (neurons, steps, seed...) or throws naming the flag;
 * integers are exact (below 2^53), so a seed is never silently rounded.
 */
export function integerFlag(text: string | undefined, flag: string, { min = 0, max }: { min?: number; max?: number } = {}): number | undefined {
  if (text === undefined) return undefined;
  return parseNumberText(text, flag, { integer: true, min, ...(max === undefined ? {} : { max }) });
}

/** Parses a real-valued flag or throws naming the flag ("1e999" is not a finite number). */
export function numberFlag(
  text: string | undefined,
  flag: string,
  { min = -Infinity, exclusiveMin = false }: { min?: number; exclusiveMin?: boolean } = {},
): number | undefined {
  if (text === undefined) return undefined;
  return parseNumberText(text, flag, { min, exclusiveMin });
}
