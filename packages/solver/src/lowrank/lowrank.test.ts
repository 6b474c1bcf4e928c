import { describe, expect, it } from 'vitest';
import { Matrix, solve } from 'ml-matrix';
import { createRng } from '@maxent/core';
import {
  DEFAULT_RIDGE,
  defaultPriorPoints,
  empiricalPoints,
  fieldTargets,
  gridPoints,
  mixtureField,
  teacherPreset,
  trapezoidPoints,
  type LatentField,
  type LowRankProblem,
  type TeacherPreset,
} from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { conditionalMean, createJointEstimator, solutionField, solveConditional, solveJoint } from '../index.js';

function presetProblem(name: TeacherPreset, overrides: Partial<LowRankProblem> = {}): LowRankProblem {
  const teacher = teacherPreset(name);
  const R = teacher.rank;
  const points = R === 1 ? gridPoints(1, { kind: 'square', extent: 4, count: 61 }, true) : gridPoints(2, { kind: 'polar', extent: 3, radii: 5, angles: 16 }, true);
  return { rank: R, nonlinearity: 'tanh', points, targets: fieldTargets(mixtureField(teacher), points), priorMStd: 1, priorNStd: 1, ridge: DEFAULT_RIDGE, ...overrides };
}

/** The positive root of -kappa + G(kappa) on [lo, hi] by bisection (R = 1), an independent route to the fixed point. */
function positiveFixedPoint(field: LatentField, lo = 0.5, hi = 3): number {
  const g = new Float64Array(1);
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    field.evaluate(Float64Array.of(mid), g);
    if (g[0] > mid) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

describe('conditional solution (model.md §14)', () => {
  const problem = presetProblem('bistable');
  const prior = defaultPriorPoints(1, 1, createRng(1));
  const solution = solveConditional(problem, prior);

  it('bistable with the exact target: residual < 1e-6, E[n|m] = 2m under p(m), kappa* = 1.33711', () => {
    expect(solution.maxResidual).toBeLessThan(1e-6);
    let meanSquare = 0;
    for (let j = 0; j < prior.count; j++) {
      const m = prior.m[j];
      meanSquare += prior.weights[j] * (conditionalMean(solution, [m])[0] - 2 * m) ** 2;
    }
    expect(Math.sqrt(meanSquare)).toBeLessThan(1e-3);
    expect(Math.abs(positiveFixedPoint(solutionField(solution)) - 1.33711)).toBeLessThan(1e-4);
    // KL of a Gaussian mean shift 2m with variance s^2 = 1: E[(2m)^2] / 2 = 2.
    expect(solution.klFromPrior).toBeCloseTo(2, 3);
  });

  it('E[n|m] does not depend on the prior scale s', () => {
    for (const s of [0.25, 4]) {
      const other = solveConditional({ ...problem, priorNStd: s }, prior);
      expectAllClose(other.coefficients, solution.coefficients, { rtol: 1e-10, atol: 1e-10 * Math.max(...solution.coefficients.map(Math.abs)) });
    }
  });

  it("reproduces Connector's ridge estimate of n given m (primal N x N ridge regression) to 1e-10", () => {
    // Connector fits N (N x R) to discrete-time latents: minimise
    // sum_t |kappa_{t+1} - (1 - alpha) kappa_t - (alpha / N) N^T phi(M kappa_t)|^2 + rho |N|_F^2,
    // i.e. alpha^2 sum_t |G_t - (1/N) Phi_t^T N|^2 + rho |N|^2 with Phi (N x T) = phi(M kappa_t):
    // N = (Phi Phi^T / N^2 + rho / alpha^2 I)^-1 Phi G / N (the normal equations, solved by LU).
    const rng = createRng(11);
    const N = 200;
    const m = Float64Array.from({ length: N }, () => rng.normal());
    const points = gridPoints(1, { kind: 'square', extent: 3, count: 25 }, true);
    const targets = fieldTargets(mixtureField(teacherPreset('bistable')), points);
    const T = points.length;
    const rho = 1e-3;
    const alpha = 0.1;
    const Phi = new Matrix(N, T);
    for (let i = 0; i < N; i++) for (let t = 0; t < T; t++) Phi.set(i, t, Math.tanh(m[i] * points[t]));
    const normal = Phi.mmul(Phi.transpose()).div(N * N);
    for (let i = 0; i < N; i++) normal.set(i, i, normal.get(i, i) + rho / (alpha * alpha));
    const connector = solve(normal, Phi.mmul(Matrix.columnVector(Array.from(targets))).div(N));
    const ours = solveConditional(
      { rank: 1, nonlinearity: 'tanh', points, targets, priorMStd: 1, priorNStd: 1.7, ridge: { absolute: (rho * N) / (alpha * alpha) } },
      empiricalPoints(1, m),
    );
    const means = Array.from(m, (mi) => conditionalMean(ours, [mi])[0]);
    expectAllClose(means, connector.getColumn(0), { rtol: 1e-10, atol: 1e-12 });
  });
});

describe('joint solution (model.md §14)', () => {
  it.each(['bistable', 'ring', 'cycle', 'quadstable'] as const)('%s: residual < 1e-5 in at most 25 Newton iterations (121^2 nodes for R = 2)', (name) => {
    const problem = presetProblem(name);
    const R = problem.rank;
    const grid = R === 1 ? trapezoidPoints(1, 1, 801, 10) : trapezoidPoints(2, 1, 121, 8);
    const solution = solveJoint(problem, grid);
    expect(solution.converged, solution.message).toBe(true);
    expect(solution.iterations).toBeLessThanOrEqual(25);
    expect(solution.maxResidual).toBeLessThan(1e-5);
    expectAllClose(solution.pm.reduce((a, b) => a + b, 0), 1, { rtol: 1e-12 });
  });

  it('the scaling identity: (G, s) and (G / c, s / c) have the same p(m) and KL, E[n|m] / c', () => {
    const problem = presetProblem('bistable');
    const grid = trapezoidPoints(1, 1, 401, 10);
    const c = 2.5;
    const base = solveJoint(problem, grid);
    const scaled = solveJoint({ ...problem, targets: problem.targets.map((g) => g / c), priorNStd: 1 / c }, grid);
    expectAllClose(scaled.pm, base.pm, { rtol: 1e-6, atol: 1e-12 });
    expectAllClose(scaled.klFromPrior, base.klFromPrior, { rtol: 1e-7 });
    for (const m of [-2, -0.5, 0.3, 1.7]) expectAllClose(conditionalMean(scaled, [m])[0] * c, conditionalMean(base, [m])[0], { rtol: 1e-6, atol: 1e-8 });
  });

  it('finite differences of L confirm the gradient and Hessian to 1e-7', () => {
    const problem = presetProblem('ring', { points: Float64Array.of(0.5, 0.2, 1.1, -0.7, 0.3, 1.4, 2, 0.5), priorNStd: 0.8 });
    problem.targets.set(fieldTargets(mixtureField(teacherPreset('ring')), problem.points));
    const estimator = createJointEstimator(problem, trapezoidPoints(2, 1.3, 41, 8));
    const rng = createRng(5);
    const x = Float64Array.from({ length: estimator.size }, () => 0.3 * rng.normal());
    estimator.evaluate(x, 2);
    const gradient = Float64Array.from(estimator.gradient);
    const hessian = Float64Array.from(estimator.hessian);
    const h = 1e-4;
    const size = estimator.size;
    const numericGradient = new Float64Array(size);
    const numericHessian = new Float64Array(size * size);
    for (let i = 0; i < size; i++) {
      const plus = Float64Array.from(x);
      const minus = Float64Array.from(x);
      plus[i] += h;
      minus[i] -= h;
      // Fourth-order central differences of L for the gradient, of the gradient for the Hessian.
      const plus2 = Float64Array.from(x);
      const minus2 = Float64Array.from(x);
      plus2[i] += 2 * h;
      minus2[i] -= 2 * h;
      const [fp, fm, fp2, fm2] = [plus, minus, plus2, minus2].map((point) => estimator.evaluate(point, 0));
      numericGradient[i] = (8 * (fp - fm) - (fp2 - fm2)) / (12 * h);
      const grads = [plus, minus, plus2, minus2].map((point) => {
        estimator.evaluate(point, 1);
        return Float64Array.from(estimator.gradient);
      });
      for (let k = 0; k < size; k++) numericHessian[i * size + k] = (8 * (grads[0][k] - grads[1][k]) - (grads[2][k] - grads[3][k])) / (12 * h);
    }
    expectAllClose(gradient, numericGradient, { rtol: 1e-7, atol: 1e-7 });
    expectAllClose(hessian, numericHessian, { rtol: 1e-7, atol: 1e-7 });
  });

  it('relu, R = 1: log Z by the trapezoid rule equals the closed form 1/2 (1 - q+)^(-1/2) + 1/2 (1 - q-)^(-1/2) to 1e-12', () => {
    const points = Float64Array.of(0.8, -1.3, 2.1, -0.4);
    const sigmaM = 1.2;
    const s = 0.9;
    const problem: LowRankProblem = { rank: 1, nonlinearity: 'relu', points, targets: new Float64Array(4), priorMStd: sigmaM, priorNStd: s, ridge: { absolute: 0 } };
    const estimator = createJointEstimator(problem, trapezoidPoints(1, sigmaM, 801, 10));
    const lambda = Float64Array.of(0.25, -0.1, 0.12, 0.3);
    // a(m) = m alpha+ for m > 0 and |m| alpha- for m < 0; q = s^2 sigma_m^2 alpha^2.
    const alphaPlus = 0.25 * 0.8 + 0.12 * 2.1;
    const alphaMinus = -0.1 * 1.3 + 0.3 * 0.4;
    const qPlus = s * s * sigmaM * sigmaM * alphaPlus * alphaPlus;
    const qMinus = s * s * sigmaM * sigmaM * alphaMinus * alphaMinus;
    const closedForm = Math.log(0.5 / Math.sqrt(1 - qPlus) + 0.5 / Math.sqrt(1 - qMinus));
    expect(qPlus).toBeGreaterThan(0.1);
    estimator.evaluate(lambda, 0);
    expectAllClose(estimator.logPartition(), closedForm, { rtol: 0, atol: 1e-12 });
    // Outside the domain (q+ >= 1) L is +Infinity.
    expect(estimator.evaluate(Float64Array.of(2, 0, 0, 0), 0)).toBe(Number.POSITIVE_INFINITY);
  });
});
