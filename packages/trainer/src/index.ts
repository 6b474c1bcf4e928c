export { createTaskBatch, drawTaskBatch, drawContextBatch } from './batches.js';
export type { TaskBatch } from './batches.js';
export { forward, createForwardWorkspace } from './forward.js';
export type { ForwardWorkspace } from './forward.js';
export { evaluateNetwork, linearize, EVALUATE_DEFAULTS } from './evaluate.js';
export type { Evaluation, EvaluateOptions, Fit, ContextFit, ModelFit, LinearizedReadout } from './evaluate.js';
export {
  OPTIMIZER_NAMES,
  TRAINING_DEFAULTS,
  trainingSettingsSchema,
  parseTrainingSettings,
  resolveTrainingSettings,
  trainingProblemFromConfig,
} from './settings.js';
export type {
  OptimizerName,
  TrainingHyperparameters,
  TrainingProblem,
  TrainingSettings,
  ResolvedTrainingSettings,
} from './settings.js';
export { train, trainSteps, LOSS_WINDOW, HISTORY_POINTS } from './train.js';
export type { TrainingResult, TrainingStep, TrainingProgress, TrainOptions, HistoryPoint, RelativeChange, StopReason } from './train.js';
export { backward } from './backward.js';
export { forwardTraining, createActivations } from './forward.js';
export type { Activations } from './forward.js';
export { createOptimizer, ADAM_CONSTANTS } from './optimizers.js';
export type { Optimizer, OptimizerSettings } from './optimizers.js';
export { createParameterBuffer, initializeParameters } from './initialization.js';
export type { ParameterBuffer } from './initialization.js';
export { VERSION } from './version.js';
// Spatially embedded recurrent networks (model.md §12).
export { GOALS, MOVES, RNN_INPUTS, RNN_CLASSES, DEFAULT_PROBLEMS, RNN_TASK_DEFAULTS, rnnTaskSchema, problemAnswer, trialSteps, createTrialBatch, trialBatchLength, fillTrials, drawTrials, noiseFreeTrials } from './rnn/task.js';
export type { Goal, Move, Problem, RnnTask, TrialBatch } from './rnn/task.js';
export { gridPositions, gridDistances } from './rnn/grid.js';
export { createRnnParameters, rnnParametersLength, initializeRnn, orthogonalInto, glorotUniformInto } from './rnn/network.js';
export type { RnnParameters } from './rnn/network.js';
export { createBpttWorkspace, bpttWorkspaceLength, createEvaluationWorkspace, evaluationWorkspaceLength, taskLossAndGradient, evaluateTrials } from './rnn/bptt.js';
export type { BpttWorkspace, EvaluationWorkspace, RnnShape, TaskOutcome } from './rnn/bptt.js';
export { REGULARIZERS, COMMUNICABILITY_GRADIENTS, constraintAndGradient } from './rnn/penalty.js';
export type { Regularizer, CommunicabilityGradient } from './rnn/penalty.js';
export { createKerasAdam } from './rnn/adam.js';
export type { KerasAdam, KerasAdamSettings } from './rnn/adam.js';
export { RNN_DEFAULTS, rnnSettingsSchema, resolveRnnSettings, gridUnits } from './rnn/settings.js';
export type { RnnSettings, ResolvedRnnSettings } from './rnn/settings.js';
export { trainRnn } from './rnn/trainRnn.js';
export type { RnnEpoch, RnnTrainingResult, RnnStopReason, RnnProgress, TrainRnnOptions } from './rnn/trainRnn.js';
// Low-rank recurrent networks: simulation and latent readout (model.md §14).
export { INTEGRATION_METHODS, SIMULATE_DEFAULTS, simulateLowRank, latentReadout, statesInSpan } from './lowrank/simulate.js';
export type { IntegrationMethod, SimulateOptions, Simulation } from './lowrank/simulate.js';
