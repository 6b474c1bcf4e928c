import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { constraintValues, logPriorDensity, nonlinearity } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { createConditionalWorkspace, fullLogDensity, marginalContextLogDensity, neuronDimension } from './neuronDensity.js';
import { lawOf, RELU_K4 } from './testSolutions.js';

const TANH = lawOf({ task: { name: 'select-of', contexts: 3, stimuli: 2 }, nonlinearity: 'tanh', weightScale: 1.3, context: { mean: 0.4, std: 1.5 } }, [
  [0.3, -0.1],
  [0.1, 0.2],
  [-0.2, 0.3],
]);

describe.each([
  ['relu K = 4', RELU_K4],
  ['tanh K = 3, P = 2', TANH],
])('neuron log densities (%s)', (_, solution) => {
  const { problem, lambda } = solution;
  const { stimuli: P, contexts: K } = problem;
  const phi = nonlinearity(problem.nonlinearity);
  const rng = createRng('density');
  const points = Array.from({ length: 20 }, () => Float64Array.from({ length: neuronDimension(problem) }, () => 1.5 * rng.normal()));

  it('full: log p0 + <lambda, f> from @maxent/constraints, up to one constant', () => {
    const logDensity = fullLogDensity(problem, lambda);
    const differences = points.map((theta) => {
      const u = theta.subarray(0, P);
      const v = theta.subarray(P, P + K);
      const w = theta[P + K];
      const f = constraintValues(phi, u, v, w);
      let coupling = 0;
      for (let t = 0; t < K * P; t++) coupling += lambda.data[t] * f[t];
      return logDensity(theta) - (logPriorDensity(problem, u, v, w) + coupling);
    });
    expectAllClose(differences, new Array(points.length).fill(differences[0]), { atol: 1e-12 });
  });

  it('blocked: log p0(v) - log(1 - q(v)) / 2, up to one constant, with q from §5', () => {
    const logDensity = marginalContextLogDensity(problem, lambda);
    const s4 = problem.weightScale ** 4;
    const differences = points.map((theta) => {
      const v = theta.slice(P, P + K);
      const a = new Float64Array(P);
      for (let k = 0; k < K; k++) for (let j = 0; j < P; j++) a[j] += lambda.data[k * P + j] * phi.derivative(v[k]);
      const q = s4 * a.reduce((sum, x) => sum + x * x, 0);
      let prior = 0;
      for (let k = 0; k < K; k++) prior += -0.5 * ((v[k] - problem.contextMean) / problem.contextStd) ** 2;
      expectAllClose(createConditionalWorkspace(problem, lambda).evaluate(v), q, { rtol: 1e-12, atol: 1e-15 });
      return logDensity(v) - (prior - 0.5 * Math.log(1 - q));
    });
    expectAllClose(differences, new Array(points.length).fill(differences[0]), { atol: 1e-12 });
  });
});

it('blocked: -Infinity where q >= 1', () => {
  const bad = lawOf({ task: { name: 'select', contexts: 2 } }, [
    [1.5, 0],
    [0, 0.1],
  ]);
  const logDensity = marginalContextLogDensity(bad.problem, bad.lambda);
  expect(logDensity(Float64Array.from([1, -1]))).toBe(-Infinity);
  expect(Number.isFinite(logDensity(Float64Array.from([-1, 1])))).toBe(true);
});
