import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeNpy, InvalidInputError } from '@maxent/core';
import type { NetworkWeights } from '@maxent/constraints';
import { rootIO, type CliIO } from './context.js';
import { assertFiniteResult } from './finiteResult.js';
import { currentOutputBatch, OutputBatch, type OutputContents } from './outputBatch.js';

export function resolvePath(io: CliIO, path: string): string {
  return resolve(io.cwd, path);
}

/** Reads a file's bytes; a missing or unreadable file is invalid input naming `field`. */
export function readInputBytes(io: CliIO, path: string, field: string): Uint8Array {
  try {
    return readFileSync(resolvePath(io, path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : `cannot be read (${code ?? 'error'})`;
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path}: ${why}`);
  }
}

/** Reads and parses a JSON file; malformed JSON is invalid input naming `field`. */
export function readJsonFile(io: CliIO, path: string, field: string): unknown {
  const text = new TextDecoder().decode(readInputBytes(io, path, field));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path} is not valid JSON (${(error as Error).message})`);
  }
}

/**
 * Reads a result file and checks its `kind` (interfaces.md): a file of the wrong
 * kind is invalid input naming `field`.
 */
export function readResultFile(io: CliIO, path: string, field: string, kind: string): Record<string, unknown> {
  const data = readJsonFile(io, path, field);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path} must hold a JSON object of kind "${kind}"`);
  }
  const found = (data as Record<string, unknown>).kind;
  if (found !== kind) {
    throw new InvalidInputError(
      field,
      `invalid \`${field}\`: ${path} is of kind ${JSON.stringify(found ?? null)}, expected "${kind}"`,
    );
  }
  return data as Record<string, unknown>;
}

/**
 * Writes an output through the run's {@link OutputBatch}: in full to a temporary
 * beside the target, renamed over it only when the whole run succeeds, so a
 * failed run leaves every existing file as it was (interfaces.md "Conventions").
 * The target is checked first ({@link checkOutputTarget}): a regular file or a
 * new name, `-` for stdout; anything else is invalid input naming `flag`.
 * Outside a command's action (tests calling internals) it commits at once.
 */
export function writeFileAtomic(io: CliIO, path: string, contents: OutputContents, flag = '--out'): void {
  const root = rootIO(io);
  const batch = currentOutputBatch(root);
  if (batch !== undefined) {
    batch.stage(resolvePath(io, path), path, flag, contents);
    return;
  }
  const single = new OutputBatch(false);
  try {
    single.stage(resolvePath(io, path), path, flag, contents);
    single.commit(root);
  } catch (error) {
    single.discard();
    throw error;
  }
}

/** JSON result file: two-space indentation, newline at the end. */
export function writeJsonAtomic(io: CliIO, path: string, data: unknown, flag = '--out'): void {
  assertFiniteResult(data);
  writeFileAtomic(io, path, `${JSON.stringify(data, null, 2)}\n`, flag);
}

/** `--npy DIR`: u.npy (N x P), v.npy (N x K), w.npy (N), float64 in C order, committed with the run's other outputs. */
export function writeNetworkNpy(io: CliIO, folder: string, network: NetworkWeights): void {
  const { neurons: N, stimuli: P, contexts: K } = network;
  writeFileAtomic(io, join(folder, 'u.npy'), encodeNpy(network.u, [N, P]), '--npy');
  writeFileAtomic(io, join(folder, 'v.npy'), encodeNpy(network.v, [N, K]), '--npy');
  writeFileAtomic(io, join(folder, 'w.npy'), encodeNpy(network.w, [N]), '--npy');
}

/**
 * The result of evaluate, analyze and metrics: written to `--out` if given, then
 * printed as JSON with `--json`, else as `text()` unless `--quiet` with `--out`.
 */
export function emitResult(io: CliIO, flags: { out?: string; json?: boolean; quiet?: boolean }, result: unknown, text: () => string): void {
  assertFiniteResult(result);
  if (flags.out !== undefined) writeJsonAtomic(io, flags.out, result);
  // `--out -` already prints the result on stdout, at the commit.
  if (flags.out === '-') return;
  if (flags.json === true) io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  else if (!(flags.quiet === true && flags.out !== undefined)) io.stdout(text());
}
