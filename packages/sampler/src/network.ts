import type { Mat } from '@maxent/core';
import type { MaxentProblem, NonlinearityName } from '@maxent/constraints';

/**
 * What the samplers need from a max-ent solution: the problem (task, prior,
 * nonlinearity) and the multipliers lambda (K x P). A solution file is fully
 * determined by these two (interfaces.md, `maxent sample`).
 */
export interface SolutionLaw {
  readonly problem: MaxentProblem;
  readonly lambda: Mat;
}

/**
 * A finite network of N neurons drawn from p_lambda (model.md §2, §8), as plain
 * data. Structurally identical to the trainer's `Network`, so evaluation and
 * analysis accept it as is (the sampler does not depend on the trainer).
 */
export interface SampledNetwork {
  readonly nonlinearity: NonlinearityName;
  /** N */
  readonly neurons: number;
  /** P */
  readonly stimuli: number;
  /** K */
  readonly contexts: number;
  /** N x P, row-major. */
  readonly u: Float64Array;
  /** N x K, row-major. */
  readonly v: Float64Array;
  /** N */
  readonly w: Float64Array;
  /** Task matrix A, K x P. */
  readonly task: Mat;
}
