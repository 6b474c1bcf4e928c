import type { NetworkWeights } from '@maxent/constraints';
import { networkPopulations, type MatchPart, type NetworkPopulations, type PopulationOptions } from '@maxent/analysis';
import { compareNetworkWithSolution, comparisonToFile, type NetworkComparison, type SolutionForComparison } from './comparison.js';

export interface NetworkAnalysisOptions extends Pick<PopulationOptions, 'contextMean' | 'contextStd' | 'kMax' | 'seed'> {
  /** Compare with this max-ent solution (relu, same task; callers check). */
  readonly solution?: SolutionForComparison;
  /** With `solution`: also search the best-matching weight scale; default false. */
  readonly weightScaleSearch?: boolean;
  /** With the search: which minimiser of the joint match (model.md §15) is the best match; default joint. */
  readonly match?: MatchPart;
}

export interface NetworkAnalysis {
  readonly populations: NetworkPopulations;
  /** Null without a solution. */
  readonly comparison: NetworkComparison | null;
}

/**
 * The analysis of any network (`maxent analyze`, kind `analysis`): its
 * populations with the §6 summary (model.md §10), and with a solution their
 * comparison (the same one a sweep's trained points make).
 */
export function analyseNetwork(network: NetworkWeights, options: NetworkAnalysisOptions = {}): NetworkAnalysis {
  const { solution, weightScaleSearch, match, ...populationOptions } = options;
  const populations = networkPopulations(network, populationOptions);
  const comparison = solution === undefined ? null : compareNetworkWithSolution(populations, solution, { weightScaleSearch: weightScaleSearch === true, match });
  return { populations, comparison };
}

/** The body of an `analysis` result file after its envelope (interfaces.md `maxent analyze`). */
export function analysisToFile(network: NetworkWeights, analysis: NetworkAnalysis) {
  const { populations, comparison } = analysis;
  return {
    nonlinearity: network.nonlinearity,
    neurons: network.neurons,
    contexts: network.contexts,
    stimuli: network.stimuli,
    method: populations.method,
    populations: populations.populations,
    summary: populations.summary,
    ...(populations.silhouette.length > 0 ? { silhouette: populations.silhouette } : {}),
    ...(comparison === null ? {} : { comparison: comparisonToFile(comparison) }),
  };
}
