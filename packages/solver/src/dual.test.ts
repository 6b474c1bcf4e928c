import { describe, expect, it } from 'vitest';
import { createRng, fromRows, zeros, type Mat } from '@maxent/core';
import { parseConfig, problemFromConfig, type MaxentProblem } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { createDualWorkspace, dualObjective, evaluateDual, stepToBoundary } from './dual.js';
import { patternLaw } from './populations.js';
import { naiveDual } from '../test/reference.js';

function problemOf(config: unknown): MaxentProblem {
  return problemFromConfig(parseConfig(config));
}

/** A random lambda well inside the domain: q(g) <= 0.6 for every pattern. */
function randomLambda(problem: MaxentProblem, seed: number): Mat {
  const rng = createRng(seed);
  const { contexts: K, stimuli: P, weightScale: sigma } = problem;
  const lambda = zeros(K, P);
  for (let i = 0; i < K * P; i++) lambda.data[i] = rng.normal();
  // Worst case |a(g)| <= sum_k |lambda_k|, so scale that below sqrt(0.6) / sigma^2.
  let bound = 0;
  for (let k = 0; k < K; k++) {
    let norm = 0;
    for (let j = 0; j < P; j++) norm += lambda.data[k * P + j] ** 2;
    bound += Math.sqrt(norm);
  }
  const factor = Math.sqrt(0.6) / (sigma * sigma * bound);
  for (let i = 0; i < K * P; i++) lambda.data[i] *= factor;
  return lambda;
}

const CASES = [
  { name: 'select K=1', config: { task: { name: 'select', contexts: 1 } } },
  { name: 'select K=3 sigma=0.5', config: { task: { name: 'select', contexts: 3 }, weightScale: 0.5 } },
  { name: 'select-of K=4 P=2, mu=0.4', config: { task: { name: 'select-of', contexts: 4, stimuli: 2 }, context: { mean: 0.4, std: 1.3 } } },
  { name: 'signed matrix, sigma=2', config: { task: { matrix: [[1, 0], [0, 1], [-1, 0], [0, -1]] }, weightScale: 2 } },
  { name: 'select K=5', config: { task: { name: 'select', contexts: 5 } } },
  { name: 'linear, equal rows', config: { task: { matrix: [[1, 2], [1, 2]] }, nonlinearity: 'linear' } },
];

describe('dualObjective against a naive pattern-by-pattern reference', () => {
  it.each(CASES)('$name', ({ config }) => {
    const problem = problemOf(config);
    const lambda = randomLambda(problem, 11);
    const fast = dualObjective(problem, lambda);
    const naive = naiveDual(problem, lambda.data);
    expectAllClose(fast.value, naive.value, { rtol: 1e-12, atol: 1e-13 });
    expectAllClose(fast.moments.data, naive.moments, { rtol: 1e-10, atol: 1e-13 });
    expectAllClose(fast.hessian.data, naive.hessian.flat(), { rtol: 1e-9, atol: 1e-12 });
  });
});

describe('derivatives of the dual (model.md §4)', () => {
  it.each(CASES)('gradient matches central differences: $name', ({ config }) => {
    const problem = problemOf(config);
    const lambda = randomLambda(problem, 5);
    const { gradient } = dualObjective(problem, lambda);
    const h = 1e-6;
    const numeric = Array.from(lambda.data, (_, i) => {
      const up = { ...lambda, data: Float64Array.from(lambda.data) };
      const down = { ...lambda, data: Float64Array.from(lambda.data) };
      up.data[i] += h;
      down.data[i] -= h;
      return (dualObjective(problem, up).value - dualObjective(problem, down).value) / (2 * h);
    });
    expectAllClose(gradient.data, numeric, { rtol: 1e-6, atol: 1e-8 });
  });

  it.each(CASES)('Hessian matches differences of the gradient: $name', ({ config }) => {
    const problem = problemOf(config);
    const lambda = randomLambda(problem, 6);
    const { hessian } = dualObjective(problem, lambda);
    const size = lambda.data.length;
    const h = 1e-6;
    const numeric: number[] = [];
    for (let i = 0; i < size; i++) {
      const up = { ...lambda, data: Float64Array.from(lambda.data) };
      const down = { ...lambda, data: Float64Array.from(lambda.data) };
      up.data[i] += h;
      down.data[i] -= h;
      const gUp = dualObjective(problem, up).gradient.data;
      const gDown = dualObjective(problem, down).gradient.data;
      for (let i2 = 0; i2 < size; i2++) numeric.push((gUp[i2] - gDown[i2]) / (2 * h));
    }
    // numeric[i * size + i2] = d grad_i2 / d lambda_i = H[i][i2] (symmetric).
    expectAllClose(hessian.data, numeric, { rtol: 1e-5, atol: 1e-7 });
  });

  it.each(CASES)('L is convex along random lines: $name', ({ config }) => {
    const problem = problemOf(config);
    for (let line = 0; line < 5; line++) {
      const start = randomLambda(problem, 100 + line);
      const end = randomLambda(problem, 200 + line);
      // Along lambda(t) = (1-t) start + t end (inside the convex domain), second differences are >= 0.
      const at = (t: number) => {
        const point = zeros(start.rows, start.cols);
        for (let i = 0; i < point.data.length; i++) point.data[i] = (1 - t) * start.data[i] + t * end.data[i];
        return dualObjective(problem, point).value;
      };
      const steps = 20;
      const values = Array.from({ length: steps + 1 }, (_, n) => at(n / steps));
      for (let n = 1; n < steps; n++) {
        const second = values[n - 1] - 2 * values[n] + values[n + 1];
        expect(second, `line ${line} point ${n}`).toBeGreaterThanOrEqual(-1e-12);
      }
    }
  });

  it('is +Infinity outside the domain and the arrays are NaN there', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 2 } });
    const evaluation = dualObjective(problem, fromRows([[1.2, 0], [0, 0]]));
    expect(evaluation.value).toBe(Number.POSITIVE_INFINITY);
    expect(Number.isNaN(evaluation.gradient.data[0])).toBe(true);
  });

  it('rejects a lambda of the wrong shape, naming it', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 2 } });
    expect(() => dualObjective(problem, zeros(3, 2))).toThrow(/`lambda`: must be a 2 x 2 matrix/);
  });
});

describe('stepToBoundary (fraction to the boundary)', () => {
  it.each(CASES.slice(0, 5))('keeps exactly the requested share of the tightest slack: $name', ({ config }) => {
    const problem = problemOf(config);
    const lambda = randomLambda(problem, 31);
    const direction = randomLambda(problem, 32);
    for (let i = 0; i < direction.data.length; i++) direction.data[i] *= 10;
    const workspace = createDualWorkspace(problem);
    const t = stepToBoundary(workspace, lambda.data, direction.data, 0.5);
    expect(t).toBeGreaterThan(0);
    const before = patternLaw(problem, lambda).q;
    const moved = zeros(lambda.rows, lambda.cols);
    for (let i = 0; i < moved.data.length; i++) moved.data[i] = lambda.data[i] + t * direction.data[i];
    const after = patternLaw(problem, moved).q;
    // Every pattern keeps at least half its slack, and the binding one exactly half.
    const ratios = Array.from(after, (q, i) => (1 - q) / (1 - before[i]));
    expect(Math.min(...ratios)).toBeCloseTo(0.5, 10);
    expect(Number.isFinite(evaluateDual(workspace, moved.data, 0))).toBe(true);
  });
});
