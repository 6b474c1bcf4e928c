import { invalid, resolveOptions } from '@maxent/core';
import { drawMcmcNeurons, MCMC_NEURON_DEFAULTS, mcmcDiagnostics, type McmcNeuronOptions, type McmcNeuronResult } from './mcmcNeurons.js';
import type { SampledNetwork, SolutionLaw } from './network.js';
import { autoThinnedDraws } from './thinning.js';

/**
 * Draws a network of N neurons from p_lambda by Metropolis-Hastings (model.md §8
 * "mcmc"), with its diagnostics: at a fixed thinning, or with thin auto (the
 * default), thinned until the constraint functions have ESS >= N / 2
 * (thinning.ts). Neurons are ordered chain by chain; the first N draws are kept.
 */
export function sampleMcmcNeurons(solution: SolutionLaw, options: McmcNeuronOptions): McmcNeuronResult {
  const settings = resolveOptions(MCMC_NEURON_DEFAULTS, options);
  const { thin, maxThin, ...rest } = settings;
  let run;
  if (thin === 'auto') {
    const chains = settings.chains;
    if (!Number.isInteger(chains) || chains < 1) throw invalid('chains', 'must be an integer >= 1', chains);
    run = autoThinnedDraws(solution, { ...rest, chains, maxThin });
  } else {
    if (maxThin !== undefined) throw invalid('maxThin', 'only applies to thin auto', maxThin);
    if (typeof thin !== 'number') throw invalid('thin', 'must be an integer >= 1 or "auto"', thin);
    const draws = drawMcmcNeurons(solution, { ...rest, thin });
    run = { draws, diagnostics: mcmcDiagnostics(solution, draws) };
  }
  const { network: all } = run.draws;
  const { neurons } = options;
  const network: SampledNetwork = {
    ...all,
    neurons,
    u: all.u.slice(0, neurons * all.stimuli),
    v: all.v.slice(0, neurons * all.contexts),
    w: all.w.slice(0, neurons),
  };
  return { network, diagnostics: run.diagnostics };
}
