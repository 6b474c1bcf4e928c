import { createRng, deriveSeed, invalid, resolveOptions, toRows, type Progress, type Rng } from '@maxent/core';
import { nonlinearity, type MaxentProblem } from '@maxent/constraints';
import { sampleChains, type ChainsResult } from './chains.js';
import { convergenceWarnings, diagnose, type QuantityDiagnostics } from './diagnostics.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { createConditionalWorkspace, fullLogDensity, marginalContextLogDensity, neuronDimension } from './neuronDensity.js';
import { gaussianRandomWalk } from './proposals.js';

/** `full`: random walk on theta in R^(P+K+1); `blocked`: random walk on v, exact (u, w) | v. */
export const MCMC_VARIANTS = ['blocked', 'full'] as const;
export type McmcVariant = (typeof MCMC_VARIANTS)[number];

/** A fixed thinning (integer >= 1), or `auto`: thin until the constraint functions have ESS >= N / 2 (thinning.ts). */
export type McmcThin = number | 'auto';

export const MCMC_NEURON_DEFAULTS = Object.freeze({
  variant: 'blocked' as McmcVariant,
  chains: 4,
  warmup: 1000,
  thin: 'auto' as McmcThin,
});

/** Options of {@link drawMcmcNeurons}: one run at a fixed thinning (default 1). */
export interface McmcDrawOptions {
  /** N, integer >= 1: ceil(N / chains) draws per chain, the first N kept, chain by chain. */
  readonly neurons: number;
  readonly seed: number | string;
  readonly variant?: McmcVariant;
  readonly chains?: number;
  readonly warmup?: number;
  readonly thin?: number;
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

/** Options of {@link sampleMcmcNeurons}: `thin` may be `auto` (the default). */
export interface McmcNeuronOptions extends Omit<McmcDrawOptions, 'thin'> {
  readonly thin?: McmcThin;
  /** thin auto: the largest thinning it may choose (integer >= 1, default AUTO_THIN.maxThin). */
  readonly maxThin?: number;
}

/** The `diagnostics` of a sampled network file (interfaces.md), plus detail. */
export interface NetworkDiagnostics {
  readonly variant: McmcVariant;
  readonly chains: number;
  readonly drawsPerChain: number;
  readonly warmup: number;
  /** The thinning used (chosen by thin auto, or as given). */
  readonly thin: number;
  /**
   * min over the constraint functions f_kj of essMean / (chains x drawsPerChain):
   * the network's effective sample size per neuron for the means the constraints
   * fix (model.md §3, §8). 1 for independent draws; thin auto makes it >= 1/2.
   */
  readonly essRatio: number;
  /** How thin auto chose `thin` (absent for a fixed thinning). */
  readonly autoThin?: AutoThinReport;
  /** Mean over chains of the post-warm-up acceptance rate. */
  readonly acceptanceRate: number;
  readonly acceptanceRatePerChain: number[];
  /** Frozen random-walk step size per chain. */
  readonly stepSize: number[];
  /** Largest R-hat over the monitored quantities (every f_kj and every coordinate of theta). */
  readonly rhat: number;
  /** Smallest bulk ESS over the monitored quantities. */
  readonly ess: number;
  /** Smallest tail ESS over the monitored quantities. */
  readonly essTail: number;
  /** Mean of f over the draws against the task: mean and MCSE (K x P), target A. */
  readonly constraintCheck: { mean: number[][]; stderr: number[][]; target: number[][] };
  /** Per monitored quantity (name like "f[0][1]", "u[0]", "v[2]", "w"). */
  readonly quantities: Record<string, QuantityDiagnostics>;
  /** R-hat > 1.01 or low ESS (never an error). */
  readonly warnings: string[];
}

/** What thin auto did (thinning.ts): the pilot's estimate and every draw it made. */
export interface AutoThinReport {
  /** The essRatio aimed at: 1/2. */
  readonly target: number;
  /** Draws per chain of the pilot run (thin 1, its own seed stream). */
  readonly pilotDraws: number;
  /** Largest integrated autocorrelation time of the f_kj in the pilot, in chain iterations. */
  readonly pilotTau: number;
  /** One entry per draw of the network, the last one kept: its thinning and achieved essRatio. */
  readonly rounds: { thin: number; essRatio: number }[];
  /** Whether the kept draw reached the target. */
  readonly reached: boolean;
}

export interface McmcNeuronResult {
  readonly network: SampledNetwork;
  readonly diagnostics: NetworkDiagnostics;
}

/** Every draw of every chain (chains x drawsPerChain neurons, chain by chain), before diagnostics. */
export interface McmcDraws {
  readonly network: SampledNetwork;
  readonly variant: McmcVariant;
  readonly chains: number;
  readonly drawsPerChain: number;
  readonly warmup: number;
  readonly thin: number;
  readonly result: ChainsResult;
}

function integerOption(field: string, value: number, min: number): number {
  if (!Number.isInteger(value) || value < min) throw invalid(field, `must be an integer >= ${min}`, value);
  return value;
}

/**
 * Draws a network from p_lambda by Metropolis-Hastings (model.md §8 "mcmc") at a
 * fixed thinning, for any nonlinearity: all ceil(N / chains) draws of every
 * chain, chain by chain, no diagnostics (sampleMcmcNeurons adds them; benchmarks
 * time this alone).
 *
 * - `full`: random-walk MH on log p0(theta) + <lambda, f(theta)> over
 *   theta = (u, v, w), proposal scales sigma for u, w and sigma_v for v.
 * - `blocked`: random-walk MH on the marginal p_lambda(v) of §5, then for each
 *   kept v an exact draw of (u, w) | v ~ N(0, Sigma(v)) (the closed-form
 *   Cholesky factor of exactNeurons.ts). A collapsed Gibbs scheme: the Gaussian
 *   block never needs a Metropolis step, so the chain only mixes over K dimensions.
 */
export function drawMcmcNeurons(solution: SolutionLaw, options: McmcDrawOptions): McmcDraws {
  const { problem, lambda } = solution;
  const settings = resolveOptions({ ...MCMC_NEURON_DEFAULTS, thin: 1 }, options);
  const neurons = integerOption('neurons', settings.neurons, 1);
  const { variant } = settings;
  if (!(MCMC_VARIANTS as readonly string[]).includes(variant)) {
    throw invalid('variant', `must be one of ${MCMC_VARIANTS.join(', ')}`, variant);
  }
  const chains = integerOption('chains', settings.chains, 1);
  const warmup = integerOption('warmup', settings.warmup, 0);
  const thin = integerOption('thin', settings.thin, 1);
  const draws = Math.ceil(neurons / chains);
  const K = problem.contexts;
  const P = problem.stimuli;
  const sigma = problem.weightScale;
  const drawContexts = (rng: Rng, out: Float64Array, offset: number) => {
    for (let k = 0; k < K; k++) out[offset + k] = problem.contextMean + problem.contextStd * rng.normal();
  };
  const chainOptions = { seed: options.seed, chains, warmup, draws, thin, onProgress: options.onProgress, signal: options.signal };

  // Per-chain draws in the neuron layout (u | v | w), chain-major.
  const total = chains * draws;
  const u = new Float64Array(total * P);
  const v = new Float64Array(total * K);
  const w = new Float64Array(total);
  let result: ChainsResult;
  if (variant === 'full') {
    const dimension = neuronDimension(problem);
    const scales = new Float64Array(dimension).fill(sigma);
    scales.fill(problem.contextStd, P, P + K);
    result = sampleChains(fullLogDensity(problem, lambda), dimension, {
      ...chainOptions,
      proposal: gaussianRandomWalk(scales),
      // Start each chain from a prior draw (p0 is the reference density, §4).
      initial: (_, rng) => {
        const start = new Float64Array(dimension);
        for (let j = 0; j < P; j++) start[j] = sigma * rng.normal();
        drawContexts(rng, start, P);
        start[P + K] = sigma * rng.normal();
        return start;
      },
    });
    result.samples.forEach((samples, c) => {
      for (let d = 0; d < draws; d++) {
        const i = c * draws + d;
        const row = d * dimension;
        for (let j = 0; j < P; j++) u[i * P + j] = samples[row + j];
        for (let k = 0; k < K; k++) v[i * K + k] = samples[row + P + k];
        w[i] = samples[row + P + K];
      }
    });
  } else {
    result = sampleChains(marginalContextLogDensity(problem, lambda), K, {
      ...chainOptions,
      proposal: gaussianRandomWalk(new Float64Array(K).fill(problem.contextStd)),
      initial: (_, rng) => {
        const start = new Float64Array(K);
        drawContexts(rng, start, 0);
        return start;
      },
    });
    const workspace = createConditionalWorkspace(problem, lambda);
    const s2 = sigma * sigma;
    result.samples.forEach((samples, c) => {
      // Its own stream per chain, so the result does not depend on chain scheduling.
      const rng = createRng(deriveSeed(options.seed, c, 'conditional'));
      for (let d = 0; d < draws; d++) {
        const i = c * draws + d;
        for (let k = 0; k < K; k++) v[i * K + k] = samples[d * K + k];
        const q = workspace.evaluate(samples, d * K);
        const wi = (sigma / Math.sqrt(1 - q)) * rng.normal();
        w[i] = wi;
        for (let j = 0; j < P; j++) u[i * P + j] = s2 * workspace.axis[j] * wi + sigma * rng.normal();
      }
    });
  }

  const network: SampledNetwork = { nonlinearity: problem.nonlinearity, neurons: total, stimuli: P, contexts: K, u, v, w, task: problem.task };
  return { network, variant, chains, drawsPerChain: draws, warmup, thin, result };
}

/**
 * Diagnostics of the draws (model.md §8): acceptance, R-hat and bulk/tail ESS of
 * every f_kj and every coordinate of theta, and the constraint check mean f vs A
 * with Monte Carlo standard errors from the ESS.
 */
export function mcmcDiagnostics(solution: SolutionLaw, run: McmcDraws): NetworkDiagnostics {
  const { problem } = solution;
  const draws = run.network;
  const K = problem.contexts;
  const P = problem.stimuli;
  const chainsOf = (value: (i: number) => number) => drawChains(run, value);
  const quantities: Record<string, QuantityDiagnostics> = {};
  const mean: number[][] = [];
  const stderr: number[][] = [];
  let essMin = Infinity;
  constraintChains(problem, run).forEach((chains, t) => {
    const k = Math.floor(t / P);
    const j = t % P;
    const f = diagnose(chains);
    quantities[`f[${k}][${j}]`] = f;
    if (j === 0) {
      mean.push([]);
      stderr.push([]);
    }
    mean[k].push(f.mean);
    stderr[k].push(f.mcseMean);
    // NaN (too few draws per chain) propagates: Math.min keeps it.
    essMin = Math.min(essMin, f.essMean);
  });
  for (let j = 0; j < P; j++) quantities[`u[${j}]`] = diagnose(chainsOf((i) => draws.u[i * P + j]));
  for (let k = 0; k < K; k++) quantities[`v[${k}]`] = diagnose(chainsOf((i) => draws.v[i * K + k]));
  quantities.w = diagnose(chainsOf((i) => draws.w[i]));
  const all = Object.values(quantities);
  const warnings = Object.entries(quantities).flatMap(([name, diagnostics]) => convergenceWarnings(name, diagnostics, run.chains));
  const rates = [...run.result.acceptanceRate];
  const perChain = run.drawsPerChain;
  return {
    variant: run.variant,
    chains: run.chains,
    drawsPerChain: perChain,
    warmup: run.warmup,
    thin: run.thin,
    essRatio: essMin / (run.chains * perChain),
    acceptanceRate: rates.reduce((a, b) => a + b, 0) / rates.length,
    acceptanceRatePerChain: rates,
    stepSize: [...run.result.stepSize],
    rhat: Math.max(...all.map((d) => d.rhat)),
    ess: Math.min(...all.map((d) => d.essBulk)),
    essTail: Math.min(...all.map((d) => d.essTail)),
    constraintCheck: { mean, stderr, target: toRows(problem.task) },
    quantities,
    warnings,
  };
}

/** The draws of a per-draw quantity, one array per chain (draws are stored chain by chain). */
function drawChains(run: McmcDraws, value: (i: number) => number): Float64Array[] {
  const perChain = run.drawsPerChain;
  return Array.from({ length: run.chains }, (_, c) => {
    const out = new Float64Array(perChain);
    for (let d = 0; d < perChain; d++) out[d] = value(c * perChain + d);
    return out;
  });
}

/**
 * The chains of every constraint function f_kj = w phi'(v_k) u_j (model.md §3),
 * index k P + j: what the constraints fix the means of, so what thin auto and
 * the constraint check measure.
 */
export function constraintChains(problem: MaxentProblem, run: McmcDraws): Float64Array[][] {
  const draws = run.network;
  const K = problem.contexts;
  const P = problem.stimuli;
  const phi = nonlinearity(problem.nonlinearity);
  const out: Float64Array[][] = [];
  for (let k = 0; k < K; k++) {
    for (let j = 0; j < P; j++) out.push(drawChains(run, (i) => draws.w[i] * phi.derivative(draws.v[i * K + k]) * draws.u[i * P + j]));
  }
  return out;
}
