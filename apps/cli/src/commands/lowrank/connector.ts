import { InvalidInputError, type NpyArray } from '@maxent/core';
import type { LowRankNetwork } from '@maxent/constraints';
import type { CliIO } from '../../context.js';
import { readInputBytes } from '../../io.js';
import { decodeNpz } from '../../npz.js';

/**
 * Which columns of Connector's `MBD` were read as what (model.md §14 network:
 * `J = M N^T / N`, input loadings I, bias d). Column ranges are half-open [from, to).
 */
export interface ConnectorColumns {
  readonly file: string;
  readonly rank: number;
  /** Where R came from: the last axis of `latents`, else the columns of `N`. */
  readonly rankFrom: 'latents' | 'N';
  readonly shapes: Record<string, readonly number[]>;
  readonly columns: { readonly m: [number, number]; readonly inputs: [number, number] | null; readonly bias: number | null };
  /** What the dynamics use: the model has no input u(t), so input loadings are read but unused. */
  readonly ignored: string[];
}

export interface ConnectorLoadings {
  readonly network: LowRankNetwork;
  readonly columns: ConnectorColumns;
  /** Latent trajectories (trials x T x R) when the file holds `latents`. */
  readonly latents: NpyArray | null;
}

const shapeText = (array: NpyArray): string => `(${array.shape.join(', ')})`;

/**
 * Loadings from a Connector `.npz` (AllenInstitute/connector): `MBD` is N x C with M in
 * the first R columns, then the input loadings B (one column per last-axis entry of
 * `externalinputs`, when present), then a bias column D when exactly one column is
 * left; `N` is N x R. R is the last axis of `latents` when present, else N's columns.
 */
export function readConnectorNpz(io: CliIO, path: string, field = '--npz'): ConnectorLoadings {
  const arrays = decodeNpz(readInputBytes(io, path, field), field);
  const fail = (why: string) => new InvalidInputError(field, `invalid \`${field}\`: ${path}: ${why}`);
  const mbd = arrays.get('MBD');
  const nLoadings = arrays.get('N');
  if (mbd === undefined || nLoadings === undefined) throw fail(`needs keys MBD and N; found ${[...arrays.keys()].join(', ') || 'no arrays'}`);
  if (mbd.shape.length !== 2) throw fail(`key MBD must be neurons x columns, got shape ${shapeText(mbd)}`);
  if (nLoadings.shape.length !== 2) throw fail(`key N must be neurons x R, got shape ${shapeText(nLoadings)}`);
  const latents = arrays.get('latents') ?? null;
  const inputs = arrays.get('externalinputs') ?? null;
  const [neurons, columns] = mbd.shape;
  const shapes: Record<string, readonly number[]> = { MBD: mbd.shape, N: nLoadings.shape };
  if (latents !== null) {
    if (latents.shape.length !== 3) throw fail(`key latents must be trials x T x R, got shape ${shapeText(latents)}`);
    shapes.latents = latents.shape;
  }
  if (inputs !== null) shapes.externalinputs = inputs.shape;
  const rank = latents === null ? nLoadings.shape[1] : latents.shape[2];
  if (nLoadings.shape[0] !== neurons || nLoadings.shape[1] !== rank) {
    throw fail(`key N must be ${neurons} x ${rank} (neurons of MBD x R${latents === null ? '' : ' of latents'}), got shape ${shapeText(nLoadings)}`);
  }
  if (rank < 1) throw fail('R (the columns of N) must be at least 1');
  const inputCount = inputs === null ? 0 : inputs.shape[inputs.shape.length - 1];
  const left = columns - rank - inputCount;
  if (left !== 0 && left !== 1) {
    throw fail(
      `key MBD has ${columns} columns; expected R = ${rank} (M) + ${inputCount} (input loadings${inputs === null ? ', no externalinputs key' : `, externalinputs ${shapeText(inputs)}`}) + 0 or 1 (bias), got shape ${shapeText(mbd)}`,
    );
  }
  const m = new Float64Array(neurons * rank);
  const bias = left === 1 ? new Float64Array(neurons) : null;
  for (let i = 0; i < neurons; i++) {
    for (let r = 0; r < rank; r++) m[i * rank + r] = mbd.data[i * columns + r];
    if (bias !== null) bias[i] = mbd.data[i * columns + columns - 1];
  }
  const network: LowRankNetwork = { rank, neurons, nonlinearity: 'tanh', m, n: Float64Array.from(nLoadings.data), bias };
  const ignored = inputCount > 0 ? [`input loadings B (MBD columns ${rank}..${rank + inputCount - 1}): the teacher runs without input u(t)`] : [];
  return {
    network,
    latents,
    columns: {
      file: path,
      rank,
      rankFrom: latents === null ? 'N' : 'latents',
      shapes,
      columns: { m: [0, rank], inputs: inputCount > 0 ? [rank, rank + inputCount] : null, bias: bias === null ? null : columns - 1 },
      ignored,
    },
  };
}

/** The key `latents` (trials x T x R) of a Connector `.npz`, as latent trajectories. */
export function readConnectorLatents(io: CliIO, path: string, field = '--trajectories'): NpyArray {
  const arrays = decodeNpz(readInputBytes(io, path, field), field);
  const latents = arrays.get('latents');
  if (latents === undefined) throw new InvalidInputError(field, `invalid \`${field}\`: ${path}: needs the key latents (trials x T x R); found ${[...arrays.keys()].join(', ') || 'no arrays'}`);
  return latents;
}
