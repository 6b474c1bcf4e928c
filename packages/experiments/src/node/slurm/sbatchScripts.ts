import { InvalidInputError } from '@maxent/core';
import type { SweepManifest } from './manifest.js';
import { sbatchPath, shellQuote } from './quoting.js';

export interface SbatchScriptOptions {
  readonly manifest: SweepManifest;
  /** Absolute path of the manifest file the tasks read. */
  readonly manifestPath: string;
  /** Absolute folder of the jobs' logs. */
  readonly logsFolder: string;
}

/**
 * The `--array` value: tasks 0..n-1, and `%M` to run at most M at once. SLURM
 * counts array indices from 0 up to MaxArraySize - 1, so a grid that needs more
 * tasks takes `--chunk` points per task.
 */
export function arrayRange(tasks: number, maxArray: number | null): string {
  if (!(Number.isInteger(tasks) && tasks >= 1)) throw new InvalidInputError('--chunk', `invalid \`--chunk\`: the array needs at least one task, got ${tasks}`);
  if (maxArray !== null && !(Number.isInteger(maxArray) && maxArray >= 1)) {
    throw new InvalidInputError('--max-array', `invalid \`--max-array\`: must be an integer >= 1, got ${maxArray}`);
  }
  return `0-${tasks - 1}${maxArray === null ? '' : `%${maxArray}`}`;
}

/** The array job: task `$SLURM_ARRAY_TASK_ID` runs `maxent sweep-task` on its chunk of points. */
export function arrayScript(options: SbatchScriptOptions): string {
  const { manifest } = options;
  const log = logPath(options.logsFolder, `array-${manifest.submission}_%A_%a.out`);
  const command = [manifest.command.node, manifest.command.main, 'sweep-task', '--manifest', options.manifestPath].map(shellQuote).join(' ');
  return script(
    [`--job-name=maxent-sweep`, `--array=${arrayRange(manifest.tasks, manifest.scheduler.maxArray)}`, `--chdir=${sbatchPath(manifest.cwd, '--out')}`, `--output=${log}`],
    options,
    `exec ${command} --index "$SLURM_ARRAY_TASK_ID"`,
  );
}

/**
 * The aggregation job, submitted with `--dependency=afterok:<array job>`: merges
 * the point files into the result (`maxent sweep --merge`), from the submit
 * folder and with `--out` as given, so the result records the CSV path a local
 * run records.
 */
export function mergeScript(options: SbatchScriptOptions): string {
  const { manifest } = options;
  const log = logPath(options.logsFolder, `merge-${manifest.submission}_%j.out`);
  const command = [manifest.command.node, manifest.command.main, 'sweep', '--merge', '--out', manifest.out].map(shellQuote).join(' ');
  return script([`--job-name=maxent-merge`, `--chdir=${sbatchPath(manifest.cwd, '--out')}`, `--output=${log}`], options, `exec ${command}`);
}

/** A log file's path for `--output`: the folder checked and quoted, then sbatch's `%` pattern appended inside the quotes. */
function logPath(folder: string, pattern: string): string {
  const quoted = sbatchPath(`${folder}/`, '--out');
  return quoted.endsWith('"') ? `${quoted.slice(0, -1)}${pattern}"` : `${quoted}${pattern}`;
}

function script(own: readonly string[], options: SbatchScriptOptions, command: string): string {
  const lines = ['#!/bin/bash', '# Written by `maxent sweep --executor slurm`; see <out>.slurm/manifest-*.json.'];
  for (const option of own) lines.push(`#SBATCH ${option}`);
  const { sbatchOptions, sbatchFileText } = options.manifest.scheduler;
  for (const option of sbatchOptions) lines.push(`#SBATCH ${sbatchOption(option)}`);
  if (sbatchFileText !== null) {
    // Site lines: their #SBATCH lines must come before their commands (sbatch stops reading directives at the first command).
    const site = sbatchFileText.replace(/^#!.*\n/, '').replace(/\s+$/, '');
    if (site !== '') lines.push('# --sbatch-file:', site);
  }
  lines.push('set -eu', command, '');
  return lines.join('\n');
}

/** One `--sbatch` option as sbatch reads it from a script line: a value with spaces in double quotes. */
function sbatchOption(option: string): string {
  if (!/\s/.test(option) || /^-[A-Za-z] \S+$/.test(option)) return option;
  if (option.includes('"')) throw new InvalidInputError('--sbatch', `invalid \`--sbatch\`: an option with spaces cannot also hold ", got ${JSON.stringify(option)}`);
  const equals = option.indexOf('=');
  return equals < 0 ? `"${option}"` : `${option.slice(0, equals + 1)}"${option.slice(equals + 1)}"`;
}
