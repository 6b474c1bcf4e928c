import { arenaLength, javascriptProducts, type DenseProducts, type Float64Arena } from '@maxent/core/internal';
import type { RnnParameters } from './network.js';
import type { TrialBatch } from './task.js';

/**
 * Backpropagation through time for the rate RNN of model.md §12, by hand on
 * Float64Array. Per step the work is three products of a trials x units batch
 * with a units x units matrix (forward, the hidden-state gradient, the
 * recurrent-weight gradient), run by the workspace's {@link DenseProducts}:
 * WebAssembly SIMD when the workspace, the parameters, the gradient and the
 * batch live in one Float64Arena, else JavaScript. The transposed operands are
 * read in place (a^T b, a b^T; only the JavaScript a b^T copies b^T per call).
 * Both kernels round every product
 * the same way (core's gemm.ts), so the kernel does not change a single bit of
 * the result.
 *
 * Loss: the mean over trials of the cross-entropy of softmax(h_T W_out + b_out)
 * against the answer (log-sum-exp on the logits).
 */

/** The sizes a workspace depends on. */
export type RnnShape = Pick<RnnParameters, 'units' | 'classes'>;

/** Buffers of one batch size, reused across steps: nothing is allocated per step. */
export interface BpttWorkspace {
  readonly trials: number;
  readonly steps: number;
  /** Hidden states h_0..h_T, (steps + 1) x trials x units; h_0 = 0. */
  readonly hidden: Float64Array;
  readonly logits: Float64Array;
  /** d loss / d logits. */
  readonly dLogits: Float64Array;
  /** d loss / d h_t of the step being processed. */
  readonly dHidden: Float64Array;
  readonly dPre: Float64Array;
  readonly products: DenseProducts;
}

/** Entries of hidden, logits, dLogits, dHidden, dPre, in that order. */
function workspaceSizes(parameters: RnnShape, trials: number, steps: number): readonly number[] {
  const { units: n, classes } = parameters;
  return [(steps + 1) * trials * n, trials * classes, trials * classes, trials * n, trials * n];
}

/** Float64Arena entries {@link createBpttWorkspace} takes. */
export function bpttWorkspaceLength(parameters: RnnShape, trials: number, steps: number): number {
  return workspaceSizes(parameters, trials, steps).reduce((sum, size) => sum + arenaLength(size), 0);
}

/** A workspace in `arena` (its products too), or in plain arrays with the JavaScript products. */
export function createBpttWorkspace(parameters: RnnParameters, trials: number, steps: number, arena?: Float64Arena): BpttWorkspace {
  const [hidden, logits, dLogits, dHidden, dPre] = workspaceSizes(parameters, trials, steps).map((size) =>
    arena === undefined ? new Float64Array(size) : arena.allocate(size),
  );
  return { trials, steps, hidden, logits, dLogits, dHidden, dPre, products: arena?.products ?? javascriptProducts };
}

/** Buffers of a forward pass over `trials` trials: two hidden states and the logits. */
export interface EvaluationWorkspace {
  readonly trials: number;
  readonly current: Float64Array;
  readonly next: Float64Array;
  readonly logits: Float64Array;
  readonly products: DenseProducts;
}

function evaluationSizes(parameters: RnnShape, trials: number): readonly number[] {
  return [trials * parameters.units, trials * parameters.units, trials * parameters.classes];
}

/** Float64Arena entries {@link createEvaluationWorkspace} takes. */
export function evaluationWorkspaceLength(parameters: RnnShape, trials: number): number {
  return evaluationSizes(parameters, trials).reduce((sum, size) => sum + arenaLength(size), 0);
}

export function createEvaluationWorkspace(parameters: RnnParameters, trials: number, arena?: Float64Arena): EvaluationWorkspace {
  const [current, next, logits] = evaluationSizes(parameters, trials).map((size) => (arena === undefined ? new Float64Array(size) : arena.allocate(size)));
  return { trials, current, next, logits, products: arena?.products ?? javascriptProducts };
}

/** Task loss and how many trials the argmax of the logits answers correctly. */
export interface TaskOutcome {
  readonly loss: number;
  readonly correct: number;
}

/**
 * h_out = relu(x W_in + h_in W + b) for one step of `trials` trials: `x` at
 * `xOffset` (trials x inputs), `h_in` at `inOffset` and `h_out` at `outOffset`
 * of their buffers (trials x units).
 */
function step(
  products: DenseProducts,
  p: RnnParameters,
  trials: number,
  x: Float64Array,
  xOffset: number,
  hIn: Float64Array,
  inOffset: number,
  hOut: Float64Array,
  outOffset: number,
): void {
  const { inputs, units: n, b } = p;
  for (let trial = 0; trial < trials; trial++) hOut.set(b, outOffset + trial * n);
  products.gemm(trials, n, inputs, x, xOffset, inputs, p.wIn, 0, n, hOut, outOffset, n);
  products.gemm(trials, n, n, hIn, inOffset, n, p.w, 0, n, hOut, outOffset, n);
  const end = outOffset + trials * n;
  // relu (kernels.ts) inline, branch-free.
  for (let index = outOffset; index < end; index++) {
    const value = hOut[index];
    hOut[index] = 0.5 * (value + Math.abs(value));
  }
}

/** logits = h W_out + b_out for `trials` hidden states at `offset`. */
function readout(products: DenseProducts, p: RnnParameters, trials: number, h: Float64Array, offset: number, logits: Float64Array): void {
  const { units: n, classes } = p;
  for (let trial = 0; trial < trials; trial++) logits.set(p.bOut, trial * classes);
  products.gemm(trials, classes, n, h, offset, n, p.wOut, 0, classes, logits, 0, classes);
}

/**
 * Mean cross-entropy of softmax(logits) and the correct count; with `dLogits`
 * also d loss / d logits = (softmax - onehot) / trials. A tie in the argmax goes
 * to the lowest class.
 */
function crossEntropy(logits: Float64Array, labels: Int32Array, trials: number, classes: number, dLogits: Float64Array | null): TaskOutcome {
  let loss = 0;
  let correct = 0;
  for (let trial = 0; trial < trials; trial++) {
    const row = trial * classes;
    let largest = logits[row];
    let best = 0;
    for (let c = 1; c < classes; c++) {
      if (logits[row + c] > largest) {
        largest = logits[row + c];
        best = c;
      }
    }
    let sum = 0;
    for (let c = 0; c < classes; c++) sum += Math.exp(logits[row + c] - largest);
    const label = labels[trial];
    loss += Math.log(sum) + largest - logits[row + label];
    if (best === label) correct++;
    if (dLogits !== null) {
      for (let c = 0; c < classes; c++) dLogits[row + c] = Math.exp(logits[row + c] - largest) / sum / trials;
      dLogits[row + label] -= 1 / trials;
    }
  }
  return { loss: loss / trials, correct };
}

/**
 * Forward and backward pass over one batch: returns the task loss and correct
 * count and writes d L_task / d theta into `gradient` (overwritten).
 */
export function taskLossAndGradient(p: RnnParameters, batch: TrialBatch, workspace: BpttWorkspace, gradient: RnnParameters): TaskOutcome {
  const { inputs, units: n, classes } = p;
  const { trials, steps } = batch;
  if (workspace.trials !== trials || workspace.steps !== steps) {
    throw new RangeError(`taskLossAndGradient: the workspace is for ${workspace.trials} trials of ${workspace.steps} steps, the batch has ${trials} of ${steps}`);
  }
  const { hidden, logits, dLogits, dHidden, dPre, products } = workspace;
  const block = trials * n;
  hidden.fill(0, 0, block);
  for (let t = 0; t < steps; t++) step(products, p, trials, batch.inputs, t * trials * inputs, hidden, t * block, hidden, (t + 1) * block);
  readout(products, p, trials, hidden, steps * block, logits);
  const outcome = crossEntropy(logits, batch.labels, trials, classes, dLogits);

  gradient.all.fill(0);
  // Readout: dW_out = h_T^T dLogits, db_out = column sums, dh_T = dLogits W_out^T.
  products.gemmTransposedA(n, classes, trials, hidden, steps * block, n, dLogits, 0, classes, gradient.wOut, 0, classes);
  for (let trial = 0; trial < trials; trial++) for (let c = 0; c < classes; c++) gradient.bOut[c] += dLogits[trial * classes + c];
  dHidden.fill(0);
  products.gemmTransposedB(trials, n, classes, dLogits, 0, classes, p.wOut, 0, classes, dHidden, 0, n);

  for (let t = steps - 1; t >= 0; t--) {
    // dPre = dh_{t+1} * relu'(pre-activation), the gain read from h_{t+1} = relu(.) (kernels.ts reluGainOfOutput).
    const out = (t + 1) * block;
    for (let index = 0; index < block; index++) {
      const h = hidden[out + index];
      dPre[index] = dHidden[index] * Math.ceil(h / (h + 1));
    }
    // db += column sums of dPre, trial by trial for each unit (a running sum in a local is
    // faster than a pass over rows, and adds in the same order).
    const db = gradient.b;
    for (let j = 0; j < n; j++) {
      let sum = db[j];
      for (let trial = 0; trial < trials; trial++) sum += dPre[trial * n + j];
      db[j] = sum;
    }
    // dW += h_t^T dPre (h_0 = 0 adds nothing), dW_in += x_t^T dPre.
    if (t > 0) products.gemmTransposedA(n, n, trials, hidden, t * block, n, dPre, 0, n, gradient.w, 0, n);
    products.gemmTransposedA(inputs, n, trials, batch.inputs, t * trials * inputs, inputs, dPre, 0, n, gradient.wIn, 0, n);
    // dh_t = dPre W^T (h_0 is fixed: no need at t = 0).
    if (t > 0) {
      dHidden.fill(0);
      products.gemmTransposedB(trials, n, n, dPre, 0, n, p.w, 0, n, dHidden, 0, n);
    }
  }
  return outcome;
}

/**
 * Forward pass only, for evaluation: the task loss and correct count of any
 * number of trials, with two hidden-state buffers instead of the whole history
 * (in `workspace`, sized for the batch, or fresh plain arrays).
 */
export function evaluateTrials(p: RnnParameters, batch: TrialBatch, workspace?: EvaluationWorkspace): TaskOutcome & { readonly predictions: Int32Array } {
  const { inputs, classes } = p;
  const { trials, steps } = batch;
  const buffers = workspace ?? createEvaluationWorkspace(p, trials);
  if (buffers.trials !== trials) throw new RangeError(`evaluateTrials: the workspace is for ${buffers.trials} trials, the batch has ${trials}`);
  const { logits, products } = buffers;
  let current = buffers.current;
  let next = buffers.next;
  current.fill(0);
  for (let t = 0; t < steps; t++) {
    step(products, p, trials, batch.inputs, t * trials * inputs, current, 0, next, 0);
    const swap = current;
    current = next;
    next = swap;
  }
  readout(products, p, trials, current, 0, logits);
  const predictions = new Int32Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[trial * classes + c] > logits[trial * classes + best]) best = c;
    predictions[trial] = best;
  }
  return { ...crossEntropy(logits, batch.labels, trials, classes, null), predictions };
}
