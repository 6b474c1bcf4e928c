// The explore view's settings: what the controls show, what the URL holds and
// what the downloaded config reproduces (interfaces.md, "The web viewer").
import { NONLINEARITY_NAMES, type NonlinearityName } from '@maxent/constraints';

export const TASK_KINDS = ['select', 'select-of', 'matrix'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export interface ViewerState {
  /** K, the number of contexts of the built-in tasks. */
  readonly contexts: number;
  /** P of the select-of task. */
  readonly stimuli: number;
  readonly task: TaskKind;
  /** The task matrix A (K x P) when `task` is `matrix`. */
  readonly matrix: readonly (readonly number[])[];
  /** Weight scale sigma of the prior (model.md §3). */
  readonly weightScale: number;
  readonly nonlinearity: NonlinearityName;
  /** Prior of the context weights v (mean mu_v, std sigma_v). */
  readonly contextMean: number;
  readonly contextStd: number;
  /** Neurons drawn for the scatter. */
  readonly neurons: number;
  /** Seed of the sampled neurons and of the Monte Carlo estimator. */
  readonly seed: number;
}

/** Limits of the controls: K beyond 12 takes seconds per change (2^K patterns, model.md §6). */
export const LIMITS = Object.freeze({
  contexts: { min: 1, max: 14 },
  stimuli: { min: 1, max: 14 },
  /** log10 of sigma on the slider. */
  logWeightScale: { min: -2, max: 2, step: 0.05 },
  contextStd: { min: 0.05, max: 10 },
  contextMean: { min: -5, max: 5 },
  neurons: { min: 100, max: 20000 },
  matrixEntries: 400,
});

export const DEFAULT_STATE: ViewerState = Object.freeze({
  contexts: 3,
  stimuli: 2,
  task: 'select',
  matrix: Object.freeze([Object.freeze([1, 0]), Object.freeze([0, 1])]),
  weightScale: 1,
  nonlinearity: 'relu',
  contextMean: 0,
  contextStd: 1,
  neurons: 2000,
  seed: 1,
}) as ViewerState;

/** K and P of the state's task. */
export function taskShape(state: ViewerState): { contexts: number; stimuli: number } {
  if (state.task === 'matrix') return { contexts: state.matrix.length, stimuli: state.matrix[0]?.length ?? 0 };
  if (state.task === 'select') return { contexts: state.contexts, stimuli: state.contexts };
  return { contexts: state.contexts, stimuli: state.stimuli };
}

export function isNonlinearity(value: string): value is NonlinearityName {
  return (NONLINEARITY_NAMES as readonly string[]).includes(value);
}

export function isTaskKind(value: string): value is TaskKind {
  return (TASK_KINDS as readonly string[]).includes(value);
}
