import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig, type MaxentProblem } from '@maxent/constraints';
import { solve, type ContinuousSolution } from '@maxent/solver';
import { gainClusters, solutionShares } from './index.js';

function continuous(config: unknown): { problem: MaxentProblem; solution: ContinuousSolution } {
  const problem = problemFromConfig(parseConfig(config));
  const solution = solve(problem);
  if (solution.estimator === 'exact') throw new Error('expected a continuous solution');
  return { problem, solution };
}

/**
 * Clusters of the gain vectors of continuous solutions (model.md §7, §6). The
 * solver's own gain law (continuousObservables, over every point without any
 * clustering) is the independent route: any partition of the points must give
 * back its totals.
 */
describe('gain clusters of continuous solutions', () => {
  it.each([
    { name: 'tanh K = 2, sigma = 2 (quadrature)', config: { task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh', weightScale: 2 } },
    { name: 'softplus K = 2, sigma = 4 (quadrature)', config: { task: { name: 'select', contexts: 2 }, nonlinearity: 'softplus', weightScale: 4 } },
    {
      name: 'tanh K = 3, sigma = 2 (Monte Carlo)',
      config: { task: { name: 'select', contexts: 3 }, nonlinearity: 'tanh', weightScale: 2, estimator: { kind: 'montecarlo', samples: 20000, seed: 5 } },
    },
  ])('$name: the clusters add up to the gain law of the solution', ({ config }) => {
    const { problem, solution } = continuous(config);
    const found = gainClusters(problem, solution.lambda);
    expect(found.method).toBe('kmeans');
    expect(found.clusters.length).toBeGreaterThanOrEqual(2);
    const sum = (f: (c: (typeof found.clusters)[number]) => number) => found.clusters.reduce((total, c) => total + f(c), 0);
    expect(sum((c) => c.fraction)).toBeCloseTo(1, 12);
    expect(sum((c) => c.energyShare)).toBeCloseTo(1, 12);
    // E[g_k] = sum over clusters of fraction x mean gain.
    for (let k = 0; k < problem.contexts; k++) expect(sum((c) => c.fraction * c.gains[k])).toBeCloseTo(solution.gains.mean[k], 10);
    // The energy-weighted selectivity of the whole solution (§6) is the energy-weighted mean over any partition.
    expect(sum((c) => c.energyShare * c.selectivity)).toBeCloseTo(solution.summary.selectivity, 10);
    for (const cluster of found.clusters) {
      expect(cluster.pattern).toEqual(cluster.gains.map((g) => (g > 0.5 ? 1 : 0)));
      expect(cluster.selectivity).toBeGreaterThanOrEqual(1 / problem.stimuli - 1e-12);
      expect(cluster.selectivity).toBeLessThanOrEqual(1 + 1e-12);
    }
  });

  it('is seeded: the same seed gives the same clusters, another seed a clustering with the same totals', () => {
    const { problem, solution } = continuous({ task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh', weightScale: 2 });
    expect(gainClusters(problem, solution.lambda, { seed: 7 })).toEqual(gainClusters(problem, solution.lambda, { seed: 7 }));
    const other = gainClusters(problem, solution.lambda, { seed: 8, sampleSize: 500, kMax: 4 });
    expect(other.sampleSize).toBe(500);
    expect(other.silhouette.map((s) => s.k)).toEqual([2, 3, 4]);
    expect(other.clusters.reduce((t, c) => t + c.fraction, 0)).toBeCloseTo(1, 12);
  });

  it('the two symmetric contexts of the select task get mirror-image clusters', () => {
    // Swapping the contexts (and stimuli) maps the task onto itself, so p_lambda is symmetric under
    // g -> (g_2, g_1): the cluster mass with pattern 10 equals that with 01 up to the sample's noise.
    const { problem, solution } = continuous({ task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh', weightScale: 2 });
    const found = gainClusters(problem, solution.lambda, { sampleSize: 4000 });
    const energy = (pattern: string) => found.clusters.filter((c) => c.pattern.join('') === pattern).reduce((t, c) => t + c.energyShare, 0);
    expect(energy('10')).toBeGreaterThan(0.1);
    expect(Math.abs(energy('10') - energy('01'))).toBeLessThan(0.1);
  });

  it('linear gains (all 1) form one cluster holding everything; exact solutions keep their patterns', () => {
    const problem = problemFromConfig(parseConfig({ task: { matrix: [[1, 0.5], [1, 0.5]] }, nonlinearity: 'linear', estimator: { kind: 'quadrature', nodes: 8 } }));
    const solution = solve(problem);
    const found = gainClusters(problem, solution.lambda);
    expect(found.method).toBe('single');
    expect(found.clusters).toHaveLength(1);
    expect(found.clusters[0]).toMatchObject({ pattern: [1, 1], gains: [1, 1] });
    expect(found.clusters[0].fraction).toBeCloseTo(1, 12);
    expect(found.clusters[0].energyShare).toBeCloseTo(1, 12);
    const relu = problemFromConfig(parseConfig({ task: { name: 'select', contexts: 2 } }));
    expect(solutionShares(relu, solve(relu).lambda).map((s) => Array.from(s.pattern).join(''))).toEqual(['00', '10', '01', '11']);
  });
});
