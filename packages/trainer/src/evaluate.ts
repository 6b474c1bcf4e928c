import { invalid, resolveOptions, type Mat, type Rng } from '@maxent/core';
import { nonlinearity as nonlinearityOf, type Network } from '@maxent/constraints';
import { createTaskBatch, drawContextBatch, type TaskBatch } from './batches.js';
import { forwardByFeature } from './forward.js';

/**
 * The gain-modulated linear model of a network (model.md §3): in context k,
 *
 *     z_k(s) ~= offset_k + sum_j gain[k][j] s_j,
 *     offset_k   = (1/N) sum_i w_i phi(v_ik)
 *     gain[k][j] = (1/N) sum_i w_i phi'(v_ik) u_ij
 *
 * i.e. each neuron replaced by its first-order expansion around the context
 * drive. For relu this is exact whenever |u_i . s| < |v_ik| for every neuron.
 * `gain` is the network's effective task matrix, to be compared with A.
 */
export interface LinearizedReadout {
  /** K offsets (the finite-N remainder of §3; zero in the N -> infinity limit). */
  readonly offset: Float64Array;
  /** K x P effective task matrix. */
  readonly gain: Mat;
}

export function linearize(network: Network): LinearizedReadout {
  const { neurons: N, stimuli: P, contexts: K, u, v, w } = network;
  const phi = nonlinearityOf(network.nonlinearity);
  const offset = new Float64Array(K);
  const gain = new Float64Array(K * P);
  for (let i = 0; i < N; i++) {
    for (let k = 0; k < K; k++) {
      const vik = v[i * K + k];
      offset[k] += w[i] * phi.value(vik);
      const wg = w[i] * phi.derivative(vik);
      if (wg === 0) continue;
      for (let j = 0; j < P; j++) gain[k * P + j] += wg * u[i * P + j];
    }
  }
  for (let k = 0; k < K; k++) offset[k] /= N;
  for (let t = 0; t < K * P; t++) gain[t] /= N;
  return { offset, gain: { rows: K, cols: P, data: gain } };
}

/** Fit of outputs z to targets y over a set of trials (model.md §9). */
export interface Fit {
  /**
   * 1 - SSE/SST, SST taken around the sample mean of the targets. NaN when the
   * targets have no spread (SST = 0, e.g. a context whose row of A is zero):
   * R^2 is undefined there (JSON writes it as null).
   */
  readonly r2: number;
  /** SSE / number of trials. */
  readonly mse: number;
}

export interface ContextFit extends Fit {
  readonly context: number;
}

export interface ModelFit extends Fit {
  readonly perContext: readonly ContextFit[];
}

/** The `evaluation` of interfaces.md: the real network and its linearisation (§3). */
export interface Evaluation extends ModelFit {
  readonly linearized: ModelFit;
  /** Trials per context. */
  readonly trials: number;
  readonly stimulusStd: number;
}

export interface EvaluateOptions {
  /**
   * Trials per context T: each of the K contexts gets T fresh stimuli, so the
   * overall figures pool K*T trials with the contexts equally weighted (the
   * uniform context distribution of training, §10). Integer >= 2.
   */
  readonly trials?: number;
  /** Stimuli s ~ N(0, stimulusStd^2 I_P) (model.md §1). */
  readonly stimulusStd?: number;
  /** The only source of randomness: stimuli are drawn context by context, trial by trial. */
  readonly rng: Rng;
}

/**
 * Defaults of {@link evaluateNetwork}. 1000 trials per context: the relative
 * standard error of each context's MSE is then about sqrt(2/1000) = 4.5%, and
 * the cost K*T*N*P stays below a second for N = 20000 at K = P = 3.
 */
export const EVALUATE_DEFAULTS = Object.freeze({ trials: 1000, stimulusStd: 0.1 });

/** Trials per forward call: bounds memory for any T. */
const CHUNK = 512;

/**
 * Simulates the real nonlinear network (model.md §9): for each context k draws T
 * stimuli, computes z with the forward pass (forward.ts) and compares it with
 * y = A[k] . s; does the same for the gain-modulated linear model
 * ({@link linearize}) on the same stimuli, so the two are directly comparable.
 */
export function evaluateNetwork(network: Network, options: EvaluateOptions): Evaluation {
  const { trials, stimulusStd, rng } = resolveOptions(EVALUATE_DEFAULTS, options);
  if (!Number.isInteger(trials) || trials < 2) throw invalid('trials', 'must be an integer >= 2 (trials per context)', trials);
  if (!(stimulusStd > 0) || !Number.isFinite(stimulusStd)) {
    throw invalid('stimulusStd', 'must be a positive finite number', stimulusStd);
  }
  const { task, contexts: K, stimuli: P } = network;
  // Checked once: the batches are drawn from `task`, so the forward pass needs no checks per chunk.
  if (task.rows !== K || task.cols !== P) {
    throw invalid('network.task', `must be K x P = ${K} x ${P} (the network's contexts x stimuli)`, `${task.rows} x ${task.cols}`);
  }
  const linear = linearize(network);
  const chunk = Math.min(CHUNK, trials);
  const full = createTaskBatch(task, chunk);
  const remainder = trials % chunk === 0 ? undefined : createTaskBatch(task, trials % chunk);
  const z = new Float64Array(chunk);
  const scratch = new Float64Array(chunk);
  const targets = contextAccumulators(K);
  const real = contextAccumulators(K);
  const linearized = contextAccumulators(K);

  for (let k = 0; k < K; k++) {
    for (let done = 0; done < trials; ) {
      const batch: TaskBatch = trials - done >= chunk || remainder === undefined ? full : remainder;
      drawContextBatch(batch, task, k, stimulusStd, rng);
      const B = batch.size;
      forwardByFeature(network, batch.stimulusByFeature, batch.context, B, z, scratch);
      for (let b = 0; b < B; b++) {
        const y = batch.target[b];
        let zLinear = linear.offset[k];
        for (let j = 0; j < P; j++) zLinear += linear.gain.data[k * P + j] * batch.stimulus[b * P + j];
        addTarget(targets, k, y);
        real.sse[k] += (z[b] - y) ** 2;
        linearized.sse[k] += (zLinear - y) ** 2;
      }
      done += B;
    }
  }
  return {
    ...fitOf(real, targets, trials),
    linearized: fitOf(linearized, targets, trials),
    trials,
    stimulusStd,
  };
}

interface Accumulators {
  /** Trials seen per context. */
  count: Float64Array;
  /** Running mean of y per context (Welford). */
  mean: Float64Array;
  /** Sum of squared deviations of y from its running mean, per context (Welford). */
  m2: Float64Array;
  /** Sum of squared errors per context. */
  sse: Float64Array;
}

function contextAccumulators(K: number): Accumulators {
  return { count: new Float64Array(K), mean: new Float64Array(K), m2: new Float64Array(K), sse: new Float64Array(K) };
}

function addTarget(acc: Accumulators, k: number, y: number): void {
  acc.count[k] += 1;
  const delta = y - acc.mean[k];
  acc.mean[k] += delta / acc.count[k];
  acc.m2[k] += delta * (y - acc.mean[k]);
}

function fitOf(errors: Accumulators, targets: Accumulators, trials: number): ModelFit {
  const K = targets.count.length;
  const perContext: ContextFit[] = [];
  let sse = 0;
  let pooledMean = 0;
  for (let k = 0; k < K; k++) {
    perContext.push({ context: k, r2: rSquared(errors.sse[k], targets.m2[k]), mse: errors.sse[k] / trials });
    sse += errors.sse[k];
    pooledMean += targets.mean[k] / K;
  }
  // Pooled SST around the pooled mean: within-context spread plus the spread of
  // the context means (Chan et al.'s combination of Welford summaries).
  let sst = 0;
  for (let k = 0; k < K; k++) sst += targets.m2[k] + trials * (targets.mean[k] - pooledMean) ** 2;
  return { r2: rSquared(sse, sst), mse: sse / (K * trials), perContext };
}

function rSquared(sse: number, sst: number): number {
  return sst > 0 ? 1 - sse / sst : Number.NaN;
}
