import type { LoadingPoints } from '@maxent/constraints';

/**
 * For odd phi on a grid symmetric under m -> -m (the tensor trapezoid: node j mirrors
 * node count - 1 - j), phi, a, the tilt and every summand of the moments and Grams
 * are even in m: half the nodes with doubled weights (the origin once) give the same
 * sums at half the cost.
 */
export function foldedPoints(prior: LoadingPoints): LoadingPoints {
  const R = prior.rank;
  const center = (prior.count - 1) / 2;
  const count = center + 1;
  const weights = Float64Array.from({ length: count }, (_, j) => (j === center ? prior.weights[j] : 2 * prior.weights[j]));
  return { ...prior, count, m: prior.m.subarray(0, count * R), weights };
}
