import { closestWord, InvalidInputError } from '@maxent/core';
import type { CliIO } from '../../context.js';
import { readJsonFile } from '../../io.js';

/**
 * Settings of a `maxent lowrank` subcommand: the `--config` file's keys (camelCase
 * flag names) with the flags laid over them (interfaces.md "Conventions"). An unknown
 * key names the closest known one.
 */
export function lowrankSettings(io: CliIO, flags: Record<string, unknown>, known: readonly string[]): Record<string, unknown> {
  const fromFile = flags.config === undefined ? {} : readJsonFile(io, String(flags.config), 'config');
  if (typeof fromFile !== 'object' || fromFile === null || Array.isArray(fromFile)) {
    throw new InvalidInputError('config', `invalid \`config\`: ${String(flags.config)} must hold a JSON object`);
  }
  const settings: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fromFile)) {
    if (!known.includes(key)) {
      const suggestion = closestWord(key, known);
      throw new InvalidInputError(key, `unknown key \`${key}\` in ${String(flags.config)}${suggestion === undefined ? '' : ` (did you mean \`${suggestion}\`?)`}; allowed keys: ${known.join(', ')}`);
    }
    settings[key] = typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
  }
  for (const [key, value] of Object.entries(flags)) if (key !== 'config' && value !== undefined) settings[key] = value;
  return settings;
}

/** `--name` of a camelCase key, for messages. */
export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function textSetting(settings: Record<string, unknown>, key: string): string | undefined {
  const value = settings[key];
  return value === undefined ? undefined : String(value);
}

/** A string setting restricted to `allowed`, or InvalidInputError naming the flag and the allowed values. */
export function choiceSetting<T extends string>(settings: Record<string, unknown>, key: string, allowed: readonly T[], fallback: T): T {
  const value = settings[key];
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(String(value))) {
    throw new InvalidInputError(flagName(key), `invalid \`${flagName(key)}\`: must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return String(value) as T;
}
