import type { Rng } from '@maxent/core';
import { arenaLength, type Float64Arena } from '@maxent/core/internal';

/**
 * The rate RNN of model.md §12: h_t = relu(x_t W_in + h_{t-1} W + b), h_0 = 0,
 * logits = h_T W_out + b_out. Rows are presynaptic (W[i][j] from unit i to unit
 * j), as in the original Keras code, so every product is a row-vector batch
 * times a matrix. All parameters live in one Float64Array (the optimiser's
 * vector) with a view per block.
 */
export interface RnnParameters {
  readonly inputs: number;
  readonly units: number;
  readonly classes: number;
  /** Every parameter, in the order of the views below. */
  readonly all: Float64Array;
  /** W_in, inputs x units. */
  readonly wIn: Float64Array;
  /** W, units x units. */
  readonly w: Float64Array;
  /** b, units. */
  readonly b: Float64Array;
  /** W_out, units x classes. */
  readonly wOut: Float64Array;
  /** b_out, classes. */
  readonly bOut: Float64Array;
}

function parameterSizes(inputs: number, units: number, classes: number): readonly number[] {
  return [inputs * units, units * units, units, units * classes, classes];
}

/** Float64Arena entries {@link createRnnParameters} takes. */
export function rnnParametersLength(inputs: number, units: number, classes: number): number {
  return arenaLength(parameterSizes(inputs, units, classes).reduce((sum, size) => sum + size, 0));
}

/** Zero parameters, in `arena` when given (so the SIMD products read them in place). */
export function createRnnParameters(inputs: number, units: number, classes: number, arena?: Float64Arena): RnnParameters {
  const sizes = parameterSizes(inputs, units, classes);
  const length = sizes.reduce((sum, size) => sum + size, 0);
  const all = arena === undefined ? new Float64Array(length) : arena.allocate(length);
  const views: Float64Array[] = [];
  let offset = 0;
  for (const size of sizes) {
    views.push(all.subarray(offset, offset + size));
    offset += size;
  }
  return { inputs, units, classes, all, wIn: views[0], w: views[1], b: views[2], wOut: views[3], bOut: views[4] };
}

/**
 * The original's initialisation (Keras defaults of SimpleRNN and Dense):
 * W orthogonal, W_in and W_out Glorot-uniform, biases 0. Draw order: W, W_in,
 * W_out.
 */
export function initializeRnn(parameters: RnnParameters, rng: Rng): void {
  const { inputs, units, classes } = parameters;
  orthogonalInto(parameters.w, units, rng);
  glorotUniformInto(parameters.wIn, inputs, units, rng);
  glorotUniformInto(parameters.wOut, units, classes, rng);
  parameters.b.fill(0);
  parameters.bOut.fill(0);
}

/** U(-l, l) with l = sqrt(6 / (fanIn + fanOut)) (Glorot & Bengio 2010). */
export function glorotUniformInto(out: Float64Array, fanIn: number, fanOut: number, rng: Rng): void {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let index = 0; index < fanIn * fanOut; index++) out[index] = limit * (2 * rng.next() - 1);
}

/**
 * A random n x n orthogonal matrix as Keras' Orthogonal initializer makes it:
 * Q of the QR factorisation of a standard normal matrix, with the signs fixed so
 * that diag(R) > 0 (which makes Q Haar-distributed). Here by modified
 * Gram-Schmidt over the columns, run twice ("twice is enough"), which gives
 * that Q directly: each column's R entry is its positive norm.
 */
export function orthogonalInto(out: Float64Array, n: number, rng: Rng): void {
  // Columns stored as rows of `q` (q[c * n + r] = entry r of column c) for contiguous loops.
  const q = new Float64Array(n * n);
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) q[c * n + r] = rng.normal();
  for (let c = 0; c < n; c++) {
    const column = c * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let previous = 0; previous < c; previous++) {
        const other = previous * n;
        let dot = 0;
        for (let r = 0; r < n; r++) dot += q[column + r] * q[other + r];
        for (let r = 0; r < n; r++) q[column + r] -= dot * q[other + r];
      }
    }
    let norm = 0;
    for (let r = 0; r < n; r++) norm += q[column + r] ** 2;
    const inverse = 1 / Math.sqrt(norm);
    for (let r = 0; r < n; r++) q[column + r] *= inverse;
  }
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) out[r * n + c] = q[c * n + r];
}
