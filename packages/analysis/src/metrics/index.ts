export { shannonEntropy } from './entropy.js';
export { communicability, communicabilityEntropy } from './communicability.js';
export { expm } from './expm.js';
export {
  eigenvalues,
  leadingEigenvalue,
  logLeadingEigenvalue,
  spectralRadius,
  spectralEntropy,
  spectralMeasures,
} from './eigen.js';
export type { Eigenvalues, SpectralMeasures } from './eigen.js';
export { modularity, modularityOfPartition, DEFAULT_MODULARITY_OPTIONS } from './modularity.js';
export type { ModularityOptions, ModularityResult } from './modularity.js';
export { totalWeight } from './totalWeight.js';
export { weightMetrics } from './weightMetrics.js';
export type { WeightMetrics, WeightMetricsOptions } from './weightMetrics.js';
