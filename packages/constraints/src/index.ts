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
// Low-rank recurrent networks: teachers, latent fields, constraint points (model.md §14).
export { LOWRANK_NONLINEARITIES, mixtureField, loadingsField, networkField, checkMixtureTeacher, psdFactor } from './lowrank/teacher.js';
export type { LowRankNonlinearity, LoadingComponent, MixtureTeacher, LowRankNetwork } from './lowrank/teacher.js';
export { latentFlow } from './lowrank/latentField.js';
export type { LatentField } from './lowrank/latentField.js';
export { tanhAverages, createTanhAverages } from './lowrank/gaussianAverages.js';
export type { TanhAverages } from './lowrank/gaussianAverages.js';
export { TEACHER_PRESETS, teacherPreset } from './lowrank/presets.js';
export type { TeacherPreset } from './lowrank/presets.js';
export { teacherFromSpec, teacherToSpec } from './lowrank/teacherSpec.js';
export type { TeacherSpec } from './lowrank/teacherSpec.js';
export { TRAPEZOID_DEFAULTS, DEFAULT_LOADING_SAMPLES, trapezoidPoints, monteCarloPoints, empiricalPoints, defaultPriorPoints } from './lowrank/priorPoints.js';
export type { LoadingPoints } from './lowrank/priorPoints.js';
export { gridPoints, fieldTargets, trajectoryTargets } from './lowrank/constraintPoints.js';
export type { PointGrid, TrajectoryTargets } from './lowrank/constraintPoints.js';
export { DEFAULT_CONSISTENCY_TOLERANCE, findDegeneracies } from './lowrank/degeneracy.js';
export type { Degeneracies } from './lowrank/degeneracy.js';
export { NULL_EIGENVALUE_FLOOR, featureMatrix, gramMatrix, gramSpectrum } from './lowrank/gram.js';
export type { GramSpectrum } from './lowrank/gram.js';
export { DEFAULT_RIDGE, checkLowRankProblem } from './lowrank/problem.js';
export type { Ridge, LowRankProblem } from './lowrank/problem.js';
export { teacherConditionalMean } from './lowrank/teacherConditional.js';
