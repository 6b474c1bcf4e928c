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
export { SWEEP_FIELDS, sweepPoints, sweepPointCount, assertSweepSize, MAX_SWEEP_POINTS } from './spec.js';
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
export { runAnyPoint } from './executor.js';
export type { AnyPoint, PointRow } from './executor.js';
// Spatially embedded recurrent networks (model.md §11, §12).
export { rnnMeasures, distanceCorrelation } from './rnn/rnnMeasures.js';
export type { RnnMeasures } from './rnn/rnnMeasures.js';
export { trainTrackedRnn, epochColumns, rnnTrainingToFile, LEARNT_ACCURACY } from './rnn/trackRnn.js';
export type { TrackedEpoch, TrackedRnnTraining } from './rnn/trackRnn.js';
export { rnnSweepPoints, runRnnSweepPoint } from './rnn/rnnSweep.js';
export type { RnnSweepGroup, RnnSweepSpec, RnnSweepPoint, RnnSweepRow } from './rnn/rnnSweep.js';
export { RNN_PRESETS, RNN_PRESET_NAMES } from './rnn/rnnPresets.js';
export type { RnnPreset } from './rnn/rnnPresets.js';
export { runRnnSweep, mergeRnnSweep } from './rnn/runRnnSweep.js';
export type { RunRnnSweepOptions, RnnSweepRun, MergedRnnSweep } from './rnn/runRnnSweep.js';
export { rnnStudySummary, linearFit, MATCH_RATIO } from './rnn/rnnStudy.js';
export type { RnnStudySummary, GroupCell, MatchedComparison, LinearFit } from './rnn/rnnStudy.js';
