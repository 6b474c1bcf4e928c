// Populations, selectivity and comparison with max-ent solutions (model.md §6, §10, §15).
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
// The joint match of model.md §15: energy shares and selectivities together.
export { jointWeightScaleMatch, mismatchAgainst, DEFAULT_JOINT_MATCH, MATCH_PARTS } from './jointMatch.js';
export type { JointMatchOptions, JointMatch, PartMatch, MatchPart, MismatchPoint } from './jointMatch.js';
export { poolByPattern, pooledSelectivityDifference } from './comparison.js';
export type { Pooled } from './comparison.js';
// Weight-matrix measures (model.md §11); the linear algebra under them (expm,
// eigenvalues, Lanczos) is in @maxent/core.
export { shannonEntropy } from './metrics/entropy.js';
export { communicability, communicabilityEntropy } from './metrics/communicability.js';
export {
  leadingEigenvalue,
  logLeadingEigenvalue,
  spectralRadius,
  spectralEntropy,
  spectralMeasures,
} from './metrics/spectralMeasures.js';
export type { SpectralMeasures } from './metrics/spectralMeasures.js';
export { modularity, modularityOfPartition, DEFAULT_MODULARITY_OPTIONS } from './metrics/modularity.js';
export type { ModularityOptions, ModularityResult } from './metrics/modularity.js';
export { totalWeight } from './metrics/totalWeight.js';
export { weightMetrics } from './metrics/weightMetrics.js';
export type { WeightMetrics, WeightMetricsOptions } from './metrics/weightMetrics.js';
export { VERSION } from './version.js';
// Low-rank recurrent networks: fixed points, attractors, populations, dissimilarity (model.md §14).
export { latentFixedPoints, FIXED_POINT_DEFAULTS } from './lowrank/fixedPoints.js';
export type { FixedPoint, FixedPointKind, FixedPointOptions } from './lowrank/fixedPoints.js';
export { ringMeasures, cycleMeasures } from './lowrank/attractors.js';
export type { RingMeasures, CycleMeasures } from './lowrank/attractors.js';
export { radialNullcline, RADIAL_NULLCLINE_DEFAULTS } from './lowrank/radialNullcline.js';
export type { ClosedCurveKind, RadialNullcline, RadialNullclineOptions } from './lowrank/radialNullcline.js';
export { loadingPopulations, LOADING_POPULATION_DEFAULTS } from './lowrank/loadingPopulations.js';
export type { LoadingPopulation, LoadingPopulations } from './lowrank/loadingPopulations.js';
export { energyDistance, conditionalMeanDifference } from './lowrank/dissimilarity.js';
