import type { Mat } from '@maxent/core';
import type { MaxentProblem, Network } from '@maxent/constraints';

/**
 * What the samplers need from a max-ent solution: the problem (task, prior,
 * nonlinearity) and the multipliers lambda (K x P). A solution file is fully
 * determined by these two (interfaces.md, `maxent sample`).
 */
export interface SolutionLaw {
  readonly problem: MaxentProblem;
  readonly lambda: Mat;
}

/** A finite network of N neurons drawn from p_lambda (model.md §2, §8): the shared plain `Network`. */
export type SampledNetwork = Network;
