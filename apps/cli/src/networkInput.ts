import { statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { decodeNpy, fromRows, InvalidInputError, type Mat, type NpyArray } from '@maxent/core';
import { NONLINEARITY_NAMES, networkFromFields, type Network, type NonlinearityName } from '@maxent/constraints';
import type { CliIO } from './context.js';
import { displayText } from './displayText.js';
import { NPY_NETWORK_RECORD_NAME, readInputBytes, readResultFile, resolvePath } from './io.js';
import { assertMemory } from './resourceBudget.js';

/**
 * The record `--npy DIR` writes beside u.npy, v.npy and w.npy (kind
 * "network-npy"): the network file's envelope (config, seed, versions) and its
 * small keys (nonlinearity, neurons, task), so the folder alone is a network a
 * command can read back, at any size (issue 17, class 6).
 */
export const NPY_NETWORK_RECORD = NPY_NETWORK_RECORD_NAME;

/** The arrays of a `.npy` network folder: file name and the key it holds. */
const ARRAYS = [
  ['u', 'u.npy'],
  ['v', 'v.npy'],
  ['w', 'w.npy'],
] as const;

/** A network read from `--network`: the file's record (for its config) and the network. */
export interface NetworkInput {
  readonly file: Record<string, unknown>;
  readonly network: Network;
}

/**
 * `--network PATH`: a JSON `network` file (interfaces.md), or a folder written by
 * `--npy DIR` (the folder, its network-npy.json, or one of its .npy files). The
 * arrays are validated as the JSON ones are: dtype float64/float32 in C order,
 * shapes (N, P), (N, K), (N) against the record, every value finite, files within
 * the input size limit.
 */
export function readNetworkInput(io: CliIO, path: string, field: string): NetworkInput {
  const folder = npyFolderOf(io, path);
  if (folder === undefined) {
    const file = readResultFile(io, path, field, 'network');
    return { file, network: networkFromFields(file, field) };
  }
  return readNpyNetwork(io, folder, field);
}

/** The `.npy` folder `path` names, or undefined for a (JSON) file. */
function npyFolderOf(io: CliIO, path: string): string | undefined {
  if (path === '') return undefined;
  let isDirectory = false;
  try {
    isDirectory = statSync(resolvePath(io, path)).isDirectory();
  } catch {
    // Missing: readInputBytes reports it, naming the flag.
  }
  if (isDirectory) return path;
  if (path.endsWith('.npy') || basename(path) === NPY_NETWORK_RECORD) return dirname(path);
  return undefined;
}

function readNpyNetwork(io: CliIO, folder: string, field: string): NetworkInput {
  const recordPath = join(folder, NPY_NETWORK_RECORD);
  if (!existsAsFile(io, recordPath)) {
    throw new InvalidInputError(
      field,
      `invalid \`${field}\`: ${displayText(folder)}: is a directory with no ${NPY_NETWORK_RECORD} (the record maxent sample and train --npy write beside u.npy, v.npy and w.npy; it holds the nonlinearity and task)`,
    );
  }
  const file = readResultFile(io, recordPath, field, 'network-npy');
  const fail = (key: string, why: string) => new InvalidInputError(field, `invalid \`${field}\`: ${displayText(recordPath)}: \`${key}\` ${why}`);
  const nonlinearity = file.nonlinearity;
  if (typeof nonlinearity !== 'string' || !(NONLINEARITY_NAMES as readonly string[]).includes(nonlinearity)) {
    throw fail('nonlinearity', `must be one of ${NONLINEARITY_NAMES.join(', ')}`);
  }
  const neurons = file.neurons;
  if (typeof neurons !== 'number' || !Number.isInteger(neurons) || neurons < 1) throw fail('neurons', 'must be an integer >= 1');
  const task = taskOf(file.task, field, recordPath);
  const K = task.rows;
  const P = task.cols;
  assertMemory(neurons * (P + K + 1) * 8 * 3, field, `a network of ${neurons} neurons`);

  const expected: Record<string, readonly number[]> = { u: [neurons, P], v: [neurons, K], w: [neurons] };
  const arrays: Record<string, Float64Array> = {};
  for (const [key, name] of ARRAYS) {
    const path = join(folder, name);
    const array = decodeNamed(readInputBytes(io, path, field), field, path);
    const shape = expected[key];
    if (array.shape.length !== shape.length || array.shape.some((size, i) => size !== shape[i])) {
      throw new InvalidInputError(
        field,
        `invalid \`${field}\`: ${displayText(path)} has shape (${array.shape.join(', ')}), expected (${shape.join(', ')}${shape.length === 1 ? ',' : ''}) for ${neurons} neurons, K = ${K}, P = ${P}`,
      );
    }
    const data = array.data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        throw new InvalidInputError(field, `invalid \`${field}\`: ${displayText(path)}: entry ${i} is ${data[i]}, not a finite number`);
      }
    }
    arrays[key] = data;
  }
  const network: Network = {
    nonlinearity: nonlinearity as NonlinearityName,
    neurons,
    stimuli: P,
    contexts: K,
    u: arrays.u,
    v: arrays.v,
    w: arrays.w,
    task,
  };
  return { file, network };
}

function existsAsFile(io: CliIO, path: string): boolean {
  try {
    return statSync(resolvePath(io, path)).isFile();
  } catch {
    return false;
  }
}

/** decodeNpy with the file named in its message. */
function decodeNamed(bytes: Uint8Array, field: string, path: string): NpyArray {
  try {
    return decodeNpy(bytes, field);
  } catch (error) {
    if (!(error instanceof InvalidInputError)) throw error;
    const prefix = `invalid \`${field}\`: `;
    const why = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new InvalidInputError(field, `${prefix}${displayText(path)}: ${why}`);
  }
}

/** The record's task: K >= 1 rows of P >= 1 numbers (the JSON reader has made them finite). */
function taskOf(task: unknown, field: string, recordPath: string): Mat {
  const fail = (why: string) => new InvalidInputError(field, `invalid \`${field}\`: ${displayText(recordPath)}: \`task\` ${why}`);
  if (!Array.isArray(task) || task.length === 0 || !Array.isArray(task[0]) || task[0].length === 0) throw fail('must be a non-empty array of rows (K x P)');
  const P = (task[0] as unknown[]).length;
  for (const row of task) {
    if (!Array.isArray(row) || row.length !== P || row.some((x) => typeof x !== 'number')) throw fail(`must have rows of ${P} numbers`);
  }
  return fromRows(task as number[][]);
}

/**
 * What `--npy DIR` writes beside the arrays: the network file `result` without
 * u, v and w (head, nonlinearity, neurons, task, diagnostics or training), of
 * kind network-npy, naming the arrays.
 */
export function npyNetworkRecord(result: Record<string, unknown>): Record<string, unknown> {
  const { u: _u, v: _v, w: _w, ...rest } = result;
  return { ...rest, kind: 'network-npy', arrays: { u: 'u.npy', v: 'v.npy', w: 'w.npy' } };
}
