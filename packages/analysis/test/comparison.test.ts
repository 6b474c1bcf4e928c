import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { bestMatchingWeightScale, compareWithSolution, energyShareTvDistance } from '../src/index.js';

const population = (pattern: number[], energyShare: number, selectivity = 0.5, fraction = energyShare) => ({
  pattern,
  fraction,
  energyShare,
  selectivity,
});

describe('total-variation distance between energy-share distributions', () => {
  const a = [population([1, 0], 0.5, 0.9), population([0, 1], 0.3, 0.8), population([1, 1], 0.2, 0.4)];

  it('is 0 for identical inputs', () => {
    expect(energyShareTvDistance(a, a)).toBe(0);
    expect(compareWithSolution(a, a).tvDistance).toBe(0);
  });

  it('is 1 for disjoint patterns', () => {
    const b = [population([0, 0], 0.6), population([1, 1], 0)];
    const c = [population([1, 0], 0.7), population([0, 1], 0.3)];
    expectAllClose(energyShareTvDistance(b.map((p) => ({ ...p, energyShare: p.energyShare / 0.6 })), c), 1, { rtol: 1e-15 });
  });

  it('matches a hand computation and is symmetric', () => {
    const b = [population([1, 0], 0.2, 0.7), population([0, 1], 0.3, 0.5), population([0, 0], 0.5, 0.5)];
    // |0.5-0.2| + |0.3-0.3| + |0.2-0| + |0-0.5| = 1.0 -> TV 0.5
    expectAllClose(energyShareTvDistance(a, b), 0.5, { rtol: 1e-15 });
    expectAllClose(energyShareTvDistance(b, a), 0.5, { rtol: 1e-15 });
    const comparison = compareWithSolution(a, b);
    expectAllClose(comparison.tvDistance, 0.5, { rtol: 1e-15 });
    // Solution order first, then the network's extra pattern [1, 1].
    expect(comparison.populations.map((p) => p.pattern)).toEqual([[1, 0], [0, 1], [0, 0], [1, 1]]);
    expectAllClose(comparison.populations[0].selectivityDifference ?? NaN, 0.2, { rtol: 1e-14 });
    expectAllClose(comparison.populations[1].selectivityDifference ?? NaN, 0.3, { rtol: 1e-14 });
    expect(comparison.populations[2].selectivityDifference).toBeNull();
    expectAllClose(comparison.populations[3].selectivity.network ?? NaN, 0.4, { rtol: 1e-15 });
    expect(comparison.populations[3].selectivity.solution).toBeNull();
    // Energy-weighted |difference| over shared patterns: (0.35*0.2 + 0.3*0.3) / 0.65
    expectAllClose(comparison.meanAbsSelectivityDifference, (0.35 * 0.2 + 0.3 * 0.3) / 0.65, { rtol: 1e-14 });
  });

  it('pools several populations with one pattern (clustered continuous gains)', () => {
    const split = [population([1, 0], 0.25, 1), population([1, 0], 0.25, 0.5), population([0, 1], 0.5, 0.5)];
    const whole = [population([1, 0], 0.5, 0.75), population([0, 1], 0.5, 0.5)];
    const comparison = compareWithSolution(split, whole);
    expect(comparison.tvDistance).toBe(0);
    expectAllClose(comparison.populations[0].selectivityDifference ?? NaN, 0, { atol: 1e-15 });
  });
});

describe('bestMatchingWeightScale', () => {
  // A synthetic one-parameter family with a known answer: the energy share of
  // pattern [1, 0] falls smoothly with sigma, p(sigma) = 1 / (1 + sigma^2).
  const family = (sigma: number) => {
    const p = 1 / (1 + sigma * sigma);
    return [population([1, 0], p, 0.9), population([1, 1], 1 - p, 0.5)];
  };

  it.each([0.3, 1, 2.5, 7])('recovers the sigma of a member of the family (%f)', (sigma) => {
    const match = bestMatchingWeightScale(family(sigma), family);
    expectAllClose(match.weightScale, sigma, { rtol: 2e-3 });
    expect(match.tvDistance).toBeLessThan(1e-3);
    expect(match.atBoundary).toBe(false);
    expect(match.evaluations.length).toBeGreaterThan(17);
  });

  it('says when the best match is at the end of the range', () => {
    const match = bestMatchingWeightScale(family(40), family);
    expect(match.atBoundary).toBe(true);
    expectAllClose(match.weightScale, 16, { rtol: 2e-3 });
  });

  it('reports { done, total } after every evaluation; total is the plan of an interior optimum', () => {
    // Default range [1/16, 16], 17 grid points: step ln(256)/16, bracket 2 steps = ln 2.
    // Golden-section shrinks until the bracket is below ln(1.001):
    // ceil(ln(ln(1.001) / ln 2) / ln(0.618...)) = 14, so 17 + 2 + 14 = 33 evaluations.
    const interior: [number, number][] = [];
    const match = bestMatchingWeightScale(family(2.5), family, { onProgress: ({ done, total }) => interior.push([done, total]) });
    expect(match.evaluations.length).toBe(33);
    expect(interior).toEqual(Array.from({ length: 33 }, (_, i) => [i + 1, 33]));
    // At an end of the range the bracket is one step wide: fewer shrinks than planned.
    const boundary: [number, number][] = [];
    bestMatchingWeightScale(family(40), family, { onProgress: ({ done, total }) => boundary.push([done, total]) });
    expect(boundary.at(-1)).toEqual([32, 33]);
    expect(boundary.every(([done, total]) => done <= total)).toBe(true);
  });

  it('rejects a bad range, naming the option', () => {
    expect(() => bestMatchingWeightScale(family(1), family, { lower: 2, upper: 1 })).toThrow(/invalid `upper`/);
  });
});
