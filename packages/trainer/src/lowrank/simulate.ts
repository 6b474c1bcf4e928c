import { invalid, invertSmallMatrix, resolveOptions } from '@maxent/core';
import { nonlinearity, type LowRankNetwork } from '@maxent/constraints';

export const INTEGRATION_METHODS = ['euler', 'rk2'] as const;
export type IntegrationMethod = (typeof INTEGRATION_METHODS)[number];

export interface SimulateOptions {
  /** alpha = dt / tau. Default 0.05. */
  readonly alpha?: number;
  /** Steps of length alpha tau. Default 400 (20 tau at alpha 0.05). */
  readonly steps?: number;
  /** Euler (the discrete-time network of model.md §14) or Heun's RK2. Default euler. */
  readonly method?: IntegrationMethod;
  /** Record the latents every this many steps (and at the start). Default 1. */
  readonly recordEvery?: number;
  readonly signal?: AbortSignal;
}

export const SIMULATE_DEFAULTS = Object.freeze({ alpha: 0.05, steps: 400, method: 'euler' as IntegrationMethod, recordEvery: 1 });

/** Latent trajectories of a simulation: trials x records x R, and the final full states. */
export interface Simulation {
  readonly trials: number;
  readonly records: number;
  readonly rank: number;
  /** trials x records x R row-major: kappa = (M^T M)^-1 M^T x at each record. */
  readonly latents: Float64Array;
  /** trials x N: the state after the last step. */
  readonly finalStates: Float64Array;
  /** Time of each record in units of tau. */
  readonly times: Float64Array;
}

/**
 * Simulates the full N-dimensional network `tau dx/dt = -x + (1/N) M N^T phi(x) + d`
 * (model.md §14) from each initial state (trials x N), with step alpha, by Euler
 * (`x <- x + alpha (-x + J phi(x) + d)`) or Heun's method, never forming J: each
 * step is O(N R). Latents are read off by least squares.
 */
export function simulateLowRank(network: LowRankNetwork, initialStates: Float64Array, options: SimulateOptions = {}): Simulation {
  const settings = resolveOptions(SIMULATE_DEFAULTS, options);
  const { rank: R, neurons: N } = network;
  if (!(settings.alpha > 0 && settings.alpha <= 1)) throw invalid('alpha', 'must be a number in (0, 1]', settings.alpha);
  if (!Number.isInteger(settings.steps) || settings.steps < 0) throw invalid('steps', 'must be an integer >= 0', settings.steps);
  if (!Number.isInteger(settings.recordEvery) || settings.recordEvery < 1) throw invalid('recordEvery', 'must be an integer >= 1', settings.recordEvery);
  if (!(settings.method === 'euler' || settings.method === 'rk2')) throw invalid('method', `must be one of ${INTEGRATION_METHODS.join(', ')}`, settings.method);
  if (initialStates.length === 0 || initialStates.length % N !== 0) throw invalid('initialStates', `must be trials x ${N}`, `${initialStates.length} numbers`);
  const trials = initialStates.length / N;
  const records = Math.floor(settings.steps / settings.recordEvery) + 1;
  const latents = new Float64Array(trials * records * R);
  const finalStates = new Float64Array(trials * N);
  const readout = latentReadout(network);
  const { value } = nonlinearity(network.nonlinearity);
  const x = new Float64Array(N);
  const k1 = new Float64Array(N);
  const k2 = new Float64Array(N);
  const trial1 = new Float64Array(N);
  const projection = new Float64Array(R);
  const drift = (state: Float64Array, out: Float64Array) => {
    projection.fill(0);
    for (let i = 0; i < N; i++) {
      const phi = value(state[i]);
      for (let r = 0; r < R; r++) projection[r] += network.n[i * R + r] * phi;
    }
    for (let r = 0; r < R; r++) projection[r] /= N;
    for (let i = 0; i < N; i++) {
      let input = network.bias === null ? 0 : network.bias[i];
      for (let r = 0; r < R; r++) input += network.m[i * R + r] * projection[r];
      out[i] = -state[i] + input;
    }
  };
  const alpha = settings.alpha;
  for (let trial = 0; trial < trials; trial++) {
    x.set(initialStates.subarray(trial * N, (trial + 1) * N));
    readout(x, latents.subarray(trial * records * R, trial * records * R + R));
    for (let step = 1; step <= settings.steps; step++) {
      drift(x, k1);
      if (settings.method === 'euler') {
        for (let i = 0; i < N; i++) x[i] += alpha * k1[i];
      } else {
        for (let i = 0; i < N; i++) trial1[i] = x[i] + alpha * k1[i];
        drift(trial1, k2);
        for (let i = 0; i < N; i++) x[i] += 0.5 * alpha * (k1[i] + k2[i]);
      }
      if (step % settings.recordEvery === 0) {
        const at = (trial * records + step / settings.recordEvery) * R;
        readout(x, latents.subarray(at, at + R));
      }
    }
    settings.signal?.throwIfAborted();
    finalStates.set(x, trial * N);
  }
  const times = Float64Array.from({ length: records }, (_, k) => k * settings.recordEvery * alpha);
  return { trials, records, rank: R, latents, finalStates, times };
}

/** kappa = (M^T M)^-1 M^T x (model.md §14), as a function writing into `out`; throws when M has rank < R. */
export function latentReadout(network: LowRankNetwork): (x: Float64Array, out: Float64Array) => void {
  const { rank: R, neurons: N, m } = network;
  const gram = new Float64Array(R * R);
  for (let i = 0; i < N; i++) for (let r = 0; r < R; r++) for (let s = 0; s < R; s++) gram[r * R + s] += m[i * R + r] * m[i * R + s];
  const inverted = invertSmallMatrix(gram, R, 1e-300);
  if (inverted === null) throw invalid('m', 'must have full column rank (M^T M is singular)', 'a rank-deficient M');
  const { inverse } = inverted;
  const mtx = new Float64Array(R);
  return (x, out) => {
    mtx.fill(0);
    for (let i = 0; i < N; i++) for (let r = 0; r < R; r++) mtx[r] += m[i * R + r] * x[i];
    for (let r = 0; r < R; r++) {
      let sum = 0;
      for (let s = 0; s < R; s++) sum += inverse[r * R + s] * mtx[s];
      out[r] = sum;
    }
  };
}

/** Initial states x = M kappa (+ d) in the span, one per latent point (trials x R). */
export function statesInSpan(network: LowRankNetwork, kappa: Float64Array): Float64Array {
  const { rank: R, neurons: N } = network;
  const trials = kappa.length / R;
  const states = new Float64Array(trials * N);
  for (let trial = 0; trial < trials; trial++) {
    for (let i = 0; i < N; i++) {
      let x = network.bias === null ? 0 : network.bias[i];
      for (let r = 0; r < R; r++) x += network.m[i * R + r] * kappa[trial * R + r];
      states[trial * N + i] = x;
    }
  }
  return states;
}
