import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { maxAbs, toMlMatrix, zeros, type Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { checkLambdaShape, createDualWorkspace, evaluateDual, evaluateInDomain, stepToBoundary, type DualWorkspace } from './dual.js';
import { assertFeasible, checkFeasibility } from './feasibility.js';
import { checkExactProblem, resolveSolveOptions, type ResolvedSolveOptions, type SolveOptions, type SolveStep } from './options.js';

/** What the Newton loop ends with (the generator's return value). */
export interface NewtonOutcome {
  readonly lambda: Mat;
  readonly converged: boolean;
  readonly iterations: number;
  readonly maxResidual: number;
  readonly message: string;
}

const ARMIJO = 1e-4;
/** Residuals below this many units of rounding of the summed moment terms count as converged. */
const ROUNDING_FLOOR = 8 * Number.EPSILON;
/** No residual above sqrt(eps) (relative to the task) counts as converged. */
const MAX_FLOOR = Math.sqrt(Number.EPSILON);
/** A step may use up at most half of any pattern's slack 1 - q(g) (see stepToBoundary). */
const FRACTION_TO_BOUNDARY = 0.5;
const SMALLEST_STEP = 1e-12;
/** Newton steps tried directly before switching to continuation in the prior mean. */
const DIRECT_BUDGET = 60;
/** Largest change of mu_v / sigma_v between continuation stages. */
const CONTINUATION_STEP = 0.25;
/** Below this Newton decrement the quadratic phase has begun: full steps are taken (round-off blurs Armijo). */
const QUADRATIC_PHASE_DECREMENT = 1e-12;
/** Neither the residual (by 1%) nor L improving for this many iterations is a stall. */
const STALL_ITERATIONS = 30;

/**
 * Damped Newton on the dual of model.md §4 with the exact Hessian, as a
 * generator: yields after every iteration and returns the outcome; `solve`
 * drains it. Throws InvalidInputError for bad input and ProblemHasNoAnswerError
 * for an infeasible task (structural test of model.md §5) or a K too large for
 * enumeration. A stalled residual ends the loop unconverged.
 */
export function solveSteps(problem: MaxentProblem, options: SolveOptions = {}): Generator<SolveStep, NewtonOutcome> {
  return newtonSteps(problem, resolveSolveOptions(options));
}

/** solveSteps with options already resolved (solve resolves them once and drains this). */
export function* newtonSteps(problem: MaxentProblem, resolved: ResolvedSolveOptions): Generator<SolveStep, NewtonOutcome> {
  checkExactProblem(problem);
  const { contexts: K, stimuli: P } = problem;
  const workspace = createDualWorkspace(problem);
  const feasibility = checkFeasibility(problem, workspace.patterns);
  assertFeasible(feasibility);
  const lambda = zeros(K, P);
  if (resolved.initialLambda !== undefined) {
    checkLambdaShape(problem, resolved.initialLambda, 'initialLambda');
    lambda.data.set(resolved.initialLambda.data);
  }
  evaluateInDomain(workspace, lambda.data, 0, 'initialLambda');
  const stages = continuationStages(problem, workspace.patterns.rho);
  const directBudget = stages > 1 ? Math.min(resolved.maxIterations, DIRECT_BUDGET) : resolved.maxIterations;
  const direct = yield* newtonLoop(workspace, feasibility.nullSpace, lambda, resolved, directBudget, 0);
  if (direct.converged || stages <= 1) return { lambda, ...direct };

  // A context prior far from the threshold makes the task rest on rare gain
  // patterns; Newton from afar then runs into the walls q(g) = 1 of those patterns
  // and crawls along them. Moving the prior mean from 0 to its value in small
  // stages, each warm-started from the last solution, stays near the path of
  // solutions instead (the domain does not depend on the prior, model.md §5).
  lambda.data.fill(0);
  let iterations = direct.iterations;
  let last = direct;
  for (let stage = 1; stage <= stages; stage++) {
    const contextMean = (problem.contextMean * stage) / stages;
    const stageProblem: MaxentProblem = { ...problem, contextMean };
    const stageWorkspace = stage === stages ? workspace : createDualWorkspace(stageProblem);
    last = yield* newtonLoop(stageWorkspace, feasibility.nullSpace, lambda, resolved, resolved.maxIterations, iterations);
    iterations += last.iterations;
    if (!last.converged) {
      return {
        lambda,
        converged: false,
        iterations,
        maxResidual: last.maxResidual,
        message: `${last.message} (continuation in context.mean, stage ${stage} of ${stages}, mean ${contextMean})`,
      };
    }
  }
  return {
    lambda,
    converged: true,
    iterations,
    maxResidual: last.maxResidual,
    message:
      `${last.message.replace(/^converged in \d+ Newton iterations/, `converged in ${iterations} Newton iterations`)} ` +
      `(direct Newton failed; continuation in context.mean from 0 over ${stages} stages)`,
  };
}

/** Stages of the continuation in the prior mean: steps of at most 0.25 sigma_v; 1 = none (prior near the threshold, or gains not binary). */
function continuationStages(problem: MaxentProblem, rho: number): number {
  if (rho === 1 || rho === 0 || problem.nonlinearity !== 'relu') return 1;
  const offset = Math.abs(problem.contextMean / problem.contextStd);
  return offset <= 1 ? 1 : Math.ceil(offset / CONTINUATION_STEP);
}

interface LoopOutcome {
  readonly converged: boolean;
  readonly iterations: number;
  readonly maxResidual: number;
  readonly message: string;
}

/**
 * Damped Newton from `lambda` (updated in place) on the workspace's problem, at
 * most `maxIterations` steps; yields every iteration numbered from `offset`.
 */
function* newtonLoop(
  workspace: DualWorkspace,
  nullSpace: readonly Float64Array[],
  lambda: Mat,
  resolved: ResolvedSolveOptions,
  maxIterations: number,
  offset: number,
): Generator<SolveStep, LoopOutcome> {
  const problem = workspace.problem;
  const size = problem.contexts * problem.stimuli;
  let value = evaluateDual(workspace, lambda.data, 2);
  // The tolerance is on the scale of the task: rounding limits the residual to about eps * max |A|.
  const scale = taskScale(problem);
  const tolerance = resolved.tolerance * scale;
  const direction = new Float64Array(size);
  const gradient = new Float64Array(size);
  const trial = new Float64Array(size);
  let residual = maxAbs(workspace.gradient);
  let best = residual;
  let bestValue = value;
  let sinceBest = 0;
  let stepSize = 0;
  let previousResidual = Number.POSITIVE_INFINITY;
  const result = (converged: boolean, iterations: number, message: string): LoopOutcome => ({
    converged,
    iterations,
    maxResidual: residual,
    message,
  });
  for (let iteration = 0; ; iteration++) {
    yield { iteration: offset + iteration, value, maxResidual: residual, stepSize, contextMean: problem.contextMean };
    resolved.signal?.throwIfAborted();
    // Rounding alone leaves a residual of a few eps times the moments' rounding
    // scale (large when 1 - q is small, e.g. at small weightScale), which no Newton
    // step can remove (dual.ts momentScale). It counts as converged only once Newton
    // has stopped gaining (quadratic convergence gains far more than 10x a step).
    const floor = roundingFloor(workspace, scale);
    const stagnant = residual >= 0.1 * previousResidual;
    if (residual <= tolerance || (residual <= floor && stagnant)) {
      const atFloor = residual > tolerance ? ', at the rounding floor of the moments' : '';
      return result(true, iteration, `converged in ${iteration} Newton iterations (max residual ${residual.toExponential(2)}${atFloor})`);
    }
    if (iteration >= maxIterations) {
      return result(
        false,
        iteration,
        `did not converge: max residual ${residual.toExponential(2)} after ${iteration} Newton iterations ` +
          `(tolerance ${tolerance})${edgeHint(workspace)}`,
      );
    }
    gradient.set(workspace.gradient);
    newtonDirection(workspace, nullSpace, gradient, direction);
    let slope = 0;
    for (let i = 0; i < size; i++) slope += gradient[i] * direction[i];
    // Backtracking that never leaves the domain: outside it evaluateDual is +Infinity (model.md §5).
    let t = Math.min(1, stepToBoundary(workspace, lambda.data, direction, FRACTION_TO_BOUNDARY));
    let accepted = false;
    while (t >= SMALLEST_STEP) {
      for (let i = 0; i < size; i++) trial[i] = lambda.data[i] + t * direction[i];
      const trialValue = evaluateDual(workspace, trial, 2);
      const quadraticPhase = -slope < QUADRATIC_PHASE_DECREMENT && trialValue <= value + 1e-9 * Math.max(1, Math.abs(value));
      if (Number.isFinite(trialValue) && (trialValue <= value + ARMIJO * t * slope || quadraticPhase)) {
        value = trialValue;
        accepted = true;
        break;
      }
      t *= 0.5;
    }
    if (!accepted) {
      evaluateDual(workspace, lambda.data, 2);
      return result(
        false,
        iteration,
        `did not converge: the line search found no decrease after ${iteration} Newton iterations ` +
          `(max residual ${residual.toExponential(2)})${edgeHint(workspace)}`,
      );
    }
    lambda.data.set(trial);
    stepSize = t;
    previousResidual = residual;
    residual = maxAbs(workspace.gradient);
    // Damped Newton does not decrease the residual monotonically, only L: the
    // loop has stalled when neither the residual nor L has improved for a while.
    if (residual < 0.99 * best || value < bestValue - 1e-10 * Math.max(1, Math.abs(bestValue))) {
      best = Math.min(best, residual);
      bestValue = Math.min(bestValue, value);
      sinceBest = 0;
    } else if (++sinceBest >= STALL_ITERATIONS) {
      // The structural test passed, so in exact arithmetic a solution exists
      // (model.md §5); a stall means the minimiser sits too close to the edge of
      // the domain for double precision, typically for rare gain patterns.
      return result(
        false,
        iteration + 1,
        `did not converge: the residual stalled at ${residual.toExponential(2)} for ${STALL_ITERATIONS} Newton iterations${edgeHint(workspace)}`,
      );
    }
  }
}

/** max(1, max |A|): the scale of the task that tolerances and floors are relative to. */
export function taskScale(problem: MaxentProblem): number {
  return Math.max(1, maxAbs(problem.task.data));
}

/**
 * The residual rounding alone leaves at the workspace's last evaluation (level >= 1),
 * times `margin`. Capped at sqrt(eps) of the task's scale: near the edge of the domain
 * the floor estimate itself blows up, and a residual that large is not a solution.
 */
export function roundingFloor(workspace: DualWorkspace, scale: number, margin = 1): number {
  return Math.min(margin * ROUNDING_FLOOR * workspace.momentScale, MAX_FLOOR * scale);
}

/**
 * Why Newton may fail although a solution exists (the structural test passed,
 * model.md §5): when the task rests on gain patterns with tiny prior mass, the
 * minimiser sits extremely close to the edge q(g) = 1 of the domain, where the
 * dual is too steep for double precision.
 */
function edgeHint(workspace: DualWorkspace): string {
  let slack = 1;
  for (let i = 0; i < workspace.q.length; i++) if (workspace.patterns.prior[i] > 0) slack = Math.min(slack, 1 - workspace.q[i]);
  if (!(slack < 1e-6)) return '; raise maxIterations or the tolerance';
  return (
    `. The iterate is within ${slack.toExponential(1)} of the edge of the domain (q(g) -> 1): the task rests on rare gain ` +
    `patterns (rho = ${workspace.patterns.rho.toPrecision(3)}) and the minimiser is too close to the edge for double precision. ` +
    'A context prior with more mass on both sides of the threshold (context.mean nearer 0), or a larger weightScale, avoids this'
  );
}

/**
 * Solves H d = -g. Along the null directions n (x) e_j of model.md §5 the Hessian
 * is singular and L is flat (the task is feasible), so those directions get a
 * penalty of the Hessian's mean diagonal and are projected out of g: the step
 * stays in the range. Any remaining indefiniteness from rounding gets a growing
 * Levenberg shift.
 */
function newtonDirection(
  workspace: DualWorkspace,
  nullSpace: readonly Float64Array[],
  gradient: Float64Array,
  direction: Float64Array,
): void {
  const { contexts: K, stimuli: P } = workspace.problem;
  const size = K * P;
  const hessian = workspace.hessian;
  projectOut(nullSpace, gradient, K, P);
  let trace = 0;
  for (let i = 0; i < size; i++) trace += hessian[i * size + i];
  const scale = trace > 0 ? trace / size : 1;
  const system = workspace.scratchSystem;
  const rhs = Matrix.columnVector(Array.from(gradient, (g) => -g));
  for (let attempt = 0, shift = 0; attempt < 20; attempt++, shift = shift === 0 ? 1e-12 * scale : shift * 10) {
    system.set(hessian);
    for (const n of nullSpace) {
      for (let k = 0; k < K; k++) {
        for (let l = 0; l < K; l++) {
          const penalty = scale * n[k] * n[l];
          for (let j = 0; j < P; j++) system[(k * P + j) * size + l * P + j] += penalty;
        }
      }
    }
    for (let i = 0; i < size; i++) system[i * size + i] += shift;
    const cholesky = new CholeskyDecomposition(toMlMatrix({ rows: size, cols: size, data: system }));
    if (cholesky.isPositiveDefinite()) {
      const solution = cholesky.solve(rhs);
      for (let i = 0; i < size; i++) direction[i] = solution.get(i, 0);
      projectOut(nullSpace, direction, K, P);
      return;
    }
  }
  // The Hessian is a covariance (PSD) plus a positive shift: Cholesky cannot keep failing
  // unless it holds NaN; fall back to steepest descent so the line search decides.
  for (let i = 0; i < size; i++) direction[i] = -gradient[i];
}

/** Removes the components along n (x) e_j, for each null relation n and stimulus j. */
function projectOut(nullSpace: readonly Float64Array[], values: Float64Array, K: number, P: number): void {
  for (const n of nullSpace) {
    for (let j = 0; j < P; j++) {
      let dot = 0;
      for (let k = 0; k < K; k++) dot += n[k] * values[k * P + j];
      for (let k = 0; k < K; k++) values[k * P + j] -= dot * n[k];
    }
  }
}
