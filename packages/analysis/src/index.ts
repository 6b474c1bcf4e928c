// Populations, selectivity and comparison with max-ent solutions (model.md §6, §10).
export { checkNetworkWeights } from './networkData.js';
export type { NetworkWeights } from './networkData.js';
export { patternIndex, patternOfIndex, patternKey, reluPatternIndices } from './gainPatterns.js';
export { populationStatistics } from './populationStatistics.js';
export type { EmpiricalPopulation } from './populationStatistics.js';
export { clusterBySilhouette, kmeansPlusPlus, silhouetteScore, DEFAULT_SILHOUETTE_OPTIONS } from './clustering.js';
export type { SilhouetteOptions, SilhouetteScore, SilhouetteProgress, SilhouetteClustering } from './clustering.js';
export { networkPopulations, DEFAULT_POPULATION_OPTIONS } from './populations.js';
export type { PopulationMethod, PopulationOptions, NetworkPopulations } from './populations.js';
export { compareWithSolution, energyShareTvDistance } from './comparison.js';
export type { PopulationComparison, SolutionComparison } from './comparison.js';
export { bestMatchingWeightScale, DEFAULT_WEIGHT_SCALE_SEARCH } from './weightScaleSearch.js';
export type { WeightScaleSearchOptions, WeightScaleEvaluation, WeightScaleProgress, WeightScaleMatch } from './weightScaleSearch.js';
// Weight-matrix measures (model.md §11).
export {
  shannonEntropy,
  communicability,
  communicabilityEntropy,
  expm,
  eigenvalues,
  leadingEigenvalue,
  logLeadingEigenvalue,
  spectralRadius,
  spectralEntropy,
  spectralMeasures,
  modularity,
  modularityOfPartition,
  DEFAULT_MODULARITY_OPTIONS,
  totalWeight,
  weightMetrics,
} from './metrics/index.js';
export type {
  Eigenvalues,
  SpectralMeasures,
  ModularityOptions,
  ModularityResult,
  WeightMetrics,
  WeightMetricsOptions,
} from './metrics/index.js';
