export { gaussianRandomWalk } from './proposals.js';
export type { ProposalResult, ProposalKernel, ProposalFactory } from './proposals.js';
export { metropolisStep, checkedLogDensity } from './metropolis.js';
export type { LogDensity, StepOutcome, ChainState } from './metropolis.js';
export { CHAIN_DEFAULTS, sampleChains, runChain, coordinateChains, quantityChains, resolveChainsOptions } from './chains.js';
export type { ChainsOptions, ChainsResult, ChainOutput, SamplingProgress } from './chains.js';
export {
  DIAGNOSTIC_THRESHOLDS,
  splitChains,
  rankNormalize,
  rhatBasic,
  rhat,
  essBasic,
  essMean,
  essBulk,
  essTail,
  mcseMean,
  diagnose,
  convergenceWarnings,
} from './diagnostics.js';
export type { Chains, QuantityDiagnostics } from './diagnostics.js';
export { autocovariance } from './autocovariance.js';
export { normalQuantile } from './normalQuantile.js';
