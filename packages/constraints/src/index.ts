export { NONLINEARITY_NAMES, nonlinearities, nonlinearity } from './nonlinearity.js';
export type { Nonlinearity, NonlinearityName } from './nonlinearity.js';
export { TASK_NAMES, selectTask, selectOfTask } from './task.js';
export type { TaskName } from './task.js';
export { activeProbability, patternPriorProbability, logPriorDensity } from './prior.js';
export type { Prior } from './prior.js';
export { constraintValues } from './constraintFunctions.js';
export {
  ESTIMATOR_KINDS,
  DEFAULT_CONTEXTS,
  DEFAULT_QUADRATURE_NODES,
  DEFAULT_QUADRATURE_NODES_ONE_CONTEXT,
  defaultQuadratureNodes,
  DEFAULT_MONTECARLO_SAMPLES,
  MAX_EXACT_CONTEXTS,
  MAX_DEFAULT_QUADRATURE_CONTEXTS,
  defaultEstimatorKind,
  configSchema,
  parseConfig,
  taskMatrix,
  problemFromConfig,
} from './config.js';
export type { EstimatorKind, TaskConfig, EstimatorConfig, MaxentConfig, MaxentProblem } from './config.js';
export { parseWithSchema } from './validation.js';
export { summarizePopulations } from './observables.js';
export type { PopulationShare, PopulationSummary } from './observables.js';
export type { Network, NetworkWeights } from './network.js';
export { VERSION } from './version.js';
export { networkToFields, networkFromFields } from './networkFile.js';
export type { NetworkFields } from './networkFile.js';
