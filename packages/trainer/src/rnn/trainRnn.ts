import { createRng, deriveSeed, InvalidInputError, type Progress } from '@maxent/core';
import { createFloat64Arena, expmFrechetScratchLength, type ArenaKernel } from '@maxent/core/internal';
import { createKerasAdam } from './adam.js';
import {
  bpttWorkspaceLength,
  createBpttWorkspace,
  createEvaluationWorkspace,
  evaluateTrials,
  evaluationWorkspaceLength,
  taskLossAndGradient,
  type EvaluationWorkspace,
} from './bptt.js';
import { gridDistances, gridPositions } from './grid.js';
import { createRnnParameters, initializeRnn, rnnParametersLength, type RnnParameters } from './network.js';
import { constraintAndGradient } from './penalty.js';
import { gridUnits, resolveRnnSettings, type ResolvedRnnSettings, type RnnSettings } from './settings.js';
import { createTrialBatch, drawTrials, noiseFreeTrials, RNN_CLASSES, RNN_INPUTS, trialBatchLength, trialSteps, type TrialBatch } from './task.js';


/** The arena's largest capacity (createFloat64Arena): 2^27 float64 entries, 1 GiB. */
const MAX_ARENA_ENTRIES = 2 ** 27;
/**
 * What training records after every epoch (model.md §12; epoch 0 is the
 * initialisation). The §11 measures of `w` are computed by the caller
 * (@maxent/analysis reads plain matrices; the experiments layer joins them).
 */
export interface RnnEpoch {
  readonly epoch: number;
  /** Mean over the epoch's batches of the minibatch loss L_task + gamma L_constraint (null at epoch 0). */
  readonly trainLoss: number | null;
  /** Mean minibatch task loss over the epoch (null at epoch 0). */
  readonly trainTaskLoss: number | null;
  /** Cross-entropy on the fixed noisy test set. */
  readonly testLoss: number;
  /** L_constraint of W at the end of the epoch (0 for `none`). */
  readonly constraint: number;
  /** testLoss + gamma * constraint: the loss of the current network on the test set. */
  readonly loss: number;
  readonly testAccuracy: number;
  /** Fraction of the noise-free problems answered correctly, and which. */
  readonly problemAccuracy: number;
  readonly problemCorrect: readonly boolean[];
  /** W at the end of the epoch, units x units row-major (rows presynaptic), an own copy. */
  readonly w: Float64Array;
}

export type RnnStopReason = 'epochs' | 'diverged';

export interface RnnTrainingResult {
  readonly settings: ResolvedRnnSettings;
  readonly units: number;
  readonly epochs: readonly RnnEpoch[];
  readonly stoppedBy: RnnStopReason;
  /** Final parameters, own copies. */
  readonly parameters: { readonly wIn: Float64Array; readonly w: Float64Array; readonly b: Float64Array; readonly wOut: Float64Array; readonly bOut: Float64Array };
  /** Unit positions (units x grid dims) and distances D (units x units). */
  readonly positions: Float64Array;
  readonly distances: Float64Array;
}

export interface RnnProgress extends Progress {
  readonly epoch: number;
  /** Loss of the batch just taken. */
  readonly loss: number;
}

export interface TrainRnnOptions {
  /** After every batch: `done` batches of `total`. */
  readonly onProgress?: (progress: RnnProgress) => void;
  /** After every epoch (epoch 0 included). */
  readonly onEpoch?: (epoch: RnnEpoch) => void;
  readonly signal?: AbortSignal;
  /**
   * Kernels of the dense products: `auto` (default) takes WebAssembly SIMD where
   * the engine has it, `javascript` forces the fallback. Every kernel gives the
   * same bytes (core's gemm.ts rounding order), so this is a matter of speed only.
   */
  readonly kernel?: ArenaKernel;
}

/**
 * Trains the RNN of model.md §12 under one penalty. Three streams derived from
 * the seed (initialisation, training trials) and the test seed (test set) make
 * a run reproducible byte for byte. A non-finite batch loss stops the run
 * (`diverged`) after recording that epoch.
 */
export function trainRnn(settings: RnnSettings = {}, options: TrainRnnOptions = {}): RnnTrainingResult {
  const resolved = resolveRnnSettings(settings);
  const { onProgress, onEpoch, signal } = options;
  signal?.throwIfAborted();
  const units = gridUnits(resolved.grid);
  const distances = gridDistances(resolved.grid);
  const batchesPerEpoch = Math.ceil(resolved.trialsPerEpoch / resolved.batch);
  const total = batchesPerEpoch * resolved.epochs;
  const lastSize = resolved.trialsPerEpoch - (batchesPerEpoch - 1) * resolved.batch;
  const batchSizes = lastSize === resolved.batch ? [resolved.batch] : [resolved.batch, lastSize];
  const steps = trialSteps(resolved.task);

  // One arena holds every buffer the products touch (parameters, gradient, batches,
  // workspaces, the test set), so the SIMD kernels work in place.
  const parametersLength = rnnParametersLength(RNN_INPUTS, units, RNN_CLASSES);
  const shape = { units, classes: RNN_CLASSES };
  let capacity = 2 * parametersLength + trialBatchLength(resolved.task, resolved.testTrials) + evaluationWorkspaceLength(shape, resolved.testTrials);
  for (const size of batchSizes) capacity += trialBatchLength(resolved.task, size) + bpttWorkspaceLength(shape, size, steps);
  // Scratch of the penalty's expm Fréchet derivative, taken and given back every batch.
  capacity += expmFrechetScratchLength(units);
  if (capacity > MAX_ARENA_ENTRIES) {
    // Name what the user set: the test set and the batch are what make the arena large.
    throw new InvalidInputError(
      'testTrials',
      `invalid \`testTrials\` or \`batch\`: the buffers of ${resolved.testTrials} test trials and batches of ${resolved.batch} need ${capacity} float64 entries, more than the ${MAX_ARENA_ENTRIES} (1 GiB) one training run may hold; lower testTrials or batch`,
    );
  }
  const arena = createFloat64Arena(capacity, options.kernel);

  const parameters = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES, arena);
  initializeRnn(parameters, createRng(deriveSeed(resolved.seed, 'initialization')));
  const gradient = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES, arena);
  const optimizer = createKerasAdam(resolved, parameters.all.length);
  const trialRng = createRng(deriveSeed(resolved.seed, 'trials'));
  const testSet = createTrialBatch(resolved.task, resolved.testTrials, arena);
  drawTrials(testSet, resolved.task, createRng(deriveSeed(resolved.testSeed, 'rnn-test')));
  const testWorkspace = createEvaluationWorkspace(parameters, resolved.testTrials, arena);
  const problems = noiseFreeTrials(resolved.task);
  const [full, last] = batchSizes.map((size) => ({ batch: createTrialBatch(resolved.task, size, arena), workspace: createBpttWorkspace(parameters, size, steps, arena) }));
  const lastBatch = last ?? full;

  const epochs: RnnEpoch[] = [];
  const record = (epoch: number, trainLoss: number | null, trainTaskLoss: number | null) => {
    const entry = evaluateEpoch(parameters, resolved, distances, testSet, testWorkspace, problems, epoch, trainLoss, trainTaskLoss);
    epochs.push(entry);
    onEpoch?.(entry);
  };
  record(0, null, null);
  let stoppedBy: RnnStopReason = 'epochs';
  let done = 0;
  for (let epoch = 1; epoch <= resolved.epochs && stoppedBy === 'epochs'; epoch++) {
    let lossSum = 0;
    let taskSum = 0;
    for (let index = 0; index < batchesPerEpoch; index++) {
      const { batch, workspace } = index === batchesPerEpoch - 1 ? lastBatch : full;
      drawTrials(batch, resolved.task, trialRng);
      const outcome = taskLossAndGradient(parameters, batch, workspace, gradient);
      const constraint = constraintAndGradient(resolved.regularizer, parameters.w, units, distances, resolved.gamma, gradient.w, resolved.communicabilityGradient, arena);
      const loss = outcome.loss + resolved.gamma * constraint;
      if (!Number.isFinite(loss) || !gradient.all.every(Number.isFinite)) {
        stoppedBy = 'diverged';
        break;
      }
      optimizer.step(parameters.all, gradient.all);
      lossSum += loss;
      taskSum += outcome.loss;
      done++;
      onProgress?.({ done, total, epoch, loss });
      signal?.throwIfAborted();
    }
    if (stoppedBy === 'epochs') record(epoch, lossSum / batchesPerEpoch, taskSum / batchesPerEpoch);
  }
  return {
    settings: resolved,
    units,
    epochs,
    stoppedBy,
    parameters: {
      wIn: parameters.wIn.slice(),
      w: parameters.w.slice(),
      b: parameters.b.slice(),
      wOut: parameters.wOut.slice(),
      bOut: parameters.bOut.slice(),
    },
    positions: gridPositions(resolved.grid),
    distances,
  };
}

function evaluateEpoch(
  parameters: RnnParameters,
  settings: ResolvedRnnSettings,
  distances: Float64Array,
  testSet: TrialBatch,
  testWorkspace: EvaluationWorkspace,
  problems: TrialBatch,
  epoch: number,
  trainLoss: number | null,
  trainTaskLoss: number | null,
): RnnEpoch {
  const test = evaluateTrials(parameters, testSet, testWorkspace);
  const clean = evaluateTrials(parameters, problems);
  const constraint = constraintAndGradient(settings.regularizer, parameters.w, parameters.units, distances, 0, null);
  const problemCorrect = Array.from(clean.predictions, (prediction, index) => prediction === problems.labels[index]);
  return {
    epoch,
    trainLoss,
    trainTaskLoss,
    testLoss: test.loss,
    constraint,
    loss: test.loss + settings.gamma * constraint,
    testAccuracy: test.correct / testSet.trials,
    problemAccuracy: clean.correct / problems.trials,
    problemCorrect,
    w: parameters.w.slice(),
  };
}
