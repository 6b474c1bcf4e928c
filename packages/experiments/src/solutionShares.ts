import type { Mat } from '@maxent/core';
import type { MaxentProblem, PopulationShare } from '@maxent/constraints';
import { populationShares } from '@maxent/solver';
import { gainClusters } from './gainClusters.js';

/**
 * The populations of a max-ent solution as plain shares, whatever its gains
 * (model.md §6, §7): every gain pattern in closed form for binary gains (exact
 * estimator), the clusters of gain vectors for continuous ones (gainClusters.ts).
 */
export function solutionShares(problem: MaxentProblem, lambda: Mat): PopulationShare[] {
  return problem.estimator.kind === 'exact' ? populationShares(problem, lambda) : gainClusters(problem, lambda).clusters;
}
