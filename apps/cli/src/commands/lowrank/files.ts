import { join } from 'node:path';
import { encodeNpy, InvalidInputError, decodeNpy } from '@maxent/core';
import { teacherFromSpec, type LowRankNetwork, type MixtureTeacher } from '@maxent/constraints';
import type { CliIO } from '../../context.js';
import { readInputBytes, readResultFile, writeFileAtomic } from '../../io.js';

/** Rows of a T x R (or N x R) row-major array, for JSON. */
export function rows(data: ArrayLike<number>, R: number): number[][] {
  return Array.from({ length: data.length / R }, (_, i) => Array.from({ length: R }, (__, r) => data[i * R + r]));
}

/** A row-major Float64Array from an array of rows of `R` numbers, or InvalidInputError naming `field`. */
export function fromRowsOf(value: unknown, R: number, field: string): Float64Array {
  if (!Array.isArray(value) || value.some((row) => !Array.isArray(row) || row.length !== R || row.some((x: unknown) => typeof x !== 'number' || !Number.isFinite(x)))) {
    throw new InvalidInputError(field, `invalid \`${field}\`: must be an array of rows of ${R} finite numbers`);
  }
  return Float64Array.from((value as number[][]).flat());
}

/** A lowrank-network file: its finite network and, when it came from a mixture teacher, the teacher. */
export interface NetworkFileContents {
  readonly network: LowRankNetwork;
  readonly teacher: MixtureTeacher | null;
  readonly alpha: number;
}

export function readNetworkFile(io: CliIO, path: string, field: string): NetworkFileContents {
  const data = readResultFile(io, path, field, 'lowrank-network');
  const rank = data.rank;
  if (typeof rank !== 'number' || !Number.isInteger(rank) || rank < 1) throw new InvalidInputError(field, `invalid \`${field}\`: ${path} has no valid \`rank\``);
  const nonlinearity = data.nonlinearity === 'relu' ? 'relu' : 'tanh';
  const m = fromRowsOf(data.m, rank, `${field} (m)`);
  const n = fromRowsOf(data.n, rank, `${field} (n)`);
  if (m.length !== n.length) throw new InvalidInputError(field, `invalid \`${field}\`: m and n of ${path} must have the same shape`);
  const teacher = data.teacher === null || data.teacher === undefined ? null : teacherFromSpec(data.teacher, `${field} (teacher)`);
  const alpha = typeof data.alpha === 'number' ? data.alpha : 0.05;
  const bias = data.bias === undefined || data.bias === null ? null : fromRowsOf(Array.isArray(data.bias) ? data.bias.map((x: unknown) => [x]) : data.bias, 1, `${field} (bias)`);
  if (bias !== null && bias.length !== m.length / rank) throw new InvalidInputError(field, `invalid \`${field}\`: bias of ${path} must hold one number per neuron (${m.length / rank}), got ${bias.length}`);
  return { network: { rank, neurons: m.length / rank, nonlinearity, m, n, bias }, teacher, alpha };
}

/** Loadings M and N from two .npy files (N x R each, float64). */
export function readLoadingsNpy(io: CliIO, mPath: string, nPath: string): LowRankNetwork {
  const m = decodeNpy(readInputBytes(io, mPath, '--loadings'), '--loadings');
  const n = decodeNpy(readInputBytes(io, nPath, '--loadings-n'), '--loadings-n');
  if (m.shape.length !== 2 || n.shape.length !== 2 || m.shape[0] !== n.shape[0] || m.shape[1] !== n.shape[1]) {
    throw new InvalidInputError('--loadings', `invalid \`--loadings\`: M and N must both be N x R, got [${m.shape.join(', ')}] and [${n.shape.join(', ')}]`);
  }
  return { rank: m.shape[1], neurons: m.shape[0], nonlinearity: 'tanh', m: Float64Array.from(m.data), n: Float64Array.from(n.data), bias: null };
}

/** `--npy DIR`: m.npy and n.npy (N x R, float64), each written atomically. */
export function writeLoadingsNpy(io: CliIO, folder: string, network: LowRankNetwork): void {
  writeFileAtomic(io, join(folder, 'm.npy'), encodeNpy(network.m, [network.neurons, network.rank]));
  writeFileAtomic(io, join(folder, 'n.npy'), encodeNpy(network.n, [network.neurons, network.rank]));
}
