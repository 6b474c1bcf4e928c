import type { Rng } from '@maxent/core';
import type { ProposalKernel } from './proposals.js';

/** An unnormalised log density on R^d: -Infinity outside the support, never NaN. */
export type LogDensity = (state: Float64Array) => number;

/** Outcome of one Metropolis-Hastings step. */
export interface StepOutcome {
  readonly accepted: boolean;
  /** min(1, exp(delta)): the acceptance probability, used for step-size adaptation. */
  readonly acceptanceProbability: number;
}

/**
 * Mutable state of one chain: the current point and its log density, kept
 * together so the density is evaluated once per proposal.
 */
export interface ChainState {
  readonly position: Float64Array;
  logDensity: number;
}

function describeState(state: Float64Array): string {
  const shown = Array.from(state.subarray(0, 8), (x) => Number(x.toPrecision(6)));
  return `[${shown.join(', ')}${state.length > 8 ? ', ...' : ''}]`;
}

/** Evaluates the log density and rejects NaN with a message naming the state (style.md). */
export function checkedLogDensity(logDensity: LogDensity, state: Float64Array): number {
  const value = logDensity(state);
  if (Number.isNaN(value)) {
    throw new RangeError(`log density is NaN at state ${describeState(state)}; it must be a number or -Infinity`);
  }
  return value;
}

/**
 * One Metropolis-Hastings step. With target pi and proposal q the Hastings
 * ratio is pi(x') q(x | x') / (pi(x) q(x' | x)); in log space
 * delta = log pi(x') - log pi(x) + logHastingsRatio, and the move is accepted
 * iff log(u) < delta, u ~ U(0, 1) (so a -Infinity target is never entered).
 * Updates `state` in place.
 */
export function metropolisStep(
  state: ChainState,
  logDensity: LogDensity,
  propose: ProposalKernel,
  stepSize: number,
  rng: Rng,
): StepOutcome {
  const { proposal, logHastingsRatio } = propose(state.position, stepSize, rng);
  const proposed = checkedLogDensity(logDensity, proposal);
  const delta = proposed - state.logDensity + logHastingsRatio;
  const acceptanceProbability = delta >= 0 ? 1 : Math.exp(delta);
  // u = 1 - next() lies in (0, 1]: log(u) is finite, and a move with delta > 0 is always taken.
  const accepted = Math.log(1 - rng.next()) < delta;
  if (accepted) {
    state.position.set(proposal);
    state.logDensity = proposed;
  }
  return { accepted, acceptanceProbability: Number.isNaN(acceptanceProbability) ? 0 : acceptanceProbability };
}
