import type { Command } from 'commander';
import type { CliIO } from './context.js';
import { resolvePath } from './io.js';
import { checkOutputTarget, type OutputKind } from './outputTarget.js';

/**
 * The output flags every command shares, by what they name: `--out` a result
 * file, `--npy`/`--svg`/`--dir` a folder. A command whose flag means something
 * else says so with {@link declareOutputs} (maxent demo: `--out` is a folder).
 * Commands added later get the checks by using these names.
 */
const SHARED_OUTPUT_FLAGS: Readonly<Record<string, OutputKind>> = Object.freeze({
  '--out': 'file',
  '--npy': 'folder',
  '--svg': 'folder',
  '--dir': 'folder',
});

const declared = new WeakMap<Command, Readonly<Record<string, OutputKind>>>();

/** Overrides what some output flags of `command` name; returns the command. */
export function declareOutputs(command: Command, kinds: Readonly<Record<string, OutputKind>>): Command {
  declared.set(command, { ...(declared.get(command) ?? {}), ...kinds });
  return command;
}

/**
 * Checks every output flag given to `command` before its action runs, so a bad
 * target fails before any work (issue 17, class 1). Returns true when a result
 * goes to stdout (`--out -`).
 */
export function checkOutputFlags(io: CliIO, command: Command, followSymlinks: boolean): boolean {
  const kinds = { ...SHARED_OUTPUT_FLAGS, ...(declared.get(command) ?? {}) };
  let stdout = false;
  for (const option of command.options) {
    const flag = option.long;
    if (flag === undefined || !(flag in kinds)) continue;
    const value: unknown = command.getOptionValue(option.attributeName());
    if (typeof value !== 'string') continue;
    const target = checkOutputTarget(resolvePath(io, value), value, flag, kinds[flag], followSymlinks);
    stdout ||= target.stdout;
  }
  return stdout;
}
