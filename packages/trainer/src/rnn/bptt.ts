import { gemmAccumulate, transposeInto } from '@maxent/core/internal';
import type { RnnParameters } from './network.js';
import type { TrialBatch } from './task.js';

/**
 * Backpropagation through time for the rate RNN of model.md §12, by hand on
 * Float64Array. Per step the work is three products of a trials x units batch
 * with a units x units matrix (forward, the hidden-state gradient, the
 * recurrent-weight gradient), all through core's register-blocked
 * `gemmAccumulate`; the transposes they need are copied once per step.
 *
 * Loss: the mean over trials of the cross-entropy of softmax(h_T W_out + b_out)
 * against the answer (log-sum-exp on the logits).
 */

/** Buffers of one batch size, reused across steps: nothing is allocated per step. */
export interface BpttWorkspace {
  readonly trials: number;
  readonly steps: number;
  /** Hidden states h_0..h_T, (steps + 1) x trials x units; h_0 = 0. */
  readonly hidden: Float64Array;
  readonly logits: Float64Array;
  /** d loss / d logits, then reused. */
  readonly dLogits: Float64Array;
  /** d loss / d h_t of the step being processed, and the next one. */
  readonly dHidden: Float64Array;
  readonly dPre: Float64Array;
  readonly wTransposed: Float64Array;
  readonly wOutTransposed: Float64Array;
  /** h_t^T (units x trials) and x_t^T (inputs x trials) of one step. */
  readonly hiddenTransposed: Float64Array;
  readonly inputTransposed: Float64Array;
}

export function createBpttWorkspace(parameters: RnnParameters, trials: number, steps: number): BpttWorkspace {
  const { inputs, units: n, classes } = parameters;
  return {
    trials,
    steps,
    hidden: new Float64Array((steps + 1) * trials * n),
    logits: new Float64Array(trials * classes),
    dLogits: new Float64Array(trials * classes),
    dHidden: new Float64Array(trials * n),
    dPre: new Float64Array(trials * n),
    wTransposed: new Float64Array(n * n),
    wOutTransposed: new Float64Array(classes * n),
    hiddenTransposed: new Float64Array(n * trials),
    inputTransposed: new Float64Array(inputs * trials),
  };
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
function step(p: RnnParameters, trials: number, x: Float64Array, xOffset: number, hIn: Float64Array, inOffset: number, hOut: Float64Array, outOffset: number): void {
  const { inputs, units: n, b } = p;
  for (let trial = 0; trial < trials; trial++) hOut.set(b, outOffset + trial * n);
  gemmAccumulate(trials, n, inputs, x, xOffset, inputs, p.wIn, 0, n, hOut, outOffset, n);
  gemmAccumulate(trials, n, n, hIn, inOffset, n, p.w, 0, n, hOut, outOffset, n);
  const end = outOffset + trials * n;
  // relu (kernels.ts) inline, branch-free.
  for (let index = outOffset; index < end; index++) {
    const value = hOut[index];
    hOut[index] = 0.5 * (value + Math.abs(value));
  }
}

/** logits = h W_out + b_out for `trials` hidden states at `offset`. */
function readout(p: RnnParameters, trials: number, h: Float64Array, offset: number, logits: Float64Array): void {
  const { units: n, classes } = p;
  for (let trial = 0; trial < trials; trial++) logits.set(p.bOut, trial * classes);
  gemmAccumulate(trials, classes, n, h, offset, n, p.wOut, 0, classes, logits, 0, classes);
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
  const { hidden, logits, dLogits, dHidden, dPre, wTransposed, wOutTransposed, hiddenTransposed, inputTransposed } = workspace;
  const block = trials * n;
  hidden.fill(0, 0, block);
  for (let t = 0; t < steps; t++) step(p, trials, batch.inputs, t * trials * inputs, hidden, t * block, hidden, (t + 1) * block);
  readout(p, trials, hidden, steps * block, logits);
  const outcome = crossEntropy(logits, batch.labels, trials, classes, dLogits);

  gradient.all.fill(0);
  // Readout: dW_out = h_T^T dLogits, db_out = column sums, dh_T = dLogits W_out^T.
  transposeInto(hidden.subarray(steps * block, (steps + 1) * block), trials, n, hiddenTransposed);
  gemmAccumulate(n, classes, trials, hiddenTransposed, 0, trials, dLogits, 0, classes, gradient.wOut, 0, classes);
  for (let trial = 0; trial < trials; trial++) for (let c = 0; c < classes; c++) gradient.bOut[c] += dLogits[trial * classes + c];
  transposeInto(p.wOut, n, classes, wOutTransposed);
  dHidden.fill(0);
  gemmAccumulate(trials, n, classes, dLogits, 0, classes, wOutTransposed, 0, n, dHidden, 0, n);
  transposeInto(p.w, n, n, wTransposed);

  for (let t = steps - 1; t >= 0; t--) {
    // dPre = dh_{t+1} * relu'(pre-activation), the gain read from h_{t+1} = relu(.) (kernels.ts reluGainOfOutput).
    const out = (t + 1) * block;
    for (let index = 0; index < block; index++) {
      const h = hidden[out + index];
      dPre[index] = dHidden[index] * Math.ceil(h / (h + 1));
    }
    // dW += h_t^T dPre, dW_in += x_t^T dPre, db += column sums of dPre.
    if (t > 0) {
      transposeInto(hidden.subarray(t * block, out), trials, n, hiddenTransposed);
      gemmAccumulate(n, n, trials, hiddenTransposed, 0, trials, dPre, 0, n, gradient.w, 0, n);
    }
    transposeInto(batch.inputs.subarray(t * trials * inputs, (t + 1) * trials * inputs), trials, inputs, inputTransposed);
    gemmAccumulate(inputs, n, trials, inputTransposed, 0, trials, dPre, 0, n, gradient.wIn, 0, n);
    const db = gradient.b;
    for (let trial = 0; trial < trials; trial++) {
      const row = trial * n;
      for (let j = 0; j < n; j++) db[j] += dPre[row + j];
    }
    // dh_t = dPre W^T (h_0 is fixed: no need at t = 0).
    if (t > 0) {
      dHidden.fill(0);
      gemmAccumulate(trials, n, n, dPre, 0, n, wTransposed, 0, n, dHidden, 0, n);
    }
  }
  return outcome;
}

/**
 * Forward pass only, for evaluation: the task loss and correct count of any
 * number of trials, with two hidden-state buffers instead of the whole history.
 */
export function evaluateTrials(p: RnnParameters, batch: TrialBatch): TaskOutcome & { readonly predictions: Int32Array } {
  const { inputs, units: n, classes } = p;
  const { trials, steps } = batch;
  let current = new Float64Array(trials * n);
  let next = new Float64Array(trials * n);
  for (let t = 0; t < steps; t++) {
    step(p, trials, batch.inputs, t * trials * inputs, current, 0, next, 0);
    const swap = current;
    current = next;
    next = swap;
  }
  const logits = new Float64Array(trials * classes);
  readout(p, trials, current, 0, logits);
  const predictions = new Int32Array(trials);
  for (let trial = 0; trial < trials; trial++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (logits[trial * classes + c] > logits[trial * classes + best]) best = c;
    predictions[trial] = best;
  }
  return { ...crossEntropy(logits, batch.labels, trials, classes, null), predictions };
}
