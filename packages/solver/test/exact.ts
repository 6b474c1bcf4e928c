// Tests of the exact path read populations, which only exact solutions have:
// these narrow the solver's union result and fail loudly on any other estimator.
import type { Mat } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import { solutionFromLambda, solve, type ExactSolution, type MaxentSolution, type SolveOptions, type SolutionFromLambdaOptions } from '../src/index.js';

export function asExact(solution: MaxentSolution): ExactSolution {
  if (solution.estimator !== 'exact') throw new Error(`expected an exact solution, got the ${solution.estimator} estimator's`);
  return solution;
}

export function solveExact(problem: MaxentProblem, options?: SolveOptions): ExactSolution {
  return asExact(solve(problem, options));
}

export function exactFromLambda(problem: MaxentProblem, lambda: Mat, options?: SolutionFromLambdaOptions): ExactSolution {
  return asExact(solutionFromLambda(problem, lambda, options));
}
