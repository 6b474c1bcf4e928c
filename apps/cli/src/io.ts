import { readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeNpy, InvalidInputError, parseJsonInput } from '@maxent/core';
import type { Network, NetworkWeights } from '@maxent/constraints';
import { rootIO, type CliIO } from './context.js';
import { displayText } from './displayText.js';
import { assertFiniteResult } from './finiteResult.js';
import { MatrixRows, writeJsonChunks } from './jsonStream.js';
import { currentOutputBatch, OutputBatch, type OutputContents } from './outputBatch.js';

export function resolvePath(io: CliIO, path: string): string {
  return resolve(io.cwd, path);
}

/** The file name of the record beside the arrays of `--npy DIR` (networkInput.ts). */
export const NPY_NETWORK_RECORD_NAME = 'network-npy.json';

/**
 * Largest input file read (issue 17, class 2): JSON text beyond about 512 MiB
 * cannot become a JavaScript string; `.npy` arrays (the route for big
 * networks) may be larger.
 */
export const INPUT_LIMITS = Object.freeze({ jsonBytes: 512 * 1024 ** 2, fileBytes: 4 * 1024 ** 3 });

/**
 * Reads a file's bytes; a missing, unreadable or non-regular file (a folder, a
 * FIFO that would block, a device) or one over `maxBytes` is invalid input
 * naming `field`.
 */
export function readInputBytes(io: CliIO, path: string, field: string, maxBytes: number = INPUT_LIMITS.fileBytes): Uint8Array {
  const fail = (why: string) => new InvalidInputError(field, `invalid \`${field}\`: ${displayText(path)}: ${why}`);
  if (path === '') throw new InvalidInputError(field, `invalid \`${field}\`: must name a file, got ""`);
  const absolute = resolvePath(io, path);
  let size: number;
  try {
    const stats = statSync(absolute);
    if (stats.isDirectory()) throw fail('is a directory');
    if (!stats.isFile()) throw fail('is not a regular file (a FIFO, device or socket)');
    size = stats.size;
  } catch (error) {
    if (error instanceof InvalidInputError) throw error;
    throw fail(readFailure(error));
  }
  if (size > maxBytes) throw fail(`is ${formatBytes(size)}, larger than the ${formatBytes(maxBytes)} this input may be`);
  try {
    return readFileSync(absolute);
  } catch (error) {
    throw fail(readFailure(error));
  }
}

function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'ENOTDIR' ? 'lies under a file, not a folder' : `cannot be read (${code ?? 'error'})`;
}

export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} bytes` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * Reads and parses a JSON file with @maxent/core's limits (nesting depth,
 * string lengths, finite numbers, no `__proto__` keys); anything else is
 * invalid input naming `field` and the file.
 */
export function readJsonFile(io: CliIO, path: string, field: string): unknown {
  const text = new TextDecoder().decode(readInputBytes(io, path, field, INPUT_LIMITS.jsonBytes));
  return parseJsonInput(text, field, displayText(path));
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
  writeFileAtomic(io, path, (write) => writeJsonChunks(data, write), flag);
}

/**
 * `--npy DIR`: u.npy (N x P), v.npy (N x K), w.npy (N), float64 in C order, and
 * the `record` (networkInput.ts: nonlinearity, task, config) that lets
 * `--network DIR` read them back, committed with the run's other outputs.
 */
export function writeNetworkNpy(io: CliIO, folder: string, network: NetworkWeights, record: Record<string, unknown>): void {
  const { neurons: N, stimuli: P, contexts: K } = network;
  writeFileAtomic(io, join(folder, 'u.npy'), encodeNpy(network.u, [N, P]), '--npy');
  writeFileAtomic(io, join(folder, 'v.npy'), encodeNpy(network.v, [N, K]), '--npy');
  writeFileAtomic(io, join(folder, 'w.npy'), encodeNpy(network.w, [N]), '--npy');
  writeJsonAtomic(io, join(folder, NPY_NETWORK_RECORD_NAME), record, '--npy');
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

/**
 * The network keys of a `network` file (interfaces.md; the same bytes as
 * @maxent/constraints' networkToFields) with u, v, w kept as typed arrays, so
 * the streaming writer formats them without nested arrays (10^7 neurons fit).
 */
export function networkFieldsForWriting(network: Network): Record<string, unknown> {
  return {
    nonlinearity: network.nonlinearity,
    neurons: network.neurons,
    u: new MatrixRows(network.u, network.neurons, network.stimuli),
    v: new MatrixRows(network.v, network.neurons, network.contexts),
    w: network.w,
    task: new MatrixRows(network.task.data, network.task.rows, network.task.cols),
  };
}
