import { createRng, deriveSeed, type Progress } from '@maxent/core';
import { backward } from './backward.js';
import { createTaskBatch, drawTaskBatch } from './batches.js';
import { createActivations, forwardTraining } from './forward.js';
import { createParameterBuffer, initializeParameters, networkOfParameters, type ParameterBuffer } from './initialization.js';
import type { Network } from '@maxent/constraints';
import { createOptimizer } from './optimizers.js';
import { resolveTrainingSettings, type ResolvedTrainingSettings, type TrainingSettings } from './settings.js';

/** One optimiser step, as yielded by {@link trainSteps}. */
export interface TrainingStep {
  /** 1-based index of the step just taken. */
  readonly step: number;
  /** Minibatch MSE of this step (before the update). */
  readonly loss: number;
}

/** A point of the loss history: the mean minibatch MSE of the steps since the previous point. */
export interface HistoryPoint {
  readonly step: number;
  readonly loss: number;
}

/**
 * ||theta - theta0|| / ||theta0|| (Frobenius norms) per parameter block and over
 * all parameters: the lazy/rich diagnostic of model.md §10. Lazy training moves
 * the weights by a vanishing fraction of their initial size; rich training
 * changes them by a large factor.
 */
export interface RelativeChange {
  readonly u: number;
  readonly v: number;
  readonly w: number;
  readonly all: number;
}

/**
 * Why training stopped: the loss tolerance was met, the step budget ran out, or
 * the loss became non-finite (the learning rate is too large; the network then
 * holds non-finite weights and must not be used).
 */
export type StopReason = 'lossTolerance' | 'steps' | 'diverged';

export interface TrainingResult {
  readonly network: Network;
  readonly history: readonly HistoryPoint[];
  /** Mean minibatch MSE over the last (up to) 10 steps. */
  readonly finalLoss: number;
  /** Steps taken. */
  readonly steps: number;
  readonly stoppedBy: StopReason;
  readonly relativeChange: RelativeChange;
  /** The settings used, defaults filled in. */
  readonly settings: ResolvedTrainingSettings;
}

/** What {@link train} reports after every step: `done` steps of the `total` budget, and the step's loss. */
export interface TrainingProgress extends Progress {
  /** Minibatch MSE of the step just taken. */
  readonly loss: number;
}

export interface TrainOptions {
  /** Called after every step (training may stop before `total` at the loss tolerance). */
  readonly onProgress?: (progress: TrainingProgress) => void;
  /** Aborting stops training between steps and rejects with the signal's reason. */
  readonly signal?: AbortSignal;
}

/** Steps over which the loss is averaged for the tolerance test and `finalLoss`. */
export const LOSS_WINDOW = 10;
/** At most about this many history points, whatever the step budget. */
export const HISTORY_POINTS = 200;

/**
 * Gradient-descent training of the network of model.md §2 on the task (§10), as
 * a generator: each `next()` takes one optimiser step and yields its loss; the
 * generator returns the {@link TrainingResult}. Randomness comes from two
 * streams derived from `seed` (`initialization`, `batches`), so a run is
 * reproducible byte for byte. Nothing is allocated per step but the yielded
 * record (and, every few steps, a history point).
 */
export function trainSteps(settings: TrainingSettings): Generator<TrainingStep, TrainingResult, void> {
  return resolvedTrainSteps(resolveTrainingSettings(settings));
}

function* resolvedTrainSteps(resolved: ResolvedTrainingSettings): Generator<TrainingStep, TrainingResult, void> {
  const { task, neurons: N, batch: B, steps: budget, stimulusStd, weightDecay, lossTolerance } = resolved;
  const P = task.cols;
  const K = task.rows;

  const parameters = createParameterBuffer(N, P, K);
  initializeParameters(parameters, resolved, resolved.initScale, createRng(deriveSeed(resolved.seed, 'initialization')));
  const initial = Float64Array.from(parameters.all);
  const gradient = createParameterBuffer(N, P, K);
  const network = networkOfParameters(parameters, resolved);
  const batch = createTaskBatch(task, B);
  const activations = createActivations(N, B);
  const optimizer = createOptimizer(resolved, parameters.all.length);
  const batchRng = createRng(deriveSeed(resolved.seed, 'batches'));

  const history: HistoryPoint[] = [];
  const historyInterval = Math.max(1, Math.ceil(budget / HISTORY_POINTS));
  let intervalSum = 0;
  let intervalCount = 0;
  const window = new Float64Array(LOSS_WINDOW);
  let windowSum = 0;
  let step = 0;
  let stoppedBy: StopReason = 'steps';

  while (step < budget) {
    drawTaskBatch(batch, task, stimulusStd, batchRng);
    forwardTraining(network, batch, activations);
    const loss = backward(network, batch, activations, weightDecay, gradient);
    optimizer.step(parameters.all, gradient.all);
    step += 1;

    windowSum += loss - window[step % LOSS_WINDOW];
    window[step % LOSS_WINDOW] = loss;
    intervalSum += loss;
    intervalCount += 1;
    if (step % historyInterval === 0) {
      history.push({ step, loss: intervalSum / intervalCount });
      intervalSum = 0;
      intervalCount = 0;
    }
    yield { step, loss };
    if (!Number.isFinite(loss)) {
      stoppedBy = 'diverged';
      break;
    }
    if (step >= LOSS_WINDOW && windowSum / LOSS_WINDOW <= lossTolerance) {
      stoppedBy = 'lossTolerance';
      break;
    }
  }
  if (intervalCount > 0) history.push({ step, loss: intervalSum / intervalCount });

  // Recompute the window mean from its entries: the running sum drifts by rounding.
  const counted = Math.min(step, LOSS_WINDOW);
  let finalSum = 0;
  for (let t = 0; t < counted; t++) finalSum += window[(step - t) % LOSS_WINDOW];

  return {
    network: {
      ...network,
      // Own copies: the views share one buffer with the optimiser's parameters.
      u: parameters.u.slice(),
      v: parameters.v.slice(),
      w: parameters.w.slice(),
    },
    history,
    finalLoss: finalSum / counted,
    steps: step,
    stoppedBy,
    relativeChange: relativeChangeOf(initial, parameters),
    settings: resolved,
  };
}

/**
 * Trains to the end (drains {@link trainSteps}), reporting each step to
 * `onProgress` and checking `signal` between steps.
 */
export function train(settings: TrainingSettings, options: TrainOptions = {}): TrainingResult {
  const { onProgress, signal } = options;
  signal?.throwIfAborted();
  const resolved = resolveTrainingSettings(settings);
  const steps = resolvedTrainSteps(resolved);
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
    onProgress?.({ done: next.value.step, total: resolved.steps, loss: next.value.loss });
    signal?.throwIfAborted();
  }
}

/** `initial` is a copy of `parameters.all` at initialisation; the blocks are those of the buffer. */
function relativeChangeOf(initial: Float64Array, parameters: ParameterBuffer): RelativeChange {
  const current = parameters.all;
  const ratio = (start: number, end: number) => {
    let moved = 0;
    let size = 0;
    for (let t = start; t < end; t++) {
      moved += (current[t] - initial[t]) ** 2;
      size += initial[t] ** 2;
    }
    return Math.sqrt(moved / size);
  };
  const uEnd = parameters.u.length;
  const vEnd = uEnd + parameters.v.length;
  return { u: ratio(0, uEnd), v: ratio(uEnd, vEnd), w: ratio(vEnd, current.length), all: ratio(0, current.length) };
}
