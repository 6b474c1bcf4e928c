import { invalid } from '@maxent/core';
import type { NonlinearityName } from '@maxent/constraints';

/**
 * The weights of any 2-layer network of model.md §2 as plain arrays: what the
 * analysis needs, nothing more. The trainer's and sampler's `Network` fit this
 * shape, and so does a network trained elsewhere (fill the arrays yourself).
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

/** Checks the array lengths against N, P, K once, at the boundary (style.md "Numbers"). */
export function checkNetworkWeights(network: NetworkWeights, field = 'network'): void {
  const { neurons, stimuli, contexts } = network;
  for (const [key, value] of [
    ['neurons', neurons],
    ['stimuli', stimuli],
    ['contexts', contexts],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw invalid(`${field}.${key}`, 'must be an integer >= 1', value);
  }
  const lengths = [
    ['u', network.u, neurons * stimuli, 'N x P'],
    ['v', network.v, neurons * contexts, 'N x K'],
    ['w', network.w, neurons, 'N'],
  ] as const;
  for (const [key, array, expected, shape] of lengths) {
    if (array.length !== expected) {
      throw invalid(`${field}.${key}`, `must hold ${shape} = ${expected} numbers`, `${array.length} numbers`);
    }
  }
}
