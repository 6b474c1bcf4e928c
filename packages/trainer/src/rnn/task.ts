import { z } from 'zod';
import { InvalidInputError, type Rng } from '@maxent/core';
import { arenaLength, type Float64Arena } from '@maxent/core/internal';

/**
 * The one-step inference task of model.md §12 (the first choice of the maze
 * task of Achterberg, Akarca et al. 2023): a goal corner of a 3 x 3 grid is shown,
 * then nothing, then two of the four moves from the centre; the answer is the
 * move that ends closer to the goal.
 */

/** Goal corners, in the order of input channels 0-3. */
export const GOALS = ['upper-left', 'upper-right', 'lower-left', 'lower-right'] as const;
export type Goal = (typeof GOALS)[number];
/** Moves, in the order of input channels 4-7 and of the output classes. */
export const MOVES = ['left', 'up', 'right', 'down'] as const;
export type Move = (typeof MOVES)[number];

/** 8 input channels: 4 goals, 4 moves; 4 output classes (the moves). */
export const RNN_INPUTS = 8;
export const RNN_CLASSES = 4;

export interface Problem {
  readonly goal: Goal;
  readonly options: readonly [Move, Move];
}

/** The 8 problems of model.md §12. */
export const DEFAULT_PROBLEMS: readonly Problem[] = Object.freeze([
  { goal: 'upper-right', options: ['up', 'left'] },
  { goal: 'upper-right', options: ['right', 'down'] },
  { goal: 'lower-right', options: ['left', 'down'] },
  { goal: 'lower-left', options: ['right', 'down'] },
  { goal: 'lower-left', options: ['up', 'left'] },
  { goal: 'upper-left', options: ['up', 'right'] },
  { goal: 'lower-right', options: ['left', 'right'] },
  { goal: 'upper-left', options: ['left', 'right'] },
] satisfies Problem[]);

/** Trial structure with the §12 defaults. */
export const RNN_TASK_DEFAULTS = Object.freeze({
  /** Steps the goal is shown (channels 0-3). */
  goalSteps: 20,
  /** Steps of zero input between goal and options. */
  delaySteps: 10,
  /** Steps the two options are shown (channels 4-7). */
  choiceSteps: 20,
  /** Std of the fresh N(0, noiseStd^2) noise on every input entry at every step. */
  noiseStd: 0.1,
  problems: DEFAULT_PROBLEMS,
});

const steps = (what: string) => z.number({ error: `must be ${what}` }).int({ error: `must be ${what}` });
export const rnnTaskSchema = z.strictObject({
  goalSteps: steps('an integer >= 1').positive({ error: 'must be an integer >= 1' }).default(RNN_TASK_DEFAULTS.goalSteps),
  delaySteps: steps('an integer >= 0').nonnegative({ error: 'must be an integer >= 0' }).default(RNN_TASK_DEFAULTS.delaySteps),
  choiceSteps: steps('an integer >= 1').positive({ error: 'must be an integer >= 1' }).default(RNN_TASK_DEFAULTS.choiceSteps),
  noiseStd: z
    .number({ error: 'must be a finite number >= 0' })
    .nonnegative({ error: 'must be a finite number >= 0' })
    .finite({ error: 'must be a finite number >= 0' })
    .default(RNN_TASK_DEFAULTS.noiseStd),
  problems: z
    .array(
      z.strictObject({
        goal: z.enum(GOALS, { error: `must be one of ${GOALS.join(', ')}` }),
        options: z.tuple([z.enum(MOVES, { error: `must be one of ${MOVES.join(', ')}` }), z.enum(MOVES, { error: `must be one of ${MOVES.join(', ')}` })]),
      }),
      { error: 'must be a list of { goal, options: [move, move] }' },
    )
    .min(1, { error: 'must hold at least one problem' })
    .default(() => DEFAULT_PROBLEMS.map((problem) => ({ goal: problem.goal, options: [...problem.options] as [Move, Move] }))),
});
export type RnnTask = z.output<typeof rnnTaskSchema>;

/** Grid cells (row, column) of the goals and of the centre's neighbours (model.md §12). */
const GOAL_CELL: Record<Goal, readonly [number, number]> = { 'upper-left': [0, 0], 'upper-right': [0, 2], 'lower-left': [2, 0], 'lower-right': [2, 2] };
const MOVE_CELL: Record<Move, readonly [number, number]> = { left: [1, 0], up: [0, 1], right: [1, 2], down: [2, 1] };

/** The option that ends closer to the goal (its class index); an error for a tie or equal options. */
export function problemAnswer(problem: Problem, field = 'problems'): number {
  const [first, second] = problem.options;
  const distance = (move: Move) => Math.hypot(MOVE_CELL[move][0] - GOAL_CELL[problem.goal][0], MOVE_CELL[move][1] - GOAL_CELL[problem.goal][1]);
  const d1 = distance(first);
  const d2 = distance(second);
  if (d1 === d2) {
    throw new InvalidInputError(
      field,
      `invalid \`${field}\`: the options ${first} and ${second} end equally close to the goal ${problem.goal}, so the problem has no answer`,
    );
  }
  return MOVES.indexOf(d1 < d2 ? first : second);
}

/** Steps of a trial. */
export function trialSteps(task: RnnTask): number {
  return task.goalSteps + task.delaySteps + task.choiceSteps;
}

/**
 * A batch of trials: `inputs` time-major, `steps x trials x 8` (the block of
 * step t is the trials x 8 input matrix x_t), `labels` the answer classes,
 * `problems` which problem each trial shows.
 */
export interface TrialBatch {
  readonly trials: number;
  readonly steps: number;
  readonly inputs: Float64Array;
  readonly labels: Int32Array;
  readonly problems: Int32Array;
}

/** An empty batch; its inputs in `arena` when given (so the SIMD products read them in place). */
export function createTrialBatch(task: RnnTask, trials: number, arena?: Float64Arena): TrialBatch {
  const total = trialSteps(task);
  const length = total * trials * RNN_INPUTS;
  const inputs = arena === undefined ? new Float64Array(length) : arena.allocate(length);
  return { trials, steps: total, inputs, labels: new Int32Array(trials), problems: new Int32Array(trials) };
}

/** Float64Arena entries {@link createTrialBatch} takes. */
export function trialBatchLength(task: RnnTask, trials: number): number {
  return arenaLength(trialSteps(task) * trials * RNN_INPUTS);
}

/**
 * Fills `batch` with trials: each trial's problem is `problemOf(trial)` (a
 * uniform draw, or a fixed list), its clean inputs are laid out as in model.md
 * §12, then every entry gets N(0, noiseStd^2) noise from `rng` (none when
 * `rng` is null).
 */
export function fillTrials(batch: TrialBatch, task: RnnTask, problemOf: (trial: number) => number, rng: Rng | null): void {
  const { trials, steps: total, inputs, labels, problems } = batch;
  const answers = task.problems.map((problem) => problemAnswer(problem));
  inputs.fill(0);
  const choiceStart = task.goalSteps + task.delaySteps;
  for (let trial = 0; trial < trials; trial++) {
    const index = problemOf(trial);
    const problem = task.problems[index];
    problems[trial] = index;
    labels[trial] = answers[index];
    const goalChannel = GOALS.indexOf(problem.goal);
    for (let t = 0; t < task.goalSteps; t++) inputs[(t * trials + trial) * RNN_INPUTS + goalChannel] = 1;
    for (const option of problem.options) {
      const channel = 4 + MOVES.indexOf(option);
      for (let t = choiceStart; t < total; t++) inputs[(t * trials + trial) * RNN_INPUTS + channel] = 1;
    }
  }
  if (rng !== null && task.noiseStd > 0) for (let index = 0; index < inputs.length; index++) inputs[index] += task.noiseStd * rng.normal();
}

/** Random trials, each problem drawn uniformly. */
export function drawTrials(batch: TrialBatch, task: RnnTask, rng: Rng): void {
  const count = task.problems.length;
  // Problems are drawn first, then the noise, so the stream order is fixed.
  const chosen = Int32Array.from({ length: batch.trials }, () => Math.floor(rng.next() * count));
  fillTrials(batch, task, (trial) => chosen[trial], rng);
}

/** One noise-free trial of each problem, in order. */
export function noiseFreeTrials(task: RnnTask): TrialBatch {
  const batch = createTrialBatch(task, task.problems.length);
  fillTrials(batch, task, (trial) => trial, null);
  return batch;
}
