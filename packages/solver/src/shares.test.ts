import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { populationShares, sharesAlongWeightScale } from './index.js';
import { solveExact as solve } from '../test/exact.js';

const problemAt = (weightScale: number) =>
  problemFromConfig(parseConfig({ task: { name: 'select', contexts: 3 }, weightScale }));

describe('populationShares', () => {
  it('lists every pattern once, with fractions and energy shares summing to 1, as the solution does', () => {
    const problem = problemAt(1);
    const solution = solve(problem);
    const shares = populationShares(problem, solution.lambda);
    expect(shares).toHaveLength(8);
    expectAllClose(shares.reduce((sum, share) => sum + share.fraction, 0), 1, { rtol: 1e-12 });
    expectAllClose(shares.reduce((sum, share) => sum + share.energyShare, 0), 1, { rtol: 1e-12 });
    for (const population of solution.populations) {
      const share = shares.find((candidate) => Array.from(candidate.pattern).join('') === population.pattern.join(''));
      expect(share).toBeDefined();
      expectAllClose([share!.fraction, share!.energyShare, share!.selectivity], [population.fraction, population.energyShare, population.selectivity], { rtol: 1e-12 });
    }
  });
});

describe('sharesAlongWeightScale', () => {
  it('warm-started solves along sigma give the shares of cold solves', () => {
    const along = sharesAlongWeightScale(problemAt(1));
    for (const sigma of [0.5, 0.8, 2, 3]) {
      const warm = along(sigma);
      const problem = problemAt(sigma);
      const cold = populationShares(problem, solve(problem).lambda);
      expect(warm).not.toBeNull();
      expectAllClose(warm!.map((share) => share.energyShare), cold.map((share) => share.energyShare), { rtol: 1e-9, atol: 1e-12 });
    }
  });
});
