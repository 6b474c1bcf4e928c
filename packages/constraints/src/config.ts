import { z } from 'zod';
import { DEFAULT_SEED, fromRows, invalid, type Mat } from '@maxent/core';
import { NONLINEARITY_NAMES, type NonlinearityName } from './nonlinearity.js';
import { selectOfTask, selectTask, TASK_NAMES } from './task.js';
import { parseWithSchema } from './validation.js';
import type { Prior } from './prior.js';

/**
 * The config file shared by solve, sample and train (interfaces.md "Config file").
 * Defaults live here, once; `parseConfig` fills them in.
 */
export const ESTIMATOR_KINDS = ['exact', 'quadrature', 'montecarlo'] as const;
export type EstimatorKind = (typeof ESTIMATOR_KINDS)[number];

export const DEFAULT_CONTEXTS = 3;
export const DEFAULT_QUADRATURE_NODES = 24;
/**
 * Nodes per context at K = 1, where they cost nothing: Gauss-Hermite converges
 * slowly for tanh (poles at +-i pi/2, model.md §7), and at small sigma 24 nodes
 * "converge" beyond the edge of the domain (tanh select, sigma = 0.5: q = 1.04 at
 * the vertex) where 200 resolve it (KL 3.341 nats; 400 nodes: 3.340).
 */
export const DEFAULT_QUADRATURE_NODES_ONE_CONTEXT = 200;

/** Default quadrature nodes per context for K contexts. */
export function defaultQuadratureNodes(contexts: number): number {
  return contexts === 1 ? DEFAULT_QUADRATURE_NODES_ONE_CONTEXT : DEFAULT_QUADRATURE_NODES;
}
export const DEFAULT_MONTECARLO_SAMPLES = 200_000;
/**
 * Continuous gains (tanh, softplus) default to the quadrature estimator up to this
 * many contexts (n^K tensor nodes) and to Monte Carlo above (model.md §7).
 */
export const MAX_DEFAULT_QUADRATURE_CONTEXTS = 3;
/** Largest K for the exact estimator: 2^K patterns are enumerated (model.md §6). */
export const MAX_EXACT_CONTEXTS = 20;

const positive = (what = 'a positive finite number') =>
  z.number({ error: `must be ${what}` }).positive({ error: `must be ${what}` }).finite({ error: `must be ${what}` });
const positiveInteger = (what: string) =>
  z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` }).positive({ error: `must be ${what}` });

const taskSchema = z.strictObject({
  name: z.enum(TASK_NAMES, { error: `must be one of ${TASK_NAMES.join(', ')} (or give \`task.matrix\`)` }).optional(),
  contexts: positiveInteger('an integer >= 1').optional(),
  stimuli: positiveInteger('an integer >= 1').optional(),
  matrix: z
    .array(z.array(z.number({ error: 'must be finite numbers' }).finite({ error: 'must be finite numbers' }), {
      error: 'must be a matrix (an array of rows of numbers)',
    }), { error: 'must be a matrix (an array of rows of numbers)' })
    .optional(),
});

const estimatorSchema = z.strictObject({
  // No default here: it depends on the nonlinearity and K (defaultEstimatorKind).
  kind: z.enum(ESTIMATOR_KINDS, { error: `must be one of ${ESTIMATOR_KINDS.join(', ')}` }).optional(),
  nodes: positiveInteger('an integer >= 1').optional(),
  samples: positiveInteger('an integer >= 1').optional(),
  seed: z.union([z.number().int(), z.string()], { error: 'must be an integer or a string' }).optional(),
});

export const configSchema = z.strictObject({
  task: taskSchema.default({ name: 'select', contexts: DEFAULT_CONTEXTS }),
  nonlinearity: z
    .enum(NONLINEARITY_NAMES, { error: `must be one of ${NONLINEARITY_NAMES.join(', ')}` })
    .default('relu'),
  weightScale: positive().default(1),
  context: z
    .strictObject({
      mean: z.number({ error: 'must be a finite number' }).finite({ error: 'must be a finite number' }).default(0),
      std: positive().default(1),
    })
    .default({ mean: 0, std: 1 }),
  stimulusStd: positive().default(0.1),
  estimator: estimatorSchema.default({}),
});

export type TaskConfig =
  | { readonly name: 'select'; readonly contexts: number }
  | { readonly name: 'select-of'; readonly contexts: number; readonly stimuli: number }
  | { readonly matrix: number[][] };

export type EstimatorConfig =
  | { readonly kind: 'exact' }
  | { readonly kind: 'quadrature'; readonly nodes: number }
  | { readonly kind: 'montecarlo'; readonly samples: number; readonly seed: number | string };

/** A validated config with every default filled in (what result files record). */
export interface MaxentConfig {
  readonly task: TaskConfig;
  readonly nonlinearity: NonlinearityName;
  readonly weightScale: number;
  readonly context: { readonly mean: number; readonly std: number };
  readonly stimulusStd: number;
  readonly estimator: EstimatorConfig;
}

/** Validates a config object (e.g. parsed JSON) and fills in defaults. Throws InvalidInputError. */
export function parseConfig(input: unknown): MaxentConfig {
  const raw = parseWithSchema(configSchema, input ?? {});
  const task = normalizeTask(raw.task);
  const kind = raw.estimator.kind ?? defaultEstimatorKind(raw.nonlinearity, contextCount(task));
  return {
    task,
    nonlinearity: raw.nonlinearity,
    weightScale: raw.weightScale,
    context: { mean: raw.context.mean, std: raw.context.std },
    stimulusStd: raw.stimulusStd,
    estimator: normalizeEstimator({ ...raw.estimator, kind }, contextCount(task)),
  };
}

/**
 * The estimator when the config names none: exact enumeration for binary or
 * constant gains (relu, linear; model.md §6); for continuous gains (tanh,
 * softplus; §7) tensor Gauss-Hermite quadrature up to
 * MAX_DEFAULT_QUADRATURE_CONTEXTS contexts and Monte Carlo above.
 */
export function defaultEstimatorKind(nonlinearity: NonlinearityName, contexts: number): EstimatorKind {
  if (nonlinearity === 'relu' || nonlinearity === 'linear') return 'exact';
  return contexts <= MAX_DEFAULT_QUADRATURE_CONTEXTS ? 'quadrature' : 'montecarlo';
}

function contextCount(task: TaskConfig): number {
  return 'matrix' in task ? task.matrix.length : task.contexts;
}

function normalizeTask(task: z.output<typeof taskSchema>): TaskConfig {
  if (task.matrix !== undefined) {
    for (const key of ['name', 'contexts', 'stimuli'] as const) {
      if (task[key] !== undefined) throw invalid(`task.${key}`, 'must be omitted when `task.matrix` is given', task[key]);
    }
    const rows = task.matrix;
    if (rows.length === 0) throw invalid('task.matrix', 'must have at least one row (one per context)', rows);
    const width = rows[0].length;
    if (width === 0) throw invalid('task.matrix', 'rows must have at least one column (one per stimulus)', rows);
    rows.forEach((row, k) => {
      if (row.length !== width) {
        throw invalid('task.matrix', `must be rectangular: row 0 has ${width} entries but row ${k} has ${row.length}`, rows);
      }
    });
    return { matrix: rows.map((row) => [...row]) };
  }
  const name = task.name ?? 'select';
  const contexts = task.contexts ?? DEFAULT_CONTEXTS;
  if (name === 'select') {
    if (task.stimuli !== undefined && task.stimuli !== contexts) {
      throw invalid('task.stimuli', `must equal \`task.contexts\` (${contexts}) for the select task, or be omitted`, task.stimuli);
    }
    return { name, contexts };
  }
  const stimuli = task.stimuli;
  if (stimuli === undefined) throw invalid('task.stimuli', 'must be given for the select-of task (an integer >= 1)', stimuli);
  if (stimuli > contexts) {
    throw invalid('task.stimuli', `must be at most \`task.contexts\` (${contexts}) for the select-of task`, stimuli);
  }
  return { name, contexts, stimuli };
}

function normalizeEstimator(estimator: z.output<typeof estimatorSchema> & { kind: EstimatorKind }, contexts: number): EstimatorConfig {
  const extra = (key: 'nodes' | 'samples' | 'seed', kinds: string) => {
    if (estimator[key] !== undefined) {
      throw invalid(`estimator.${key}`, `only applies to estimator kind ${kinds}, not ${estimator.kind}`, estimator[key]);
    }
  };
  switch (estimator.kind) {
    case 'exact':
      extra('nodes', 'quadrature');
      extra('samples', 'montecarlo');
      extra('seed', 'montecarlo');
      return { kind: 'exact' };
    case 'quadrature':
      extra('samples', 'montecarlo');
      extra('seed', 'montecarlo');
      return { kind: 'quadrature', nodes: estimator.nodes ?? defaultQuadratureNodes(contexts) };
    case 'montecarlo':
      extra('nodes', 'quadrature');
      return {
        kind: 'montecarlo',
        samples: estimator.samples ?? DEFAULT_MONTECARLO_SAMPLES,
        seed: estimator.seed ?? DEFAULT_SEED,
      };
  }
}

/** Task matrix A (K x P) of a config. */
export function taskMatrix(task: TaskConfig): Mat {
  if ('matrix' in task) return fromRows(task.matrix);
  if (task.name === 'select') return selectTask(task.contexts);
  return selectOfTask(task.contexts, task.stimuli);
}

/**
 * Everything the solver and samplers need, resolved from a config: the task
 * matrix, the nonlinearity, the prior p0 and the estimator.
 */
export interface MaxentProblem extends Prior {
  /** A, K x P row-major. */
  readonly task: Mat;
  readonly contexts: number;
  readonly stimuli: number;
  readonly nonlinearity: NonlinearityName;
  readonly estimator: EstimatorConfig;
}

export function problemFromConfig(config: MaxentConfig): MaxentProblem {
  const task = taskMatrix(config.task);
  return {
    task,
    contexts: task.rows,
    stimuli: task.cols,
    nonlinearity: config.nonlinearity,
    weightScale: config.weightScale,
    contextMean: config.context.mean,
    contextStd: config.context.std,
    estimator: config.estimator,
  };
}
