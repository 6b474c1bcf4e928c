import { invalid, type Mat, type Rng } from '@maxent/core';

/**
 * A minibatch of the task of model.md §1: B trials, each a context k (one-hot
 * c = e_k, stored as its index), a stimulus s ~ N(0, stimulusStd^2 I_P) and the
 * target y = A[k] . s. Buffers are allocated once ({@link createTaskBatch}) and
 * refilled in place every step, so training allocates nothing per step.
 *
 * Trials are stored sorted by context: `contextStart[k] .. contextStart[k+1]`
 * are the trials of context k. The loss is a mean over trials, so the order is
 * immaterial to the math, and contiguous segments let the kernels add the
 * context drive v_ik and its gradient without a gather per trial.
 */
export interface TaskBatch {
  /** B */
  readonly size: number;
  /** P */
  readonly stimuli: number;
  /** K */
  readonly contexts: number;
  /** B x P, row-major: trial b's stimulus is stimulus[b*P .. b*P+P). */
  readonly stimulus: Float64Array;
  /** P x B, row-major (the transpose of `stimulus`): the layout the training kernels read. */
  readonly stimulusByFeature: Float64Array;
  /** B context indices in 0..K-1, non-decreasing. */
  readonly context: Int32Array;
  /** K + 1 segment bounds: trials of context k are contextStart[k] <= b < contextStart[k+1]. */
  readonly contextStart: Int32Array;
  /** B targets y_b = A[context_b] . s_b. */
  readonly target: Float64Array;
}

export function createTaskBatch(task: Mat, size: number): TaskBatch {
  if (!Number.isInteger(size) || size < 1) throw invalid('batch', 'must be an integer >= 1', size);
  const P = task.cols;
  return {
    size,
    stimuli: P,
    contexts: task.rows,
    stimulus: new Float64Array(size * P),
    stimulusByFeature: new Float64Array(P * size),
    context: new Int32Array(size),
    contextStart: new Int32Array(task.rows + 1),
    target: new Float64Array(size),
  };
}

/**
 * Refills `batch` with fresh trials, contexts uniform over the K rows of `task`
 * (model.md §10: "mean squared error over contexts (uniform)").
 *
 * Draw order (part of reproducibility): first B uniforms for the contexts, then
 * the B*P stimulus normals trial by trial in sorted order.
 */
export function drawTaskBatch(batch: TaskBatch, task: Mat, stimulusStd: number, rng: Rng): TaskBatch {
  const K = batch.contexts;
  const { context, contextStart } = batch;
  contextStart.fill(0);
  // Counting sort of uniform context draws: only the counts matter.
  for (let b = 0; b < batch.size; b++) {
    const k = Math.min(K - 1, Math.floor(rng.next() * K));
    contextStart[k + 1] += 1;
  }
  for (let k = 0; k < K; k++) contextStart[k + 1] += contextStart[k];
  for (let k = 0; k < K; k++) context.fill(k, contextStart[k], contextStart[k + 1]);
  fillStimuli(batch, task, stimulusStd, rng);
  return batch;
}

/**
 * Refills `batch` with B trials all in context `k` (used by the evaluator of
 * model.md §9, which draws T stimuli per context).
 */
export function drawContextBatch(batch: TaskBatch, task: Mat, k: number, stimulusStd: number, rng: Rng): TaskBatch {
  batch.context.fill(k);
  for (let c = 0; c <= batch.contexts; c++) batch.contextStart[c] = c <= k ? 0 : batch.size;
  fillStimuli(batch, task, stimulusStd, rng);
  return batch;
}

function fillStimuli(batch: TaskBatch, task: Mat, stimulusStd: number, rng: Rng): void {
  const { size: B, stimuli: P, stimulus, stimulusByFeature, context, target } = batch;
  const A = task.data;
  for (let b = 0; b < B; b++) {
    const row = context[b] * P;
    let y = 0;
    for (let j = 0; j < P; j++) {
      const s = stimulusStd * rng.normal();
      stimulus[b * P + j] = s;
      stimulusByFeature[j * B + b] = s;
      y += A[row + j] * s;
    }
    target[b] = y;
  }
}
