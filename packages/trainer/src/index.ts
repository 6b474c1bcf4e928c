export { networkToFields, networkFromFields } from './network.js';
export type { Network, NetworkFields } from './network.js';
export { createTaskBatch, drawTaskBatch, drawContextBatch } from './batches.js';
export type { TaskBatch } from './batches.js';
export { forward, createForwardWorkspace } from './forward.js';
export type { ForwardWorkspace } from './forward.js';
export { evaluateNetwork, linearize, EVALUATE_DEFAULTS } from './evaluate.js';
export type { Evaluation, EvaluateOptions, Fit, ContextFit, ModelFit, LinearizedReadout } from './evaluate.js';
