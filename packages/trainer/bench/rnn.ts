// RNN training throughput (model.md §12): trials per second of one full training
// step (draw the batch, BPTT, the penalty and its gradient, Adam) at batch 128,
// 50 steps, float64, 100 units. The anchor is PyTorch 2.13 float64 on CPU (MKL,
// one thread, nn.RNN with autograd) on the project's 2-core machine: about 5700
// trials/s with L1 and 4800 with seRNN (expm differentiated); the goal is >= 0.5x.
import type { Bench } from 'tinybench';
import { createRng } from '@maxent/core';
import { createFloat64Arena, expmFrechetScratchLength, type ProductKernel } from '@maxent/core/internal';
import {
  bpttWorkspaceLength,
  constraintAndGradient,
  createBpttWorkspace,
  createKerasAdam,
  createRnnParameters,
  createTrialBatch,
  drawTrials,
  gridDistances,
  initializeRnn,
  resolveRnnSettings,
  RNN_CLASSES,
  RNN_INPUTS,
  rnnParametersLength,
  taskLossAndGradient,
  trialBatchLength,
  trialSteps,
  type Regularizer,
} from '../src/index.js';

export const RNN_BATCH = 128;
/** PyTorch float64 trials/s (see above). */
export const PYTORCH_TRIALS_PER_SECOND: Readonly<Record<string, number>> = Object.freeze({ l1: 5700, sernn: 4800 });

/**
 * One training step of batch 128 with the given penalty, as a closure over its
 * buffers (in one Float64Arena, as trainRnn keeps them); returns the loss.
 */
export function rnnStep(regularizer: Regularizer, kernel: ProductKernel = 'simd'): () => number {
    const settings = resolveRnnSettings({ regularizer, gamma: regularizer === 'l1' ? 0.003 : 0.1 });
    const units = 100;
    const steps = trialSteps(settings.task);
    const shape = { units, classes: RNN_CLASSES };
    const arena = createFloat64Arena(
      2 * rnnParametersLength(RNN_INPUTS, units, RNN_CLASSES) + trialBatchLength(settings.task, RNN_BATCH) + bpttWorkspaceLength(shape, RNN_BATCH, steps) + expmFrechetScratchLength(units),
      kernel,
    );
    const p = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES, arena);
    initializeRnn(p, createRng(1));
    const gradient = createRnnParameters(RNN_INPUTS, units, RNN_CLASSES, arena);
    const batch = createTrialBatch(settings.task, RNN_BATCH, arena);
    const workspace = createBpttWorkspace(p, RNN_BATCH, steps, arena);
    const distances = gridDistances(settings.grid);
    const adam = createKerasAdam(settings, p.all.length);
    const rng = createRng(2);
    return () => {
      drawTrials(batch, settings.task, rng);
      const outcome = taskLossAndGradient(p, batch, workspace, gradient);
      const constraint = constraintAndGradient(regularizer, p.w, units, distances, settings.gamma, gradient.w, 'frechet', arena);
      adam.step(p.all, gradient.all);
      const loss = outcome.loss + settings.gamma * constraint;
      if (!Number.isFinite(loss)) throw new Error(`rnn step ${regularizer}: non-finite loss ${loss}`);
      return loss;
    };
}

export function addRnnTasks(bench: Bench): void {
  for (const regularizer of ['l1', 'sernn'] as Regularizer[]) {
    for (const kernel of ['simd', 'javascript'] as const) {
      bench.add(`rnn step ${regularizer} units=100 steps=50 float64 ${kernel} trials=${RNN_BATCH}`, rnnStep(regularizer, kernel));
    }
  }
}

/**
 * Trials per second of CPU time (user + system of this process) over `steps`
 * training steps: on a machine shared with other work, wall-clock rates fall
 * with the load while the CPU time of a single-threaded step hardly does, so
 * this is the number to compare with a PyTorch run timed on a quiet machine.
 */
export function rnnTrialsPerCpuSecond(regularizer: Regularizer, steps: number, kernel: ProductKernel = 'simd'): number {
  const step = rnnStep(regularizer, kernel);
  for (let warm = 0; warm < 3; warm++) step();
  const start = process.cpuUsage();
  for (let s = 0; s < steps; s++) step();
  const used = process.cpuUsage(start);
  return (steps * RNN_BATCH) / ((used.user + used.system) / 1e6);
}
