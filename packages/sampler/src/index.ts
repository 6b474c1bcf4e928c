export { gaussianRandomWalk } from './proposals.js';
export type { ProposalResult, ProposalKernel, ProposalFactory } from './proposals.js';
export { metropolisStep, checkedLogDensity } from './metropolis.js';
export type { LogDensity, StepOutcome, ChainState } from './metropolis.js';
export { CHAIN_DEFAULTS, sampleChains, runChain, chainSteps, coordinateChains, quantityChains, resolveChainsOptions } from './chains.js';
export type { ChainsOptions, ChainsResult, ChainOutput, ChainDraw, ChainSummary } from './chains.js';
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
export { sampleExactNeurons, createExactNeuronSampler } from './exactNeurons.js';
export type { ExactNeuronOptions, ExactNeuronSampler } from './exactNeurons.js';
export { MCMC_VARIANTS, MCMC_NEURON_DEFAULTS, drawMcmcNeurons, mcmcDiagnostics, constraintChains } from './mcmcNeurons.js';
export type { McmcVariant, McmcThin, McmcDrawOptions, McmcNeuronOptions, McmcNeuronResult, McmcDraws, NetworkDiagnostics, AutoThinReport } from './mcmcNeurons.js';
export { sampleMcmcNeurons } from './mcmcNetwork.js';
export { AUTO_THIN, pilotTau, autoThinnedDraws } from './thinning.js';
export type { AutoThinned } from './thinning.js';
export { fullLogDensity, marginalContextLogDensity, createConditionalWorkspace, neuronDimension } from './neuronDensity.js';
export type { ConditionalWorkspace } from './neuronDensity.js';
export { createAliasTable, drawAlias } from './aliasTable.js';
export { zigguratNormal } from './ziggurat.js';
export type { AliasTable } from './aliasTable.js';
export type { SampledNetwork, SolutionLaw } from './network.js';
export { VERSION } from './version.js';
export { SAMPLING_METHODS, SAMPLE_NETWORK_DEFAULTS, sampleNetwork } from './sampleNetwork.js';
export type { SamplingMethod, SampleNetworkOptions, NetworkSample } from './sampleNetwork.js';
// Low-rank recurrent networks: drawing loadings from teachers and solutions (model.md §14).
export { sampleTeacherNetwork, sampleSolutionNetwork, LOADING_CHAIN_DEFAULTS } from './lowrank/lowRankNetworks.js';
