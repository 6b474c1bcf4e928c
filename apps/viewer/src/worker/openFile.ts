// Opening a file (runs in the Web Worker, so a large file never freezes the
// page): bytes -> JSON -> a payload for the view of its kind, subsampled where
// the page would otherwise draw or copy too much (charts.md: scatters above a
// few thousand points, heatmaps as one raster of bounded size).
import { decodeWeightMatrix, eigenvalues, InvalidInputError, type Mat } from '@maxent/core';
import { networkFromFields, type Network } from '@maxent/constraints';
import { analyseNetwork, analysisToFile } from '@maxent/experiments';
import { subsampleIndices, type NetworkFile } from '@maxent/figures';

/** Most neurons sent to the page for the scatter (neuronScatterFigure's own default). */
export const MAX_SCATTER_NEURONS = 5000;
/** Largest matrix side drawn as a heatmap; larger matrices are drawn at every s-th node. */
export const MAX_HEATMAP_SIDE = 500;
/** Largest matrix whose eigenvalues are computed on opening (dense QR is O(n^3)). */
export const MAX_EIGENVALUE_SIDE = 1000;
/** Seed of the scatter's subsample (stated in the view). */
export const SUBSAMPLE_SEED = 1;

/** What the page gets for one file: the kind, the (possibly reduced) data, and what was reduced. */
export interface OpenedFile {
  /** The worker's id of the file (an opened network is evaluated by it). */
  readonly id: number;
  readonly name: string;
  /** The file's `kind`; `weight-matrix` for a bare matrix (JSON rows, `{ matrix }` or .npy). */
  readonly kind: string;
  readonly data: unknown;
  /** Sentences about the file: subsampling, what was not computed. */
  readonly notes: readonly string[];
  readonly bytes: number;
}

/** The weight matrix view's payload. */
export interface MatrixPayload {
  readonly size: number;
  /** Rows of the matrix at the drawn nodes (all of them up to MAX_HEATMAP_SIDE). */
  readonly rows: number[][];
  /** Indices of the drawn nodes, in the original order. */
  readonly nodes: number[];
  /** Community labels of the drawn nodes, when a weight-metrics file gave them. */
  readonly communities: number[] | null;
  readonly eigenvalues: { real: number[]; imaginary: number[] } | null;
}

/** The network view's payload: a subsample for the scatter and the populations of the whole network. */
export interface NetworkPayload {
  readonly file: NetworkFile;
  readonly totalNeurons: number;
  /** The `analysis` body of the whole network (relu and linear gains), or null. */
  readonly analysis: Record<string, unknown> | null;
}

/** Networks opened in this worker, kept whole for "evaluate" (by file id). */
export const openNetworks = new Map<number, Network>();

/** Parses and prepares one file; throws InvalidInputError with a message for the page. */
export function openFile(name: string, bytes: Uint8Array, id: number): OpenedFile {
  if (isNpy(bytes)) return openMatrix(id, name, decodeWeightMatrix(bytes, name), bytes.length);
  const text = new TextDecoder().decode(bytes);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(name, `${name} is not valid JSON (${(error as Error).message}), nor a NumPy .npy file`);
  }
  if (Array.isArray(json) || (isRecord(json) && json.kind === undefined && 'matrix' in json)) {
    return openMatrix(id, name, decodeWeightMatrix(text, name), bytes.length);
  }
  if (!isRecord(json)) throw new InvalidInputError(name, `${name} holds a JSON ${json === null ? 'null' : typeof json}, not a result file (an object with a "kind")`);
  const kind = typeof json.kind === 'string' ? json.kind : null;
  if (kind === null) throw new InvalidInputError(name, `${name} has no "kind", so it is not a result file of the maxent command`);
  if (kind === 'network') return openNetwork(name, json, bytes.length, id);
  return { id, name, kind, data: json, notes: [], bytes: bytes.length };
}

/** A weight matrix for the heatmap and eigenvalue views, ordered by `communities` when given. */
export function openMatrix(id: number, name: string, matrix: Mat, bytes: number): OpenedFile {
  return { id, name, kind: 'weight-matrix', data: matrixPayload(matrix, null), notes: matrixNotes(matrix.rows), bytes };
}

export function matrixPayload(matrix: Mat, communities: readonly number[] | null): MatrixPayload {
  const n = matrix.rows;
  if (communities !== null && communities.length !== n) {
    throw new InvalidInputError('matrix', `the weight matrix has ${n} nodes but the weight-metrics file labels ${communities.length}`);
  }
  // Nodes grouped by community (stable), then every s-th: the drawn matrix keeps its blocks.
  const order = Array.from({ length: n }, (_, i) => i);
  if (communities !== null) order.sort((a, b) => communities[a] - communities[b] || a - b);
  const stride = Math.ceil(n / MAX_HEATMAP_SIDE);
  const nodes = order.filter((_, position) => position % stride === 0);
  const rows = nodes.map((i) => nodes.map((j) => matrix.data[i * n + j]));
  let spectrum: MatrixPayload['eigenvalues'] = null;
  if (n <= MAX_EIGENVALUE_SIDE) {
    const { real, imaginary } = eigenvalues(matrix, 'matrix');
    spectrum = { real: Array.from(real), imaginary: Array.from(imaginary) };
  }
  return { size: n, rows, nodes, communities: communities === null ? null : nodes.map((i) => communities[i]), eigenvalues: spectrum };
}

export function matrixNotes(n: number): string[] {
  const notes: string[] = [];
  const stride = Math.ceil(n / MAX_HEATMAP_SIDE);
  if (stride > 1) notes.push(`The heatmap draws every ${stride}th node (${Math.ceil(n / stride)} of ${n}), after grouping by community when known.`);
  if (n > MAX_EIGENVALUE_SIDE) notes.push(`Eigenvalues are not computed above ${MAX_EIGENVALUE_SIDE} nodes in the browser (this matrix has ${n}); \`maxent metrics\` gives the spectral measures.`);
  return notes;
}

function openNetwork(name: string, json: Record<string, unknown>, bytes: number, id: number): OpenedFile {
  const network = networkFromFields(json, name);
  openNetworks.set(id, network);
  const notes: string[] = [];
  let analysis: Record<string, unknown> | null = null;
  if (network.nonlinearity === 'relu' || network.nonlinearity === 'linear') {
    const prior = isRecord(json.config) && isRecord(json.config.context) ? json.config.context : {};
    const options = {
      ...(typeof prior.mean === 'number' ? { contextMean: prior.mean } : {}),
      ...(typeof prior.std === 'number' ? { contextStd: prior.std } : {}),
    };
    analysis = analysisToFile(network, analyseNetwork(network, options));
  } else {
    notes.push(`Populations of a ${network.nonlinearity} network come from clustering its gains (maxent analyze); the viewer does not compute them.`);
  }
  const total = network.neurons;
  const keep = total > MAX_SCATTER_NEURONS ? Array.from(subsampleIndices(total, MAX_SCATTER_NEURONS, SUBSAMPLE_SEED)).sort((a, b) => a - b) : null;
  if (keep !== null) notes.push(`The scatter draws ${MAX_SCATTER_NEURONS} of the ${total} neurons (seeded uniform subsample, seed ${SUBSAMPLE_SEED}); populations count all of them.`);
  const pick = <T>(list: readonly T[]): T[] => (keep === null ? [...list] : keep.map((i) => list[i]));
  const file = {
    ...json,
    neurons: keep === null ? total : keep.length,
    u: pick(json.u as number[][]),
    v: pick(json.v as number[][]),
    w: pick(json.w as number[]),
  } as unknown as NetworkFile;
  // MCMC traces read the draws chain by chain: a subsample would break them, so they are drawn up to the limit only.
  if (keep !== null && 'diagnostics' in json) delete (file as { diagnostics?: unknown }).diagnostics;
  const payload: NetworkPayload = { file, totalNeurons: total, analysis };
  return { id, name, kind: 'network', data: payload, notes, bytes };
}

function isNpy(bytes: Uint8Array): boolean {
  return bytes.length > 6 && bytes[0] === 0x93 && String.fromCharCode(...bytes.subarray(1, 6)) === 'NUMPY';
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
