/**
 * Summary observables of model.md §6, shared by the solver (exact populations)
 * and the analysis of finite networks (empirical populations, §10), so both
 * report the same keys with the same meaning.
 */
export interface PopulationShare {
  /** Binary gain pattern, one 0/1 per context. */
  readonly pattern: ArrayLike<number>;
  /** pi(g): fraction of neurons. */
  readonly fraction: number;
  /** eps(g): share of output-weight energy. */
  readonly energyShare: number;
  /** chi(g): selectivity index in [1/P, 1]. */
  readonly selectivity: number;
}

export interface PopulationSummary {
  /** Energy share of neurons active in exactly one context. */
  readonly specialization: number;
  /** Its value under the prior, K rho (1 - rho)^(K-1). */
  readonly specializationPrior: number;
  /** sum_g eps(g) chi(g). */
  readonly selectivity: number;
  /** (selectivity - 1/P) / (1 - 1/P); null when P = 1. */
  readonly selectivityNormalized: number | null;
  /** Distribution of the number of active contexts (index 0..K), by fraction and by energy. */
  readonly activeCount: { readonly byFraction: number[]; readonly byEnergy: number[] };
}

/**
 * Summarises populations over K contexts and P stimuli. `populations` must cover
 * all of the mass (fractions and energy shares each sum to 1); `rho` is the prior
 * probability of a context being active (model.md §6).
 */
export function summarizePopulations(
  populations: readonly PopulationShare[],
  contexts: number,
  stimuli: number,
  rho: number,
): PopulationSummary {
  const byFraction = new Array<number>(contexts + 1).fill(0);
  const byEnergy = new Array<number>(contexts + 1).fill(0);
  let selectivity = 0;
  for (const population of populations) {
    let active = 0;
    for (let k = 0; k < contexts; k++) if (population.pattern[k]) active++;
    byFraction[active] += population.fraction;
    byEnergy[active] += population.energyShare;
    selectivity += population.energyShare * population.selectivity;
  }
  return {
    specialization: contexts >= 1 ? byEnergy[1] : 0,
    specializationPrior: contexts * rho * (1 - rho) ** (contexts - 1),
    selectivity,
    selectivityNormalized: stimuli === 1 ? null : (selectivity - 1 / stimuli) / (1 - 1 / stimuli),
    activeCount: { byFraction, byEnergy },
  };
}
