import { fromRows, invalid, InvalidInputError, toRows, type Mat } from '@maxent/core';
import type { Network } from './network.js';
import { NONLINEARITY_NAMES, type NonlinearityName } from './nonlinearity.js';

/**
 * The network keys of a `network` result file (interfaces.md): the plain
 * {@link Network} of model.md §2 as nested arrays. Sampling and training write
 * them, evaluation and analysis read them back (or a file made by other software).
 */
export interface NetworkFields {
  nonlinearity: NonlinearityName;
  neurons: number;
  u: number[][];
  v: number[][];
  w: number[];
  task: number[][];
}

/** The file keys of a network, in the file's key order (u: N x P, v: N x K, task: K x P). */
export function networkToFields(network: Network): NetworkFields {
  const rowsOf = (data: Float64Array, cols: number): number[][] =>
    toRows({ rows: network.neurons, cols, data });
  return {
    nonlinearity: network.nonlinearity,
    neurons: network.neurons,
    u: rowsOf(network.u, network.stimuli),
    v: rowsOf(network.v, network.contexts),
    w: Array.from(network.w),
    task: toRows(network.task),
  };
}

/**
 * Reads the network keys of a parsed `network` file (or any object with them),
 * checking every shape. Errors name `field` (e.g. the file flag) and the key.
 */
export function networkFromFields(data: unknown, field = 'network'): Network {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new InvalidInputError(field, `invalid \`${field}\`: must be a JSON object with network keys (nonlinearity, neurons, u, v, w, task)`);
  }
  const record = data as Record<string, unknown>;
  const nonlinearity = record.nonlinearity;
  if (typeof nonlinearity !== 'string' || !(NONLINEARITY_NAMES as readonly string[]).includes(nonlinearity)) {
    throw invalid(`${field}.nonlinearity`, `must be one of ${NONLINEARITY_NAMES.join(', ')}`, nonlinearity);
  }
  const task = matrixOf(record.task, `${field}.task`);
  const contexts = task.rows;
  const stimuli = task.cols;
  const w = vectorOf(record.w, `${field}.w`);
  const neurons = w.length;
  if (record.neurons !== undefined && record.neurons !== neurons) {
    throw invalid(`${field}.neurons`, `must equal the length of \`${field}.w\` (${neurons})`, record.neurons);
  }
  const u = matrixOf(record.u, `${field}.u`, neurons, stimuli);
  const v = matrixOf(record.v, `${field}.v`, neurons, contexts);
  return { nonlinearity: nonlinearity as NonlinearityName, neurons, stimuli, contexts, u: u.data, v: v.data, w, task };
}

function vectorOf(value: unknown, field: string): Float64Array {
  if (!Array.isArray(value) || value.length === 0) throw invalid(field, 'must be a non-empty array of numbers', value);
  const out = new Float64Array(value.length);
  value.forEach((entry, i) => {
    if (typeof entry !== 'number' || !Number.isFinite(entry)) throw invalid(`${field}[${i}]`, 'must be a finite number', entry);
    out[i] = entry;
  });
  return out;
}

function matrixOf(value: unknown, field: string, rows?: number, cols?: number): Mat {
  if (!Array.isArray(value) || value.length === 0) throw invalid(field, 'must be a non-empty array of rows', value);
  if (rows !== undefined && value.length !== rows) {
    throw invalid(field, `must have ${rows} rows (one per neuron), found ${value.length}`, `${value.length} rows`);
  }
  const width = cols ?? (Array.isArray(value[0]) ? value[0].length : -1);
  value.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== width || width <= 0) {
      throw invalid(`${field}[${i}]`, `must be an array of ${width > 0 ? width : 'one or more'} numbers`, row);
    }
    row.forEach((entry: unknown, j: number) => {
      if (typeof entry !== 'number' || !Number.isFinite(entry)) throw invalid(`${field}[${i}][${j}]`, 'must be a finite number', entry);
    });
  });
  return fromRows(value as number[][]);
}
