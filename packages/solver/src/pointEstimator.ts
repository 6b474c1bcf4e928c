import { invalid } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { cappedRoundingFloor, gainRelationNullSpace, type DualEstimator } from './estimator.js';
import { taskScale } from './exactEstimator.js';
import { assertFeasible, checkPointFeasibility } from './feasibility.js';
import { gaussHermitePoints, MAX_POINT_ENTRIES, monteCarloPoints, type GainPoints } from './gainPoints.js';
import { createPointDualWorkspace, evaluatePointDual, pointStepToBoundary, type PointDualWorkspace } from './pointDual.js';

/** The quadrature or Monte Carlo estimator: the dual over a weighted set of gain vectors (pointDual.ts, model.md §7). */
export interface PointEstimator extends DualEstimator {
  readonly workspace: PointDualWorkspace;
  /** Null relations n (length K) among the contexts' gains, from the structural test. */
  readonly relations: readonly Float64Array[];
}

/** The estimators over gain points, by their config kind. */
export type PointEstimatorKind = 'quadrature' | 'montecarlo';

/**
 * The gain points of the problem's estimator (its config: nodes, or samples and
 * seed). Throws InvalidInputError for the exact kind, which has no points.
 */
export function pointsOf(problem: MaxentProblem): GainPoints {
  const estimator = problem.estimator;
  switch (estimator.kind) {
    case 'quadrature': {
      // The estimator check solves again with 2n nodes per context (continuousSolution.ts): that rule must fit too.
      const doubled = (2 * estimator.nodes) ** problem.contexts * problem.contexts;
      if (!(doubled <= MAX_POINT_ENTRIES)) {
        throw invalid(
          'estimator.nodes',
          `must keep (2 nodes)^K * K at most ${MAX_POINT_ENTRIES} for K = ${problem.contexts} (the estimator check doubles the nodes per context)`,
          estimator.nodes,
        );
      }
      return gaussHermitePoints(problem, estimator.nodes);
    }
    case 'montecarlo':
      return monteCarloPoints(problem, estimator.samples, estimator.seed);
    case 'exact':
      throw new Error('internal: the exact estimator has no gain points');
  }
}

/**
 * The quadrature or Monte Carlo estimator of `problem` after the structural test
 * of model.md §5 over its points: ProblemHasNoAnswerError('infeasible') for an
 * infeasible task (e.g. linear gains and rows of A that differ).
 */
export function createPointEstimator(problem: MaxentProblem, points: GainPoints = pointsOf(problem)): PointEstimator {
  const feasibility = checkPointFeasibility(problem, points);
  assertFeasible(feasibility);
  return pointEstimatorOf(createPointDualWorkspace(problem, points), feasibility.nullSpace);
}

/** The estimator of a workspace with given null relations (as exactEstimatorOf). */
export function pointEstimatorOf(workspace: PointDualWorkspace, relations: readonly Float64Array[]): PointEstimator {
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
    domain: `the domain q < 1 at every one of the estimator's ${workspace.points.count} gain points (model.md §7)`,
    gradient: workspace.gradient,
    hessian: workspace.hessian,
    evaluate: (x, level) => evaluatePointDual(workspace, x, level),
    stepToBoundary: (x, direction, keep) => pointStepToBoundary(workspace, x, direction, keep),
    roundingFloor: (margin = 1) => cappedRoundingFloor(workspace.momentScale, scale, margin),
    stallHint: () => pointEdgeHint(workspace),
  };
}

/** A stall against the wall q = 1 of some gain point usually means the task is out of reach (model.md §7 "Attainability"). */
function pointEdgeHint(workspace: PointDualWorkspace): string {
  let slack = 1;
  for (let i = 0; i < workspace.q.length; i++) slack = Math.min(slack, 1 - workspace.q[i]);
  if (!(slack < 1e-6)) return '; raise maxIterations or the tolerance';
  return (
    `. The iterate is within ${slack.toExponential(1)} of the edge q = 1 at a gain point: the minimiser is pressed against ` +
    'the edge of the domain, as when the task is not attainable at this weight scale (model.md §7 "Attainability")'
  );
}
