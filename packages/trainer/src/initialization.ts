import type { Rng } from '@maxent/core';
import type { Network } from '@maxent/constraints';
import type { TrainingProblem } from './settings.js';

/** Parameters of a network in one buffer, with u, v, w as views (what the optimisers update). */
export interface ParameterBuffer {
  /** N*P + N*K + N entries: u (row-major), then v (row-major), then w. */
  readonly all: Float64Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
  readonly w: Float64Array;
}

export function createParameterBuffer(neurons: number, stimuli: number, contexts: number): ParameterBuffer {
  const all = new Float64Array(neurons * (stimuli + contexts + 1));
  const uEnd = neurons * stimuli;
  const vEnd = uEnd + neurons * contexts;
  return { all, u: all.subarray(0, uEnd), v: all.subarray(uEnd, vEnd), w: all.subarray(vEnd) };
}

/**
 * Initialisation of model.md §10: u_ij, w_i ~ N(0, initScale^2) and
 * v_ik ~ N(contextMean, contextStd^2), the context prior of §4, so a trained
 * network starts from the max-ent prior's gain distribution. Draw order (part of
 * reproducibility): all of u row by row, then v, then w.
 */
export function initializeParameters(
  parameters: ParameterBuffer,
  problem: TrainingProblem,
  initScale: number,
  rng: Rng,
): void {
  const { u, v, w } = parameters;
  for (let t = 0; t < u.length; t++) u[t] = initScale * rng.normal();
  for (let t = 0; t < v.length; t++) v[t] = problem.contextMean + problem.contextStd * rng.normal();
  for (let t = 0; t < w.length; t++) w[t] = initScale * rng.normal();
}

/** A network whose weights are the views of `parameters` (shares memory with them). */
export function networkOfParameters(parameters: ParameterBuffer, problem: TrainingProblem): Network {
  return {
    nonlinearity: problem.nonlinearity,
    neurons: parameters.w.length,
    stimuli: problem.task.cols,
    contexts: problem.task.rows,
    u: parameters.u,
    v: parameters.v,
    w: parameters.w,
    task: problem.task,
  };
}
