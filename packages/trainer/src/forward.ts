import { invalid, type Mat } from '@maxent/core';
import { activate, activateValues } from './activation.js';
import { accumulate, forwardRowSorted, preactivations, reluAccumulate, reluForwardSmall } from './kernels.js';
import type { TaskBatch } from './batches.js';
import type { Network } from '@maxent/constraints';

/** Scratch memory of {@link forward}: reuse one across calls to allocate nothing per call. */
export interface ForwardWorkspace {
  /** At least B entries: the pre-activations of one neuron across the batch. */
  scratch: Float64Array;
  /** At least B*P entries: the stimuli feature-major (P x B). */
  stimuli: Float64Array;
}

export function createForwardWorkspace(batch: number, stimuli = 1): ForwardWorkspace {
  return { scratch: new Float64Array(batch), stimuli: new Float64Array(batch * stimuli) };
}

/**
 * Batched forward pass of model.md §2: for each trial b with stimulus s_b (row b
 * of `stimuli`, B x P) and context k_b (`contexts[b]`, an index in 0..K-1, i.e.
 * the one-hot c = e_k),
 *
 *     z_b = (1/N) sum_i w_i phi(u_i . s_b + v_{i,k_b})
 *
 * Writes z into `out` (length B, allocated when absent) and returns it. Runs
 * neuron by neuron over the whole batch, so each neuron's weights are read once
 * per call; with a `workspace` (grown when too small) nothing is allocated.
 */
export function forward(
  network: Network,
  stimuli: Mat,
  contexts: ArrayLike<number>,
  out: Float64Array = new Float64Array(stimuli.rows),
  workspace: ForwardWorkspace = createForwardWorkspace(stimuli.rows, stimuli.cols),
): Float64Array {
  const { stimuli: P, contexts: K } = network;
  const B = stimuli.rows;
  if (stimuli.cols !== P) throw invalid('stimuli', `must have ${P} columns (one per stimulus feature)`, `${stimuli.cols} columns`);
  if (contexts.length !== B) throw invalid('contexts', `must have one entry per row of \`stimuli\` (${B})`, `${contexts.length} entries`);
  if (out.length < B) throw invalid('out', `must have at least ${B} entries`, `${out.length} entries`);
  for (let b = 0; b < B; b++) {
    const k = contexts[b];
    if (!Number.isInteger(k) || k < 0 || k >= K) throw invalid(`contexts[${b}]`, `must be a context index in 0..${K - 1}`, k);
  }
  if (workspace.scratch.length < B) workspace.scratch = new Float64Array(B);
  if (workspace.stimuli.length < B * P) workspace.stimuli = new Float64Array(B * P);
  const S = workspace.stimuli;
  for (let b = 0; b < B; b++) for (let j = 0; j < P; j++) S[j * B + b] = stimuli.data[b * P + j];
  return forwardByFeature(network, S, contexts, B, out, workspace.scratch);
}

/**
 * {@link forward} on checked inputs with the stimuli already feature-major
 * (S[j*B + b], as a {@link TaskBatch} keeps them): z into `out`, with `h` (at
 * least B entries) as scratch. For callers that drew the batch themselves
 * (evaluate.ts), so the stimuli are neither checked nor transposed again.
 */
export function forwardByFeature(
  network: Network,
  S: Float64Array,
  contexts: ArrayLike<number>,
  B: number,
  out: Float64Array,
  h: Float64Array,
): Float64Array {
  const { neurons: N, stimuli: P, contexts: K, u, v, w, nonlinearity } = network;
  out.fill(0, 0, B);
  for (let i = 0; i < N; i++) {
    preactivations(u, v, i, P, K, S, contexts, B, h);
    activateValues(nonlinearity, h, 0, B);
    accumulate(out, w[i], h, 0, B);
  }
  const scale = 1 / N;
  for (let b = 0; b < B; b++) out[b] *= scale;
  return out;
}

/**
 * Activations kept for the backward pass: x_ib = phi(h_ib) and g_ib = phi'(h_ib),
 * both N x B row-major (neuron i's trials contiguous), and the outputs z (B).
 * For relu `gain` is not filled: the gain is 1[x > 0] and backward reads it off
 * `activity` (one memory pass less on the hot path).
 */
export interface Activations {
  readonly activity: Float64Array;
  readonly gain: Float64Array;
  readonly output: Float64Array;
}

export function createActivations(neurons: number, batch: number): Activations {
  return {
    activity: new Float64Array(neurons * batch),
    gain: new Float64Array(neurons * batch),
    output: new Float64Array(batch),
  };
}

/**
 * The forward pass of {@link forward} on a training batch, keeping x (and g) for
 * backpropagation. Reads the stimuli feature-major, so the kernels stream through
 * contiguous memory.
 */
export function forwardTraining(network: Network, batch: TaskBatch, activations: Activations): void {
  const { neurons: N, stimuli: P, contexts: K, u, v, w, nonlinearity } = network;
  const { size: B, stimulusByFeature: S, contextStart } = batch;
  const relu = nonlinearity === 'relu';
  const { activity: X, gain: G, output: z } = activations;
  const scale = 1 / N;
  if (relu && P <= 4) {
    // The common case (select tasks), four neurons per sweep (kernels.ts).
    reluForwardSmall(u, v, w, N, P, K, S, contextStart, B, X, z);
    for (let b = 0; b < B; b++) z[b] *= scale;
    return;
  }
  z.fill(0);
  for (let i = 0; i < N; i++) {
    const base = i * B;
    forwardRowSorted(u, v, i, P, K, S, contextStart, B, X, base);
    if (relu) {
      // No gains: backward reads relu's off the activity.
      reluAccumulate(z, w[i], X, base, B);
    } else {
      activate(nonlinearity, X, G, base, base + B);
      accumulate(z, w[i], X, base, B);
    }
  }
  for (let b = 0; b < B; b++) z[b] *= scale;
}
