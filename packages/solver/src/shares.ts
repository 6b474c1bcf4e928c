import { InvalidInputError, ProblemHasNoAnswerError, type Mat } from '@maxent/core';
import type { MaxentProblem, PopulationShare } from '@maxent/constraints';
import { patternBits } from './patterns.js';
import { patternLaw } from './populations.js';
import { solve } from './solution.js';

/**
 * Every gain pattern with prior mass of the solution at `lambda` as plain
 * population shares (model.md §6), for comparisons with finite networks: the
 * pattern law covers all 2^K patterns, unlike a population list truncated for a file.
 */
export function populationShares(problem: MaxentProblem, lambda: Mat): PopulationShare[] {
  const law = patternLaw(problem, lambda);
  const shares: PopulationShare[] = [];
  for (let i = 0; i < law.count; i++) {
    if (law.prior[i] === 0) continue;
    shares.push({
      pattern: patternBits(i, law.contexts),
      fraction: law.fraction[i],
      energyShare: law.energyShare[i],
      selectivity: law.selectivity[i],
    });
  }
  return shares;
}

/**
 * The population shares of `problem` solved at any weight scale sigma, or null
 * where the solver finds no answer (at extreme sigma the task A / sigma^2 can be
 * numerically out of reach). Each solve starts from the previous multipliers
 * rescaled by (sigma_previous / sigma)^2, the scaling identity of model.md §5, so a
 * 1-D search over sigma costs a few Newton steps per evaluation; a start that
 * leaves the domain or stalls falls back to a cold start.
 */
export function sharesAlongWeightScale(
  problem: MaxentProblem,
  /** The shares of a solution; default populationShares (binary gains). Continuous gains pass their clusters' shares. */
  sharesOf: (problem: MaxentProblem, lambda: Mat) => PopulationShare[] = populationShares,
): (weightScale: number) => PopulationShare[] | null {
  let previous: { weightScale: number; lambda: Mat } | undefined;
  return (weightScale) => {
    const scaled: MaxentProblem = { ...problem, weightScale };
    let initialLambda: Mat | undefined;
    if (previous !== undefined) {
      const factor = (previous.weightScale / weightScale) ** 2;
      initialLambda = { rows: previous.lambda.rows, cols: previous.lambda.cols, data: previous.lambda.data.map((x) => x * factor) };
    }
    const attempt = (start: Mat | undefined) => {
      try {
        const solution = solve(scaled, { populationLimit: 1, ...(start === undefined ? {} : { initialLambda: start }) });
        return solution.converged ? solution : null;
      } catch (error) {
        if (error instanceof ProblemHasNoAnswerError || error instanceof InvalidInputError) return null;
        throw error;
      }
    };
    const solution = attempt(initialLambda) ?? (initialLambda === undefined ? null : attempt(undefined));
    if (solution === null) return null;
    previous = { weightScale, lambda: solution.lambda };
    return sharesOf(scaled, solution.lambda);
  };
}
