import type { Rng } from '@maxent/core';

/**
 * What a proposal returns: the candidate state and the Hastings term
 * log q(current | proposal) - log q(proposal | current), which is 0 for a
 * symmetric proposal (style.md "API"; emcee `moves/mh.py`).
 */
export interface ProposalResult {
  readonly proposal: Float64Array;
  readonly logHastingsRatio: number;
}

/**
 * A proposal kernel: draws a candidate from `current` with overall step size
 * `stepSize` (the quantity adapted during warm-up). It may reuse one output
 * buffer between calls: the caller copies what it keeps.
 */
export type ProposalKernel = (current: Float64Array, stepSize: number, rng: Rng) => ProposalResult;

/** Builds one proposal kernel per chain (each with its own buffers). */
export type ProposalFactory = (dimension: number) => ProposalKernel;

/**
 * Gaussian random walk x' = x + stepSize * scales ⊙ z, z ~ N(0, I). Symmetric, so
 * its Hastings term is exactly 0. `scales` (default all 1) sets the relative
 * scale of each coordinate, e.g. sigma for (u, w) and sigma_v for v (model.md §4).
 */
export function gaussianRandomWalk(scales?: ArrayLike<number>): ProposalFactory {
  return (dimension) => {
    if (scales !== undefined && scales.length !== dimension) {
      throw new RangeError(`gaussianRandomWalk: ${scales.length} scales for dimension ${dimension}`);
    }
    const scale = Float64Array.from(scales ?? new Float64Array(dimension).fill(1));
    const proposal = new Float64Array(dimension);
    const result = { proposal, logHastingsRatio: 0 };
    return (current, stepSize, rng) => {
      for (let i = 0; i < dimension; i++) proposal[i] = current[i] + stepSize * scale[i] * rng.normal();
      return result;
    };
  };
}
