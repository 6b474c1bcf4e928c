import { invalid, maxAbs, ProblemHasNoAnswerError } from '@maxent/core';
import { MAX_EXACT_CONTEXTS, nonlinearity, type MaxentProblem } from '@maxent/constraints';
import { createDualWorkspace, evaluateDual, EXACT_DOMAIN, stepToBoundary, type DualWorkspace } from './dual.js';
import { cappedRoundingFloor, gainRelationNullSpace, type DualEstimator } from './estimator.js';
import { assertFeasible, checkFeasibility } from './feasibility.js';

/** The exact estimator: the dual of model.md §4-§6 by enumeration of the 2^K gain patterns (dual.ts). */
export interface ExactEstimator extends DualEstimator {
  /** The enumeration tables, for building the solution's populations after Newton. */
  readonly workspace: DualWorkspace;
  /** Null relations n (length K) among the contexts' gains (model.md §5), from the structural test. */
  readonly relations: readonly Float64Array[];
}

/**
 * The exact estimator of `problem` after the structural test of model.md §5:
 * throws InvalidInputError when the estimator does not apply and
 * ProblemHasNoAnswerError for an infeasible task or a K beyond enumeration.
 */
export function createExactEstimator(problem: MaxentProblem): ExactEstimator {
  checkExactApplies(problem);
  const workspace = createDualWorkspace(problem);
  const feasibility = checkFeasibility(problem, workspace.patterns);
  assertFeasible(feasibility);
  return exactEstimatorOf(workspace, feasibility.nullSpace);
}

/**
 * The exact estimator of a workspace with given null relations: the continuation in
 * the prior mean keeps the relations of the problem it was asked to solve, since the
 * support of the gains, hence the domain and the null space, does not depend on the
 * prior mean (model.md §5).
 */
export function exactEstimatorOf(workspace: DualWorkspace, relations: readonly Float64Array[]): ExactEstimator {
  const { problem } = workspace;
  const { contexts: K, stimuli: P } = problem;
  const scale = taskScale(problem);
  const nullSpace = gainRelationNullSpace(relations, K, P);
  return {
    workspace,
    relations,
    size: K * P,
    scale,
    nullSpace,
    domain: EXACT_DOMAIN,
    gradient: workspace.gradient,
    hessian: workspace.hessian,
    evaluate: (x, level) => evaluateDual(workspace, x, level),
    stepToBoundary: (x, direction, keep) => stepToBoundary(workspace, x, direction, keep),
    roundingFloor: (margin = 1) => cappedRoundingFloor(workspace.momentScale, scale, margin),
    stallHint: () => edgeHint(workspace),
  };
}

/** max(1, max |A|): the scale of the task that tolerances and floors are relative to. */
export function taskScale(problem: MaxentProblem): number {
  return Math.max(1, maxAbs(problem.task.data));
}

/**
 * Checks that the exact estimator applies (model.md §6): gains must be binary
 * (relu) or constant (linear), and 2^K patterns must be enumerable. Throws
 * InvalidInputError for continuous gains, ProblemHasNoAnswerError('too-large')
 * for K beyond enumeration.
 */
export function checkExactApplies(problem: MaxentProblem): void {
  const K = problem.contexts;
  const phi = nonlinearity(problem.nonlinearity);
  if (!phi.binaryGains && problem.nonlinearity !== 'linear') {
    throw invalid(
      'nonlinearity',
      'must be relu or linear for the exact estimator, which enumerates binary gain patterns ' +
        `(${problem.nonlinearity} has continuous gains: use estimator kind quadrature or montecarlo, model.md §7)`,
      problem.nonlinearity,
    );
  }
  if (K > MAX_EXACT_CONTEXTS) {
    throw new ProblemHasNoAnswerError(
      `too many contexts for the exact estimator: K = ${K} needs 2^${K} gain patterns, the limit is K = ${MAX_EXACT_CONTEXTS}. ` +
        'The quadrature and montecarlo estimators (model.md §7) check the domain at the 2^K vertices of the gain box and stop at the same limit.',
      'too-large',
    );
  }
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
