import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig, type MaxentProblem } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { gaussHermitePoints, monteCarloPoints } from './gainPoints.js';
import { createPointDualWorkspace, evaluatePointDual, momentStandardErrors, pointStepToBoundary } from './pointDual.js';
import { naivePointDual } from '../test/reference.js';

function problemOf(config: unknown): MaxentProblem {
  return problemFromConfig(parseConfig(config));
}

const cases = [
  { name: 'tanh K = 2', config: { task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh', weightScale: 1.5 }, lambda: [0.2, -0.1, -0.15, 0.3] },
  {
    name: 'softplus K = 3, P = 2, mu_v 0.4',
    config: { task: { matrix: [[1, 0], [0, 1], [0.5, -0.5]] }, nonlinearity: 'softplus', weightScale: 1.2, context: { mean: 0.4, std: 0.8 } },
    lambda: [0.3, -0.2, 0.1, 0.25, -0.15, 0.05],
  },
  { name: 'tanh K = 1', config: { task: { matrix: [[1]] }, nonlinearity: 'tanh', weightScale: 0.9 }, lambda: [0.8] },
];

describe('dual over gain points (model.md §5, §7)', () => {
  it.each(cases)('$name: value, moments and Hessian agree with a naive per-point reference', ({ config, lambda }) => {
    const problem = problemOf(config);
    const points = gaussHermitePoints(problem, 7);
    const workspace = createPointDualWorkspace(problem, points);
    const x = Float64Array.from(lambda);
    const value = evaluatePointDual(workspace, x, 2);
    const naive = naivePointDual(problem, points, lambda);
    expectAllClose(value, naive.value, { rtol: 1e-13 });
    expectAllClose(workspace.moments, naive.moments, { rtol: 1e-12, atol: 1e-15 });
    expectAllClose(workspace.hessian, naive.hessian.flat(), { rtol: 1e-11, atol: 1e-14 });
  });

  it.each(cases)('$name: finite differences of L give its gradient and Hessian', ({ config, lambda }) => {
    const problem = problemOf(config);
    const points = gaussHermitePoints(problem, 9);
    const workspace = createPointDualWorkspace(problem, points);
    const x = Float64Array.from(lambda);
    evaluatePointDual(workspace, x, 2);
    const gradient = Float64Array.from(workspace.gradient);
    const hessian = Float64Array.from(workspace.hessian);
    const size = x.length;
    const h = 1e-5;
    const at = (delta: Float64Array, level: 0 | 1) => {
      const y = Float64Array.from(x, (xi, i) => xi + delta[i]);
      return { value: evaluatePointDual(workspace, y, level), gradient: Float64Array.from(workspace.gradient) };
    };
    for (let i = 0; i < size; i++) {
      const e = new Float64Array(size);
      e[i] = h;
      const plus = at(e, 1);
      const minus = at(e.map((v) => -v), 1);
      // Central differences: error O(h^2) of the third derivatives, far below these tolerances.
      expectAllClose((plus.value - minus.value) / (2 * h), gradient[i], { rtol: 1e-7, atol: 1e-9 });
      const column = plus.gradient.map((g, r) => (g - minus.gradient[r]) / (2 * h));
      expectAllClose(column, hessian.subarray(i * size, (i + 1) * size), { rtol: 1e-6, atol: 1e-8 });
    }
  });

  it('is +Infinity where q >= 1 at some point, and stepToBoundary keeps the asked share of every slack', () => {
    const problem = problemOf(cases[0].config);
    const points = gaussHermitePoints(problem, 6);
    const workspace = createPointDualWorkspace(problem, points);
    const x = Float64Array.from(cases[0].lambda);
    const direction = Float64Array.from([1, -0.5, 0.3, 0.8]);
    const t = pointStepToBoundary(workspace, x, direction, 0.5);
    const slack = (y: Float64Array) => {
      evaluatePointDual(workspace, y, 0);
      return workspace.q.map((q) => 1 - q);
    };
    const before = slack(x);
    const after = slack(x.map((xi, i) => xi + t * direction[i]));
    let tightest = Infinity;
    for (let i = 0; i < before.length; i++) tightest = Math.min(tightest, after[i] / before[i]);
    expectAllClose(tightest, 0.5, { rtol: 1e-9 });
    const beyond = x.map((xi, i) => xi + 3 * t * direction[i]);
    expect(evaluatePointDual(workspace, beyond, 0)).toBe(Number.POSITIVE_INFINITY);
  });

  it('Monte Carlo standard errors match the spread of the moments over independent seeds', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 2 }, nonlinearity: 'tanh', weightScale: 2 });
    const lambda = Float64Array.from([0.18, -0.12, -0.12, 0.18]);
    const estimates: number[][] = [];
    const errors: number[][] = [];
    for (let seed = 0; seed < 40; seed++) {
      const workspace = createPointDualWorkspace(problem, monteCarloPoints(problem, 4000, seed));
      evaluatePointDual(workspace, lambda, 1);
      estimates.push(Array.from(workspace.moments));
      errors.push(Array.from(momentStandardErrors(workspace, lambda)));
    }
    for (let i = 0; i < 4; i++) {
      const values = estimates.map((row) => row[i]);
      const mean = values.reduce((s, v) => s + v, 0) / values.length;
      const spread = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
      const reported = errors.reduce((s, row) => s + row[i], 0) / errors.length;
      // 40 replicates: the sample standard deviation is within about 25% of the truth (2 standard errors of it).
      expect(spread / reported).toBeGreaterThan(0.7);
      expect(spread / reported).toBeLessThan(1.3);
    }
  });
});
