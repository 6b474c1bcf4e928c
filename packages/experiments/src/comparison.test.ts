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
    expect(comparison.jointMatch).toBeNull();
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
      'match', 'matchJoint', 'matchEnergy', 'matchSelectivity', 'curve',
    ]);
    // The joint match (model.md §15) finds it too, away from the ends of the range.
    expectAllClose(section.match!.weightScale, 0.7, { rtol: 2e-3 });
    expect(section.match!.by).toBe('joint');
    expect(section.match!.atRangeEnd).toBe(false);
    expect(section.match!.mismatch).toBeLessThan(2e-3);
    expect(JSON.parse(JSON.stringify(section))).toEqual(section);
  });

  it('planted mismatch (model.md §15): energy shares of sigma1, selectivities of sigma2; each part finds its own sigma, the joint lies between', () => {
    const [sigma1, sigma2] = [0.5, 2];
    const energyFrom = solved({ task: { name: 'select', contexts: 3 }, weightScale: sigma1 });
    const selectivityFrom = solved({ task: { name: 'select', contexts: 3 }, weightScale: sigma2 });
    const chiOf = new Map(populationShares(selectivityFrom.problem, selectivityFrom.solution.lambda).map((p) => [Array.from(p.pattern).join(''), p.selectivity]));
    const planted = populationShares(energyFrom.problem, energyFrom.solution.lambda).map((p) => ({ ...p, selectivity: chiOf.get(Array.from(p.pattern).join(''))! }));
    const network = { populations: planted, summary: energyFrom.solution.summary };
    const comparison = compareNetworkWithSolution(network, { problem: selectivityFrom.problem, lambda: selectivityFrom.solution.lambda }, { weightScaleSearch: true });
    const joint = comparison.jointMatch!;
    expectAllClose(joint.matchEnergy.weightScale, sigma1, { rtol: 3e-3 });
    expect(joint.matchEnergy.tvDistance).toBeLessThan(1e-3);
    expectAllClose(joint.matchSelectivity.weightScale, sigma2, { rtol: 3e-3 });
    expect(joint.matchSelectivity.selectivityDifference).toBeLessThan(1e-3);
    expect(joint.match.weightScale).toBeGreaterThan(sigma1 * (1 - 3e-3));
    expect(joint.match.weightScale).toBeLessThan(sigma2 * (1 + 3e-3));
    // Both parts are far from zero at the other part's sigma, so neither single-part match is a joint match.
    expect(joint.matchEnergy.selectivityDifference).toBeGreaterThan(0.05);
    expect(joint.matchSelectivity.tvDistance).toBeGreaterThan(0.05);
    expect(joint.match.mismatch).toBeLessThanOrEqual(Math.min(joint.matchEnergy.mismatch, joint.matchSelectivity.mismatch));
    for (const part of [joint.match, joint.matchEnergy, joint.matchSelectivity]) expect(part.atRangeEnd).toBe(false);
    // `match` picks which minimiser is the best match.
    const byEnergy = compareNetworkWithSolution(network, { problem: selectivityFrom.problem, lambda: selectivityFrom.solution.lambda }, { weightScaleSearch: true, match: 'energy' });
    expect(byEnergy.jointMatch!.match).toEqual(byEnergy.jointMatch!.matchEnergy);
  });
});
