// @maxent/figures: pure builders from result files to chart options, and two renderers.
export type { Figure, TableFigure } from './figure.js';
export { DEFAULT_WIDTH, DEFAULT_HEIGHT } from './figure.js';
export type { ChartOption } from './render/echarts.js';
export { renderSvg } from './render/svg.js';
export type { RenderSize } from './render/svg.js';
export { mountFigure } from './render/mount.js';
export type { MountedFigure, MountOptions } from './render/mount.js';
export {
  patternColor,
  patternLabel,
  populationLabel,
  activeCount,
  seriesColor,
  OKABE_ITO,
  SERIES_COLORS,
  DIVERGING_RAMP,
  SEQUENTIAL_RAMP,
} from './palette.js';
export { formatTick } from './axes.js';
export { encodePng, pngDataUrl } from './png.js';
export { subsampleIndices } from './subsample.js';
export {
  solutionPopulationsFigure,
  activeContextsFigure,
  solutionSelectivityFigure,
  priorFraction,
  priorActiveCount,
} from './solution.js';
export type { PopulationFigureOptions } from './solution.js';
export { solutionGainsFigure } from './solutionGains.js';
export type { GainLaw } from './solutionGains.js';
export { neuronScatterFigure, neuronGroups, DEFAULT_NEURON_SCATTER_OPTIONS } from './network.js';
export type { NeuronScatterOptions, NeuronGroup } from './network.js';
export { populationComparisonFigure, populationSelectivityComparisonFigure, weightScaleMatchFigure } from './analysis.js';
export { specializationFigure, selectivityFigure, sweepMismatchFigure, mismatchOf } from './sweep.js';
export type { SelectivityFigureOptions } from './sweep.js';
export {
  matchCurveFigure,
  matchTvAgainstContextsFigure,
  bestSigmaFigure,
  analysisMatchCurveFigure,
  matchedRows,
  settingLabel,
  curveOf,
  CURVE_PREFIX,
} from './gdMatch.js';
export { evaluationR2Figure, r2AgainstStimulusStdFigure } from './evaluation.js';
export { mcmcTraceFigure, mcmcRhatFigure, mcmcEssFigure, constraintTraces, gain, DEFAULT_TRACE_OPTIONS, RHAT_THRESHOLD, ESS_PER_CHAIN } from './mcmc.js';
export type { TraceOptions } from './mcmc.js';
export { weightMatrixFigure, eigenvalueFigure, weightMetricsTable } from './weightMetrics.js';
export type { WeightMatrixInput, EigenvalueInput } from './weightMetrics.js';
export { matrixRaster, MIN_RASTER_PIXELS } from './raster.js';
export type { MatrixRaster } from './raster.js';
export type {
  SolutionFile,
  NetworkFile,
  AnalysisFile,
  EvaluationFile,
  SweepFile,
  SweepRow,
  WeightMetricsFile,
  PopulationEntry,
  PopulationSummary,
  McmcDiagnostics,
  ComparisonSection,
  MatchSection,
  CurvePoint,
} from './results.js';
export { rnnTrainingFigure, rnnStudyScatterFigure, rnnStudyEigenvalueFigure, RNN_MEASURE_NAMES } from './rnn.js';
export type { RnnTrainingFile, RnnSweepFile } from './rnn.js';
export { lowrankFlowFigure, latentVelocity } from './lowrankFlow.js';
export type { FlowFieldOptions } from './lowrankFlow.js';
export { lowrankTrajectoriesFigure } from './lowrankTrajectories.js';
export { lowrankLoadingsFigure } from './lowrankLoadings.js';
export type { LoadingScatterOptions } from './lowrankLoadings.js';
export { lowrankConditionalMeanFigure, teacherConditionalMean } from './lowrankConditionalMean.js';
export { lowrankDensityFigure } from './lowrankDensity.js';
export { lowrankConstraintsFigure } from './lowrankConstraints.js';
export type {
  LowRankNetworkFile,
  LowRankConstraintsFile,
  LowRankSolutionFile,
  LowRankAnalysisFile,
  LowRankFixedPoint,
  LowRankMeanField,
  LowRankTeacherSpec,
  FixedPointKind,
} from './lowrankResults.js';
