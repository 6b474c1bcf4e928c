// Shared fixtures of the sampler tests (not exported from the package).
import { fromRows } from '@maxent/core';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import type { SolutionLaw } from './network.js';

/** A solution law from a partial config and lambda rows (any admissible lambda will do for sampler tests). */
export function lawOf(config: Record<string, unknown>, lambdaRows: number[][]): SolutionLaw {
  return { problem: problemFromConfig(parseConfig(config)), lambda: fromRows(lambdaRows) };
}

/** Relu, K = 2 select task, sigma = 1, with multipliers of the size a solve gives. */
export const RELU_K2 = lawOf({ task: { name: 'select', contexts: 2 } }, [
  [0.7, -0.2],
  [-0.2, 0.7],
]);

/** Relu, K = 4, asymmetric multipliers, sigma = 0.8, q < 1 on every pattern. */
export const RELU_K4 = lawOf({ task: { name: 'select', contexts: 4 }, weightScale: 0.8 }, [
  [0.9, -0.2, 0.1, 0],
  [-0.2, 0.8, 0, 0.1],
  [0.1, 0, 0.7, -0.3],
  [0, 0.1, -0.3, 0.6],
]);
