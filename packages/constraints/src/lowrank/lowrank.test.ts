import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { expectAllClose } from '#testing';
import {
  checkMixtureTeacher,
  fieldTargets,
  findDegeneracies,
  gridPoints,
  loadingsField,
  mixtureField,
  psdFactor,
  teacherFromSpec,
  teacherPreset,
  trajectoryTargets,
  type MixtureTeacher,
} from '../index.js';

// A two-component mixture with means, correlations between m and n and between m's.
const teacher: MixtureTeacher = checkMixtureTeacher(
  teacherFromSpec({
    rank: 2,
    components: [
      {
        weight: 2,
        mean: [0.3, -0.2, 0.5, 0.1],
        covariance: [
          [1.0, 0.3, 1.2, -0.4],
          [0.3, 0.8, 0.2, 0.9],
          [1.2, 0.2, 3.0, 0.1],
          [-0.4, 0.9, 0.1, 2.5],
        ],
      },
      { weight: 1, mean: [-1, 0.5, 0, 2], covariance: [[0.5, 0, 0, 0], [0, 0.5, 0, 0], [0, 0, 1, 0], [0, 0, 0, 1]] },
    ],
  }),
);

/** Monte Carlo mean and standard error of n phi(m . kappa) over draws of the mixture. */
function monteCarloG(kappa: readonly number[], samples: number): { mean: number[]; stderr: number[] } {
  const rng = createRng(7);
  const factors = teacher.components.map((c) => psdFactor(c.covariance, 4, 'c'));
  const sum = [0, 0];
  const sumSquares = [0, 0];
  const z = new Float64Array(4);
  for (let i = 0; i < samples; i++) {
    const u = rng.next();
    const c = u < teacher.components[0].weight ? 0 : 1;
    const { mean } = teacher.components[c];
    const L = factors[c];
    for (let a = 0; a < 4; a++) z[a] = rng.normal();
    const x = Array.from({ length: 4 }, (_, a) => mean[a] + [0, 1, 2, 3].reduce((acc, b) => acc + L[a * 4 + b] * z[b], 0));
    const phi = Math.tanh(x[0] * kappa[0] + x[1] * kappa[1]);
    for (let r = 0; r < 2; r++) {
      const f = x[2 + r] * phi;
      sum[r] += f;
      sumSquares[r] += f * f;
    }
  }
  const mean = sum.map((s) => s / samples);
  const stderr = sumSquares.map((s, r) => Math.sqrt((s / samples - mean[r] ** 2) / samples));
  return { mean, stderr };
}

describe('mixture teachers (model.md §14)', () => {
  it.each([[[0.7, -0.4]], [[1.5, 1.1]], [[-2, 0.3]]])('G by Stein\'s lemma agrees with Monte Carlo within 3 SE at kappa = %j', (kappa) => {
    const g = new Float64Array(2);
    mixtureField(teacher).evaluate(Float64Array.from(kappa), g);
    const { mean, stderr } = monteCarloG(kappa, 200_000);
    for (let r = 0; r < 2; r++) expect(Math.abs(g[r] - mean[r])).toBeLessThan(3 * stderr[r]);
  });

  it('a negative control: a wrong Stein term (C_nm dropped) is rejected by the same Monte Carlo test', () => {
    const noCross = { ...teacher, components: teacher.components.map((c) => ({ ...c, covariance: Float64Array.from(c.covariance, (x, i) => (Math.floor(i / 4) >= 2 && i % 4 < 2 ? 0 : x)) })) };
    const g = new Float64Array(2);
    mixtureField(noCross).evaluate(Float64Array.of(0.7, -0.4), g);
    const { mean, stderr } = monteCarloG([0.7, -0.4], 200_000);
    expect(Math.max(Math.abs(g[0] - mean[0]) / stderr[0], Math.abs(g[1] - mean[1]) / stderr[1])).toBeGreaterThan(3);
  });

  it('the Jacobian matches central differences of G', () => {
    const field = mixtureField(teacher);
    const kappa = Float64Array.of(0.9, -0.6);
    const jacobian = new Float64Array(4);
    field.evaluate(kappa, new Float64Array(2), jacobian);
    const h = 1e-5;
    const numeric = new Float64Array(4);
    for (let s = 0; s < 2; s++) {
      const plus = Float64Array.from(kappa);
      const minus = Float64Array.from(kappa);
      plus[s] += h;
      minus[s] -= h;
      const gp = new Float64Array(2);
      const gm = new Float64Array(2);
      field.evaluate(plus, gp);
      field.evaluate(minus, gm);
      for (let r = 0; r < 2; r++) numeric[r * 2 + s] = (gp[r] - gm[r]) / (2 * h);
    }
    expectAllClose(jacobian, numeric, { rtol: 1e-8, atol: 1e-9 });
  });

  it.each([
    ['bistable', [1.3371088959]],
    ['ring', [0.9481343176, 0]],
    ['quadstable', [1.8250737954, 0]],
  ] as const)('%s: G(kappa*) = kappa* at the fixed point of §14', (name, fixedPoint) => {
    const g = new Float64Array(fixedPoint.length);
    mixtureField(teacherPreset(name)).evaluate(Float64Array.from(fixedPoint), g);
    expectAllClose(g, fixedPoint, { atol: 1e-9 });
  });

  it('Gaussian G equals Sigma_nm kappa <phi\'>(|kappa|^2) (the closed form of §14) for the cycle', () => {
    const kappa = Float64Array.of(0.6, 0.8);
    const g = new Float64Array(2);
    mixtureField(teacherPreset('cycle')).evaluate(kappa, g);
    // <tanh'>(1) by a fine midpoint rule on [-12, 12], an independent route.
    let average = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const z = -12 + (24 * (i + 0.5)) / n;
      average += ((1 - Math.tanh(z) ** 2) * Math.exp(-z * z / 2) * 24) / n / Math.sqrt(2 * Math.PI);
    }
    expectAllClose(g, [(1.6 * 0.6 - 0.8 * 0.8) * average, (0.8 * 0.6 + 1.6 * 0.8) * average], { rtol: 1e-9 });
  });

  it('rejects a covariance that is not positive semi-definite, naming the field', () => {
    expect(() => teacherFromSpec({ rank: 1, components: [{ mean: [0, 0], covariance: [[1, 2], [2, 1]] }] })).toThrow(/teacher.components.0.covariance.*positive semi-definite/);
    expect(() => teacherFromSpec({ rank: 1, components: [{ mean: [0], covariance: [[1, 0], [0, 1]] }] })).toThrow(/teacher.components.0.mean/);
    expect(() => teacherFromSpec({ rank: 1, nonlinearity: 'relu', components: [] })).toThrow(/teacher.nonlinearity/);
  });
});

describe('constraint points and degeneracies (model.md §14)', () => {
  it('folding keeps one point of each +-kappa pair and drops the origin', () => {
    const full = gridPoints(2, { kind: 'square', extent: 2, count: 5 }, false);
    const folded = gridPoints(2, { kind: 'square', extent: 2, count: 5 }, true);
    expect(full.length / 2).toBe(25);
    expect(folded.length / 2).toBe(12);
    const tanh = findDegeneracies(2, 'tanh', folded, fieldTargets(mixtureField(teacherPreset('ring')), folded));
    expect(tanh.relations).toEqual([]);
    expect(tanh.zeroPoints).toEqual([]);
  });

  it('finds the origin, +-kappa pairs and repeats for tanh; the teacher\'s targets are consistent', () => {
    const points = gridPoints(2, { kind: 'square', extent: 2, count: 5 }, false);
    const targets = fieldTargets(mixtureField(teacherPreset('ring')), points);
    const found = findDegeneracies(2, 'tanh', points, targets);
    expect(found.zeroPoints).toEqual([12]);
    expect(found.relations.length).toBe(12);
    expect(found.relations.every(([, , c]) => c === -1)).toBe(true);
    expect(found.kept.length).toBe(12);
    expect(found.consistent).toBe(true);
  });

  it('an inconsistent target (G(-kappa) != -G(kappa)) is reported with the reason', () => {
    const points = Float64Array.of(1, 0.5, -1, -0.5, 0.3, 2);
    const targets = Float64Array.of(0.4, 0.1, -0.4, 0.2, 0.1, 0.1);
    const found = findDegeneracies(2, 'tanh', points, targets);
    expect(found.consistent).toBe(false);
    expect(found.reason).toMatch(/G\(-kappa\) = -G\(kappa\)/);
    expect(found.maxViolation).toBeCloseTo(0.3, 12);
  });

  it('relu: points on one ray are one constraint, G(c kappa) = c G(kappa) at finite N', () => {
    const rng = createRng(3);
    const N = 500;
    const m = Float64Array.from({ length: 2 * N }, () => rng.normal());
    const n = Float64Array.from({ length: 2 * N }, () => rng.normal());
    const points = Float64Array.of(1, 1, 2, 2, 0.5, 0.5, -1, -1, 0, 0, 1, 0);
    const targets = fieldTargets(loadingsField(2, 'relu', m, n), points);
    const found = findDegeneracies(2, 'relu', points, targets);
    expect(found.relations.map(([a, b]) => [a, b])).toEqual([[0, 1], [0, 2]]);
    expect(found.zeroPoints).toEqual([4]);
    expect(found.kept).toEqual([0, 3, 5]);
    expect(found.consistent).toBe(true);
    targets[3] += 1e-3;
    expect(findDegeneracies(2, 'relu', points, targets).consistent).toBe(false);
  });

  it('targets from Euler trajectories are G exactly', () => {
    const field = mixtureField(teacherPreset('cycle'));
    const alpha = 0.1;
    const steps = 30;
    const kappa = new Float64Array(steps * 2);
    kappa.set([1.2, -0.3]);
    const g = new Float64Array(2);
    for (let t = 0; t + 1 < steps; t++) {
      field.evaluate(kappa.subarray(2 * t, 2 * t + 2), g);
      for (let r = 0; r < 2; r++) kappa[2 * (t + 1) + r] = kappa[2 * t + r] + alpha * (-kappa[2 * t + r] + g[r]);
    }
    const { points, targets } = trajectoryTargets(kappa, [1, steps, 2], alpha, 3);
    expect(points.length).toBe(2 * 10);
    expectAllClose(targets, fieldTargets(field, points), { rtol: 1e-12, atol: 1e-13 });
  });
});
