import type { Mat } from '@maxent/core';
import type { NonlinearityName } from './nonlinearity.js';

/**
 * The weights of a 2-layer network of model.md §2 as plain arrays: N neurons,
 * each with stimulus weights u_i (P), context weights v_i (K) and readout w_i;
 * z = (1/N) sum_i w_i phi(u_i . s + v_i . c). Any producer (the sampler, the
 * trainer, a Python script) can fill these arrays; the analysis needs no more.
 */
export interface NetworkWeights {
  readonly nonlinearity: NonlinearityName;
  /** N */
  readonly neurons: number;
  /** P */
  readonly stimuli: number;
  /** K */
  readonly contexts: number;
  /** Stimulus weights u, N x P row-major. */
  readonly u: Float64Array;
  /** Context weights v, N x K row-major. */
  readonly v: Float64Array;
  /** Readout weights w, length N. */
  readonly w: Float64Array;
}

/** A network together with the task it is meant to solve (what sampling and training produce). */
export interface Network extends NetworkWeights {
  /** Task matrix A, K x P. */
  readonly task: Mat;
}
