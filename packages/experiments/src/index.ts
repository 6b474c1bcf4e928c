// The study layer (architecture.md): the per-point pipeline, sweep specs and
// presets, the comparison of a network with a solution, executors and point
// stores. Browser-safe; worker threads and point files are in `./node`.
export { VERSION } from './version.js';
export {
  CONFIG_SETTINGS,
  TRAINING_SETTINGS,
  parseNamingFlags,
  settingValue,
  overlayConfig,
  configWithSettings,
  trainingWithSettings,
} from './settings.js';
export type { SettingKind, SettingSpelling, ConfigSetting, TrainingSetting, SettingValue } from './settings.js';
export { parseAxisValues, MAX_AXIS_VALUES } from './axisValues.js';
export type { AxisValue } from './axisValues.js';
export { SWEEP_FIELDS, sweepPoints } from './spec.js';
export type { SweepField, SweepAxis, InitScale, SweepGrid, SweepSpec, SweepPoint } from './spec.js';
export { PRESETS, PRESET_TRAINING, PRESET_NAMES, PRESET_REPLICATES, QUICK_PRESETS } from './presets.js';
export { replicateMeanRows, meanRow, meanAndStderr, SETTING_COLUMNS } from './replicates.js';
export { sweepHash } from './sweepHash.js';
export { sweepColumns, sweepCsv } from './csv.js';
export { EVALUATION_TRIALS, solvePoint, trainPoint, evaluatePoint, analysePoint } from './pipeline.js';
export type { SolvedPoint } from './pipeline.js';
export { runSweepPoint, CURVE_COLUMN_PREFIX } from './runPoint.js';
export type { SweepRow } from './runPoint.js';
export { compareNetworkWithSolution, comparisonToFile } from './comparison.js';
export { gainClusters, DEFAULT_GAIN_CLUSTER_OPTIONS } from './gainClusters.js';
export type { GainCluster, GainClusters, GainClusterOptions } from './gainClusters.js';
export { solutionShares } from './solutionShares.js';
export type {
  NetworkComparison,
  NetworkSide,
  SolutionForComparison,
  BestWeightScale,
  WeightScaleTrial,
  CompareOptions,
  JointMatchSection,
  MatchSection,
  CurvePoint,
} from './comparison.js';
export { analyseNetwork, analysisToFile } from './networkAnalysis.js';
export type { NetworkAnalysis, NetworkAnalysisOptions } from './networkAnalysis.js';
export { runPointTask } from './executor.js';
export type { Executor, ExecutorRunOptions, PointResult, PointOutcome } from './executor.js';
export { createInThreadExecutor } from './inThreadExecutor.js';
export { createMemoryStore } from './pointStore.js';
export type { PointRecord, PointStore } from './pointStore.js';
export { runSweep } from './runSweep.js';
export type { RunSweepOptions, SweepRun, SweepProgress } from './runSweep.js';
export { mergeSweep } from './sweepResult.js';
export type { MergeOptions, MergedSweep, SweepTiming } from './sweepResult.js';
