import { invalid } from '@maxent/core';
import type { NetworkWeights } from '@maxent/constraints';

/** The weights of any 2-layer network of model.md §2 (`@maxent/constraints`): what the analysis needs. */
export type { NetworkWeights };

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
