import { InvalidInputError, ProblemHasNoAnswerError, type Mat } from '@maxent/core';
import { problemFromConfig, type MaxentConfig, type MaxentProblem, type PopulationShare } from '@maxent/constraints';
import { patternBits, patternLaw, solve } from '@maxent/solver';

/**
 * Every pattern with prior mass of the solution at `lambda` as plain population
 * shares (model.md §6), for the comparisons of @maxent/analysis: the pattern law
 * covers all 2^K patterns, unlike a population list truncated for the file.
 */
export function solutionShares(problem: MaxentProblem, lambda: Mat): PopulationShare[] {
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
 * The injected solver of `bestMatchingWeightScale` (architecture.md: the analysis
 * package does not depend on the solver): solves `config` at weight scale sigma and
 * returns its pattern shares, or null where the solver finds no answer (at extreme
 * sigma the task A / sigma^2 can be numerically out of reach, model.md §5), which the
 * search counts as no match. Each solve starts from the previous multipliers
 * rescaled by (sigma_previous / sigma)^2, the scaling identity of model.md §5, so a
 * search costs a few Newton steps per evaluation.
 */
export function solutionAtWeightScale(config: MaxentConfig): (weightScale: number) => PopulationShare[] | null {
  let previous: { weightScale: number; lambda: Mat } | undefined;
  return (weightScale) => {
    const problem = problemFromConfig({ ...config, weightScale });
    let initialLambda: Mat | undefined;
    if (previous !== undefined) {
      const factor = (previous.weightScale / weightScale) ** 2;
      initialLambda = { rows: previous.lambda.rows, cols: previous.lambda.cols, data: previous.lambda.data.map((x) => x * factor) };
    }
    const attempt = (start: Mat | undefined) => {
      try {
        const solution = solve(problem, { populationLimit: 1, ...(start === undefined ? {} : { initialLambda: start }) });
        return solution.converged ? solution : null;
      } catch (error) {
        if (error instanceof ProblemHasNoAnswerError || error instanceof InvalidInputError) return null;
        throw error;
      }
    };
    // A rescaled start can leave the domain or stall; fall back to a cold start.
    const solution = attempt(initialLambda) ?? (initialLambda === undefined ? null : attempt(undefined));
    if (solution === null) return null;
    previous = { weightScale, lambda: solution.lambda };
    return solutionShares(problem, solution.lambda);
  };
}
