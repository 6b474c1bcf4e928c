import { createRng, deriveSeed, invalid, resolveOptions, type Progress, type Rng } from '@maxent/core';
import { checkedLogDensity, metropolisStep, type ChainState, type LogDensity } from './metropolis.js';
import { gaussianRandomWalk, type ProposalFactory } from './proposals.js';

/** Options of {@link sampleChains}; defaults in {@link CHAIN_DEFAULTS}. */
export interface ChainsOptions {
  /** Master seed: chain c runs on the stream deriveSeed(seed, c). Required: results are reproducible. */
  readonly seed: number | string;
  /** Number of independent chains. */
  readonly chains?: number;
  /** Warm-up iterations per chain (step size adapted, draws discarded). */
  readonly warmup?: number;
  /** Draws kept per chain after warm-up. */
  readonly draws?: number;
  /** Keep every `thin`-th state after warm-up. */
  readonly thin?: number;
  /** Starting point: a fixed point, or one per chain drawn from the chain's own stream. Default: the origin. */
  readonly initial?: ArrayLike<number> | ((chainIndex: number, rng: Rng) => ArrayLike<number>);
  /** Proposal kernel factory; default a Gaussian random walk with unit scales. */
  readonly proposal?: ProposalFactory;
  /** Starting step size; default 2.38 / sqrt(d) (Gelman, Roberts & Gilks 1996). */
  readonly initialStepSize?: number;
  /** Acceptance probability the warm-up adaptation aims at. */
  readonly targetAcceptance?: number;
  /** Adapt the step size during warm-up (then frozen). */
  readonly adapt?: boolean;
  /** Iterations done (warm-up included) out of the total, over all chains. */
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

export const CHAIN_DEFAULTS = Object.freeze({
  chains: 4,
  warmup: 1000,
  draws: 1000,
  thin: 1,
  // 0.234 is the asymptotically optimal random-walk acceptance rate (Roberts, Gelman & Gilks 1997).
  targetAcceptance: 0.234,
  adapt: true,
});

/** Draws of several chains of equal length. */
export interface ChainsResult {
  readonly chains: number;
  /** Draws kept per chain. */
  readonly draws: number;
  readonly dimension: number;
  /** One array per chain, `draws` rows of `dimension` values, row-major. */
  readonly samples: readonly Float64Array[];
  /** Fraction of accepted proposals after warm-up, per chain. */
  readonly acceptanceRate: readonly number[];
  /** Step size per chain after warm-up (frozen while drawing). */
  readonly stepSize: readonly number[];
}

/** One chain's output (see {@link runChain}). */
export interface ChainOutput {
  readonly samples: Float64Array;
  readonly acceptanceRate: number;
  readonly stepSize: number;
}

type ResolvedOptions = Required<Omit<ChainsOptions, 'initial' | 'onProgress' | 'signal' | 'initialStepSize'>> &
  Pick<ChainsOptions, 'initial' | 'onProgress' | 'signal' | 'initialStepSize'>;

const PROGRESS_EVERY = 1024;

/** Validates options once, at the boundary (style.md "Numbers"). */
export function resolveChainsOptions(options: ChainsOptions): ResolvedOptions {
  const resolved: ResolvedOptions = resolveOptions({ ...CHAIN_DEFAULTS, proposal: gaussianRandomWalk() }, options);
  const integer = (field: keyof ResolvedOptions, min: number) => {
    const value = resolved[field];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
      throw invalid(field, `must be an integer >= ${min}`, value);
    }
  };
  integer('chains', 1);
  integer('warmup', 0);
  integer('draws', 1);
  integer('thin', 1);
  if (!(resolved.targetAcceptance > 0 && resolved.targetAcceptance < 1)) {
    throw invalid('targetAcceptance', 'must be a number in (0, 1)', resolved.targetAcceptance);
  }
  if (resolved.initialStepSize !== undefined && !(resolved.initialStepSize > 0 && Number.isFinite(resolved.initialStepSize))) {
    throw invalid('initialStepSize', 'must be a positive finite number', resolved.initialStepSize);
  }
  if (typeof resolved.seed !== 'number' && typeof resolved.seed !== 'string') {
    throw invalid('seed', 'must be a number or a string', resolved.seed);
  }
  return resolved;
}

/**
 * Runs chain `chainIndex` alone. Its stream is createRng(deriveSeed(seed, chainIndex)),
 * so a chain's draws depend only on the master seed and its index, never on how
 * many chains run or in which order (or on which thread). `progressOffset` lets a
 * caller running chains in sequence report overall progress.
 */
export function runChain(
  logDensity: LogDensity,
  dimension: number,
  chainIndex: number,
  options: ChainsOptions,
  progressOffset = 0,
): ChainOutput {
  const resolved = resolveChainsOptions(options);
  return runResolvedChain(logDensity, dimension, chainIndex, resolved, progressOffset);
}

/** One kept draw of a chain, as {@link chainSteps} yields it. */
export interface ChainDraw {
  readonly chainIndex: number;
  /** Index of the kept draw, 0..draws-1. */
  readonly draw: number;
  /** The chain's current state: a live view, overwritten by the next step (copy what you keep). */
  readonly position: Float64Array;
  readonly logDensity: number;
  /** The frozen step size. */
  readonly stepSize: number;
  /** Accepted proposals since warm-up ended. */
  readonly accepted: number;
}

/** What a drained {@link chainSteps} returns. */
export interface ChainSummary {
  readonly acceptanceRate: number;
  readonly stepSize: number;
}

/**
 * Generator variant of {@link runChain} (like emcee's `sample()`): runs the
 * warm-up, then yields each kept draw, so a caller can stream, stop early or show
 * draws as they come. {@link runChain} and {@link sampleChains} drain it.
 */
export function chainSteps(
  logDensity: LogDensity,
  dimension: number,
  chainIndex: number,
  options: ChainsOptions,
  progressOffset = 0,
): Generator<ChainDraw, ChainSummary> {
  return resolvedChainSteps(logDensity, dimension, chainIndex, resolveChainsOptions(options), progressOffset);
}

function* resolvedChainSteps(
  logDensity: LogDensity,
  dimension: number,
  chainIndex: number,
  options: ResolvedOptions,
  progressOffset: number,
): Generator<ChainDraw, ChainSummary> {
  const rng = createRng(deriveSeed(options.seed, chainIndex));
  const start = typeof options.initial === 'function' ? options.initial(chainIndex, rng) : options.initial;
  const position = new Float64Array(dimension);
  if (start !== undefined) {
    if (start.length !== dimension) throw invalid('initial', `must have ${dimension} values (the dimension)`, Array.from(start));
    position.set(Array.from(start));
  }
  const state: ChainState = { position, logDensity: checkedLogDensity(logDensity, position) };
  if (!(state.logDensity > -Infinity) || state.logDensity === Infinity) {
    throw invalid('initial', 'must be a point where the log density is finite', Array.from(position));
  }
  const propose = options.proposal(dimension);
  let logStep = Math.log(options.initialStepSize ?? 2.38 / Math.sqrt(dimension));
  const { warmup, draws, thin, targetAcceptance, onProgress, signal } = options;
  const total = options.chains * (warmup + draws * thin);

  const tick = (iteration: number) => {
    if ((iteration + 1) % PROGRESS_EVERY === 0) {
      signal?.throwIfAborted();
      onProgress?.({ done: progressOffset + iteration + 1, total });
    }
  };

  // Warm-up: Robbins-Monro on the log step size, log h += t^-0.6 (alpha_t - target).
  // The decaying gain makes the step settle; it is frozen afterwards so that the
  // kept draws come from one fixed, reversible kernel.
  for (let t = 0; t < warmup; t++) {
    const stepSize = Math.exp(logStep);
    const outcome = metropolisStep(state, logDensity, propose, stepSize, rng);
    if (options.adapt) logStep += Math.pow(t + 1, -0.6) * (outcome.acceptanceProbability - targetAcceptance);
    tick(t);
  }

  const stepSize = Math.exp(logStep);
  let accepted = 0;
  let iteration = warmup;
  for (let d = 0; d < draws; d++) {
    for (let s = 0; s < thin; s++) {
      if (metropolisStep(state, logDensity, propose, stepSize, rng).accepted) accepted++;
      tick(iteration++);
    }
    yield { chainIndex, draw: d, position, logDensity: state.logDensity, stepSize, accepted };
  }
  return { acceptanceRate: accepted / (draws * thin), stepSize };
}

// Drains the generator: one loop for the batch and the streaming variants.
function runResolvedChain(
  logDensity: LogDensity,
  dimension: number,
  chainIndex: number,
  options: ResolvedOptions,
  progressOffset: number,
): ChainOutput {
  const samples = new Float64Array(options.draws * dimension);
  const steps = resolvedChainSteps(logDensity, dimension, chainIndex, options, progressOffset);
  let next = steps.next();
  while (!next.done) {
    samples.set(next.value.position, next.value.draw * dimension);
    next = steps.next();
  }
  return { samples, acceptanceRate: next.value.acceptanceRate, stepSize: next.value.stepSize };
}

/**
 * Random-walk Metropolis-Hastings on an unnormalised log density over R^d with
 * several independent chains (model.md §8): per-chain step-size adaptation during
 * warm-up only, then a fixed kernel; thinning; seeded per-chain streams.
 */
export function sampleChains(logDensity: LogDensity, dimension: number, options: ChainsOptions): ChainsResult {
  if (!Number.isInteger(dimension) || dimension < 1) throw invalid('dimension', 'must be an integer >= 1', dimension);
  const resolved = resolveChainsOptions(options);
  const perChain = resolved.warmup + resolved.draws * resolved.thin;
  const outputs: ChainOutput[] = [];
  for (let c = 0; c < resolved.chains; c++) {
    outputs.push(runResolvedChain(logDensity, dimension, c, resolved, c * perChain));
  }
  resolved.onProgress?.({ done: resolved.chains * perChain, total: resolved.chains * perChain });
  return {
    chains: resolved.chains,
    draws: resolved.draws,
    dimension,
    samples: outputs.map((output) => output.samples),
    acceptanceRate: outputs.map((output) => output.acceptanceRate),
    stepSize: outputs.map((output) => output.stepSize),
  };
}

/** The chains of one coordinate, ready for the diagnostics. */
export function coordinateChains(result: ChainsResult, coordinate: number): Float64Array[] {
  return result.samples.map((samples) => {
    const out = new Float64Array(result.draws);
    for (let d = 0; d < result.draws; d++) out[d] = samples[d * result.dimension + coordinate];
    return out;
  });
}

/** The chains of a scalar function of the state, e.g. a constraint function f_kj. */
export function quantityChains(result: ChainsResult, quantity: (state: Float64Array) => number): Float64Array[] {
  return result.samples.map((samples) => {
    const out = new Float64Array(result.draws);
    for (let d = 0; d < result.draws; d++) {
      out[d] = quantity(samples.subarray(d * result.dimension, (d + 1) * result.dimension));
    }
    return out;
  });
}
