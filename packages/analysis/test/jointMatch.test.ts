import { describe, expect, it } from 'vitest';
import { expectAllClose } from '#testing';
import { compareWithSolution, jointWeightScaleMatch, poolByPattern, pooledSelectivityDifference } from '../src/index.js';

// A synthetic two-pattern family with known answers (model.md §15): the energy share of
// pattern [1, 0] falls with sigma, p(sigma) = 1 / (1 + sigma^2), and both patterns'
// selectivities fall from 1 towards 1/2, chi(sigma) = (1 + 1 / (1 + sigma)) / 2.
const energyAt = (sigma: number) => 1 / (1 + sigma * sigma);
const chiAt = (sigma: number) => (1 + 1 / (1 + sigma)) / 2;
const member = (energySigma: number, chiSigma: number) => {
  const p = energyAt(energySigma);
  const chi = chiAt(chiSigma);
  return [
    { pattern: [1, 0], fraction: 0.5, energyShare: p, selectivity: chi },
    { pattern: [1, 1], fraction: 0.5, energyShare: 1 - p, selectivity: chi },
  ];
};
const family = (sigma: number) => member(sigma, sigma);

describe('jointWeightScaleMatch', () => {
  it.each([0.2, 1, 3.7])('recovers the sigma of a member of the family (%f), all three parts', (sigma) => {
    const result = jointWeightScaleMatch(family(sigma), family);
    for (const part of [result.joint, result.energy, result.selectivity]) {
      expectAllClose(part.weightScale, sigma, { rtol: 2e-3 });
      expect(part.atRangeEnd).toBe(false);
      expect(part.rangeEnd).toBeNull();
    }
    expect(result.joint.mismatch).toBeLessThan(2e-3);
    expect(result.match).toBe(result.joint);
  });

  it('planted mismatch: energy from sigma1, selectivity from sigma2; each part finds its own, the joint lies between', () => {
    const [sigma1, sigma2] = [0.5, 4];
    const result = jointWeightScaleMatch(member(sigma1, sigma2), family);
    expectAllClose(result.energy.weightScale, sigma1, { rtol: 2e-3 });
    expectAllClose(result.selectivity.weightScale, sigma2, { rtol: 2e-3 });
    expect(result.energy.tvDistance).toBeLessThan(1e-3);
    expect(result.selectivity.selectivityDifference).toBeLessThan(1e-3);
    expect(result.joint.weightScale).toBeGreaterThanOrEqual(sigma1 * (1 - 2e-3));
    expect(result.joint.weightScale).toBeLessThanOrEqual(sigma2 * (1 + 2e-3));
    // The joint minimum is no worse than either single-part minimiser (its parts add up).
    expect(result.joint.mismatch).toBeLessThanOrEqual(Math.min(result.energy.mismatch, result.selectivity.mismatch) + 1e-12);
    expectAllClose(result.joint.mismatch, result.joint.tvDistance + result.joint.selectivityDifference, { rtol: 1e-15 });
    // Hand computation: on [sigma1, sigma2] the mismatch is (p(sigma1) - p(s)) + (chi(s) - chi(sigma2)),
    // whose derivative 2s/(1+s^2)^2 - 1/(2(1+s)^2) changes sign once, from + to -, so
    // the minimum is at an end of the interval: the smaller of the two single-part values.
    const atSigma1 = chiAt(sigma1) - chiAt(sigma2);
    const atSigma2 = energyAt(sigma1) - energyAt(sigma2);
    expectAllClose(result.joint.mismatch, Math.min(atSigma1, atSigma2), { rtol: 1e-3 });
  });

  it.each([
    ['upper', 200],
    ['lower', 1e-3],
  ] as const)('flags a minimiser at the %s end of the range', (side, sigma) => {
    const result = jointWeightScaleMatch(family(sigma), family);
    expect(result.joint.atRangeEnd).toBe(true);
    expect(result.joint.rangeEnd).toBe(side);
    expectAllClose(result.joint.weightScale, side === 'upper' ? 64 : 1 / 64, { rtol: 2e-3 });
  });

  it('`by` chooses which minimiser is the match', () => {
    const network = member(0.5, 4);
    expect(jointWeightScaleMatch(network, family, { by: 'energy' }).match.by).toBe('energy');
    const bySelectivity = jointWeightScaleMatch(network, family, { by: 'selectivity' });
    expect(bySelectivity.match).toBe(bySelectivity.selectivity);
  });

  it('the curve holds every evaluation once, ascending in sigma; progress never passes its total', () => {
    const progress: [number, number][] = [];
    const calls: number[] = [];
    const result = jointWeightScaleMatch(member(0.5, 4), (sigma) => (calls.push(sigma), family(sigma)), {
      onProgress: ({ done, total }) => progress.push([done, total]),
    });
    expect(result.curve.length).toBe(calls.length);
    expect(new Set(calls).size).toBe(calls.length);
    for (let i = 1; i < result.curve.length; i++) expect(result.curve[i].weightScale).toBeGreaterThan(result.curve[i - 1].weightScale);
    // The 25 grid points of the default range, sqrt(2) apart, are all on the curve.
    for (let i = 0; i <= 24; i++) expect(result.curve.some((point) => Math.abs(point.weightScale / (2 ** (i / 2 - 6)) - 1) < 1e-12)).toBe(true);
    expect(progress.at(-1)?.[0]).toBe(calls.length);
    expect(progress.every(([done, total]) => done <= total)).toBe(true);
  });

  it('a sigma without a solution is no match; none anywhere gives Infinity', () => {
    const partial = jointWeightScaleMatch(family(1), (sigma) => (sigma > 8 ? null : family(sigma)));
    expectAllClose(partial.joint.weightScale, 1, { rtol: 2e-3 });
    expect(partial.curve.filter((point) => point.mismatch === Infinity).length).toBeGreaterThan(0);
    const none = jointWeightScaleMatch(family(1), () => null);
    expect(none.joint.mismatch).toBe(Infinity);
  });

  it('counts the selectivity part as 1 when no pattern is on both sides', () => {
    const network = [{ pattern: [0, 0], fraction: 1, energyShare: 1, selectivity: 0.5 }];
    const result = jointWeightScaleMatch(network, family);
    expect(result.joint.selectivityDifference).toBe(1);
    expect(result.joint.tvDistance).toBe(1);
  });

  it('rejects a bad part, naming the option', () => {
    expect(() => jointWeightScaleMatch(family(1), family, { by: 'chi' as never })).toThrow(/invalid `by`/);
  });
});

describe('pooledSelectivityDifference', () => {
  it('equals the comparison mean |selectivity difference| (hand value)', () => {
    const a = [
      { pattern: [1, 0], fraction: 0.5, energyShare: 0.5, selectivity: 0.9 },
      { pattern: [0, 1], fraction: 0.3, energyShare: 0.3, selectivity: 0.8 },
      { pattern: [1, 1], fraction: 0.2, energyShare: 0.2, selectivity: 0.4 },
    ];
    const b = [
      { pattern: [1, 0], fraction: 0.2, energyShare: 0.2, selectivity: 0.7 },
      { pattern: [0, 1], fraction: 0.3, energyShare: 0.3, selectivity: 0.5 },
      { pattern: [0, 0], fraction: 0.5, energyShare: 0.5, selectivity: 0.5 },
    ];
    const expected = (0.35 * 0.2 + 0.3 * 0.3) / 0.65;
    expectAllClose(pooledSelectivityDifference(poolByPattern(a), poolByPattern(b)), expected, { rtol: 1e-14 });
    expectAllClose(compareWithSolution(a, b).meanAbsSelectivityDifference, expected, { rtol: 1e-14 });
  });
});
