import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { populationShares, solve } from '@maxent/solver';
import { expectAllClose } from '#testing';
import { compareNetworkWithSolution, comparisonToFile } from './index.js';

function solved(config: unknown) {
  const problem = problemFromConfig(parseConfig(config));
  const solution = solve(problem);
  expect(solution.converged).toBe(true);
  return { problem, solution };
}

describe('compareNetworkWithSolution', () => {
  it("against itself: no distance, no differences, and the solution's summary is the solver's own", () => {
    const { problem, solution } = solved({ task: { name: 'select', contexts: 3 }, weightScale: 0.7 });
    // A "network" whose populations are exactly the solution's (an infinite sample of it).
    const network = { populations: populationShares(problem, solution.lambda), summary: solution.summary };
    const comparison = compareNetworkWithSolution(network, { problem, lambda: solution.lambda });
    expect(comparison.weightScale).toBe(0.7);
    expectAllClose(comparison.tvDistance, 0, { atol: 1e-15 });
    expectAllClose(comparison.meanAbsSelectivityDifference, 0, { atol: 1e-12 });
    expectAllClose([comparison.summaryDifference.specialization, comparison.summaryDifference.selectivity], [0, 0], { atol: 1e-12 });
    // The solver computes its summary from its own populations; the comparison from the shares.
    expectAllClose(
      [comparison.solutionSummary.specialization, comparison.solutionSummary.selectivity],
      [solution.summary.specialization, solution.summary.selectivity],
      { rtol: 1e-10 },
    );
    expect(comparison.weightScaleSearched).toBe(false);
    expect(comparison.bestWeightScale).toBeNull();
  });

  it('finds the weight scale a network was made at (planted truth), and its file section is JSON-safe', () => {
    const truth = solved({ task: { name: 'select', contexts: 3 }, weightScale: 0.7 });
    const network = { populations: populationShares(truth.problem, truth.solution.lambda), summary: truth.solution.summary };
    const other = solved({ task: { name: 'select', contexts: 3 }, weightScale: 2 });
    const comparison = compareNetworkWithSolution(network, { problem: other.problem, lambda: other.solution.lambda }, { weightScaleSearch: true });
    expect(comparison.tvDistance).toBeGreaterThan(0.1);
    expect(comparison.weightScaleSearched).toBe(true);
    expectAllClose(comparison.bestWeightScale!.weightScale, 0.7, { rtol: 2e-3 });
    expect(comparison.bestWeightScale!.tvDistance).toBeLessThan(1e-3);
    const section = comparisonToFile(comparison);
    expect(Object.keys(section)).toEqual([
      'weightScale', 'tvDistance', 'fractionTvDistance', 'selectivityDifference', 'meanAbsSelectivityDifference',
      'summaryDifference', 'solutionSummary', 'populations', 'bestWeightScale',
    ]);
    expect(JSON.parse(JSON.stringify(section))).toEqual(section);
  });
});
