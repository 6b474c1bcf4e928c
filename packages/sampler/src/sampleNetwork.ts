import { assertNever, DEFAULT_SEED, invalid, resolveOptions, type Progress } from '@maxent/core';
import { sampleExactNeurons } from './exactNeurons.js';
import { MCMC_NEURON_DEFAULTS, type McmcThin, type McmcVariant, type NetworkDiagnostics } from './mcmcNeurons.js';
import { sampleMcmcNeurons } from './mcmcNetwork.js';
import type { SampledNetwork, SolutionLaw } from './network.js';

/** `exact`: independent exact draws (binary gains, relu; model.md §8); `mcmc`: Metropolis-Hastings (any nonlinearity). */
export const SAMPLING_METHODS = ['exact', 'mcmc'] as const;
export type SamplingMethod = (typeof SAMPLING_METHODS)[number];

/** Options of {@link sampleNetwork}; the chain settings apply to `mcmc` only. */
export interface SampleNetworkOptions {
  /** N, integer >= 1. */
  readonly neurons: number;
  /** Default `exact`. */
  readonly method?: SamplingMethod;
  /** Master seed; default DEFAULT_SEED (1). */
  readonly seed?: number | string;
  /** mcmc: default `blocked`. */
  readonly variant?: McmcVariant;
  /** mcmc: independent chains; default 4. */
  readonly chains?: number;
  /** mcmc: warm-up iterations per chain; default 1000. */
  readonly warmup?: number;
  /** mcmc: keep every `thin`-th state, or `auto` (default): thin until ESS of f >= N / 2 (thinning.ts). */
  readonly thin?: McmcThin;
  /** mcmc, thin auto: the largest thinning it may choose; default AUTO_THIN.maxThin. */
  readonly maxThin?: number;
  /** Neurons drawn (exact) or chain iterations run (mcmc) out of the total. */
  readonly onProgress?: (progress: Progress) => void;
  readonly signal?: AbortSignal;
}

export const SAMPLE_NETWORK_DEFAULTS = Object.freeze({
  method: 'exact' as SamplingMethod,
  seed: DEFAULT_SEED as number | string,
  ...MCMC_NEURON_DEFAULTS,
});

/** What {@link sampleNetwork} returns, whichever the method. */
export interface NetworkSample {
  readonly method: SamplingMethod;
  readonly network: SampledNetwork;
  /** The chains' convergence diagnostics (mcmc); null for exact draws, which need none. */
  readonly diagnostics: NetworkDiagnostics | null;
}

const MCMC_ONLY = ['variant', 'chains', 'warmup', 'thin', 'maxThin'] as const;

/**
 * Draws a finite network of N neurons from a max-ent solution (model.md §8) with
 * the chosen method: the one entry point behind `maxent sample`.
 */
export function sampleNetwork(solution: SolutionLaw, options: SampleNetworkOptions): NetworkSample {
  const settings = resolveOptions(SAMPLE_NETWORK_DEFAULTS, options);
  const { method, neurons, seed, onProgress, signal } = settings;
  if (!(SAMPLING_METHODS as readonly string[]).includes(method)) {
    throw invalid('method', `must be one of ${SAMPLING_METHODS.join(', ')}`, method);
  }
  switch (method) {
    case 'exact': {
      for (const key of MCMC_ONLY) {
        if (options[key] !== undefined) throw invalid(key, 'only applies to method mcmc', options[key]);
      }
      return { method, network: sampleExactNeurons(solution, { neurons, seed, onProgress, signal }), diagnostics: null };
    }
    case 'mcmc': {
      const { variant, chains, warmup, thin, maxThin } = settings;
      const { network, diagnostics } = sampleMcmcNeurons(solution, { neurons, seed, variant, chains, warmup, thin, maxThin, onProgress, signal });
      return { method, network, diagnostics };
    }
    default:
      return assertNever(method);
  }
}
