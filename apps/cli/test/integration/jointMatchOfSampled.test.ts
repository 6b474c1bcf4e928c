import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { jointWeightScaleMatch, networkPopulations } from '@maxent/analysis';
import { sampleExactNeurons } from '@maxent/sampler';
import { sharesAlongWeightScale, solve, type ExactSolution } from '@maxent/solver';

/**
 * model.md §15 against §8: a network drawn exactly from the solution at sigma0
 * (N = 20000) is matched, jointly on energy shares and selectivities, near sigma0,
 * with a small mismatch and away from the ends of 1/64..64. The family searched is
 * solved at sigma = 1 and re-solved along sigma, so the search is not handed sigma0.
 */
const solveAt = (contexts: number, weightScale: number) =>
  solve(problemFromConfig(parseConfig({ task: { name: 'select', contexts }, weightScale }))) as ExactSolution;
const family = (contexts: number) => sharesAlongWeightScale(problemFromConfig(parseConfig({ task: { name: 'select', contexts } })));

describe('joint match of a network sampled from a solution', () => {
  it.each([
    [2, 0.5],
    [3, 0.7],
    [3, 2],
  ])('K = %i, sigma0 = %f: recovered within 10 per cent, TV < 0.05, not at the range end', (contexts, sigma0) => {
    const network = sampleExactNeurons(solveAt(contexts, sigma0), { neurons: 20_000, seed: `joint-${contexts}-${sigma0}` });
    const result = jointWeightScaleMatch(networkPopulations(network).populations, family(contexts));
    expect(Math.abs(result.joint.weightScale / sigma0 - 1)).toBeLessThan(0.1);
    expect(result.joint.tvDistance).toBeLessThan(0.05);
    expect(result.joint.atRangeEnd).toBe(false);
    // The selectivity part is small too: at N = 20000 each population has thousands of neurons.
    expect(result.joint.selectivityDifference).toBeLessThan(0.05);
  });

  it('negative control: far from sigma0 the mismatch is far above its minimum (the sampling noise)', () => {
    const network = sampleExactNeurons(solveAt(3, 0.7), { neurons: 20_000, seed: 'joint-control' });
    const result = jointWeightScaleMatch(networkPopulations(network).populations, family(3));
    const far = result.curve.find((point) => Math.abs(point.weightScale / 4 - 1) < 1e-9)!;
    expect(far.mismatch).toBeGreaterThan(10 * result.joint.mismatch);
  });
});
