import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { mixtureField, psdFactor, teacherPreset, type MixtureTeacher } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import type { LatentField } from '@maxent/constraints';
import { conditionalMeanDifference, cycleMeasures, energyDistance, latentFixedPoints, loadingPopulations, radialNullcline, ringMeasures } from '../index.js';

function draw(teacher: MixtureTeacher, count: number, seed: number): { m: Float64Array; n: Float64Array } {
  const rng = createRng(seed);
  const R = teacher.rank;
  const D = 2 * R;
  const m = new Float64Array(count * R);
  const n = new Float64Array(count * R);
  for (let i = 0; i < count; i++) {
    const c = Math.min(teacher.components.length - 1, Math.floor(rng.next() * teacher.components.length));
    const { mean, covariance } = teacher.components[c];
    const L = psdFactor(covariance, D, 'c');
    const z = Array.from({ length: D }, () => rng.normal());
    for (let a = 0; a < D; a++) {
      let x = mean[a];
      for (let b = 0; b <= a; b++) x += L[a * D + b] * z[b];
      if (a < R) m[i * R + a] = x;
      else n[i * R + a - R] = x;
    }
  }
  return { m, n };
}

describe('fixed points of the mean field (model.md §14)', () => {
  it('bistable: +-1.3371 stable and an unstable origin, exactly 3', () => {
    const points = latentFixedPoints(mixtureField(teacherPreset('bistable')));
    expect(points.map((p) => p.kind)).toEqual(['stable', 'stable', 'source']);
    expectAllClose(points.map((p) => p.kappa[0]), [-1.3371088959, 1.3371088959, 0], { atol: 1e-9 });
  });

  it('quadstable: 4 stable points at radius 1.8251 on the axes, 4 saddles, an unstable origin', () => {
    const points = latentFixedPoints(mixtureField(teacherPreset('quadstable')));
    const kinds = points.map((p) => p.kind);
    expect(kinds.filter((k) => k === 'stable').length).toBe(4);
    expect(kinds.filter((k) => k === 'saddle').length).toBe(4);
    expect(kinds.filter((k) => k === 'source').length).toBe(1);
    for (const p of points.filter((q) => q.kind === 'stable')) {
      expectAllClose(Math.hypot(...p.kappa), 1.8250737954, { atol: 1e-8 });
      expect(Math.min(...p.kappa.map(Math.abs))).toBeLessThan(1e-9);
    }
  });

  it('ring: the mean-field ring is a continuum of marginal fixed points at radius 0.9481', () => {
    const points = latentFixedPoints(mixtureField(teacherPreset('ring')), { marginalTolerance: 1e-6 });
    const ring = points.filter((p) => p.kind === 'marginal');
    expect(ring.length).toBeGreaterThan(4);
    for (const p of ring) expectAllClose(Math.hypot(...p.kappa), 0.9481343176, { atol: 1e-8 });
  });
});

describe('attractor measures', () => {
  it('a planted circle of radius 2 and angular speed 0.5 / tau: radius 2, period 4 pi', () => {
    const records = 2001;
    const dt = 0.01;
    const latents = new Float64Array(records * 2);
    for (let k = 0; k < records; k++) {
      latents[2 * k] = 2 * Math.cos(0.5 * k * dt);
      latents[2 * k + 1] = 2 * Math.sin(0.5 * k * dt);
    }
    const cycle = cycleMeasures(latents, records, dt);
    expectAllClose(cycle.radius, 2, { rtol: 1e-12 });
    expectAllClose(cycle.period ?? NaN, 4 * Math.PI, { rtol: 1e-9 });
    const ring = ringMeasures(latents, 1, records, dt);
    expectAllClose(ring.drift, 0.5, { rtol: 1e-9 });
  });

  it('a trajectory settling on a point while turning by 1e-6 rad / tau has no cycle period', () => {
    const records = 401;
    const dt = 0.05;
    const latents = new Float64Array(records * 2);
    for (let k = 0; k < records; k++) {
      const r = 1.8 + Math.exp(-k * dt);
      latents[2 * k] = r * Math.cos(1e-6 * k * dt);
      latents[2 * k + 1] = r * Math.sin(1e-6 * k * dt);
    }
    expect(cycleMeasures(latents, records, dt).period).toBeNull();
  });
});

/**
 * A planted planar flow in polar form: dr/dt = r (1 - r^2), d theta/dt = c + b sin(k theta).
 * Its attracting circle is r = 1 with radial rate 2; it carries fixed points iff |b| >= |c|,
 * and otherwise turns with period 2 pi / sqrt(c^2 - b^2).
 */
function plantedField(c: number, b: number, k: number): LatentField {
  const value = (x: number, y: number, g: Float64Array): void => {
    const r = Math.hypot(x, y);
    const theta = Math.atan2(y, x);
    const radial = r * (1 - r * r);
    const angular = c + b * Math.sin(k * theta);
    // G = kappa + F, F = radial e_r + r angular e_theta.
    g[0] = x + radial * Math.cos(theta) - r * angular * Math.sin(theta);
    g[1] = y + radial * Math.sin(theta) + r * angular * Math.cos(theta);
  };
  const plus = new Float64Array(2);
  const minus = new Float64Array(2);
  const h = 1e-6;
  return {
    rank: 2,
    evaluate(kappa, g, jacobian) {
      value(kappa[0], kappa[1], g);
      if (jacobian === undefined) return;
      // Central differences: the planted truth is the flow, not its derivative.
      for (let s = 0; s < 2; s++) {
        value(kappa[0] + (s === 0 ? h : 0), kappa[1] + (s === 1 ? h : 0), plus);
        value(kappa[0] - (s === 0 ? h : 0), kappa[1] - (s === 1 ? h : 0), minus);
        for (let r = 0; r < 2; r++) jacobian[r * 2 + s] = (plus[r] - minus[r]) / (2 * h);
      }
    },
  };
}

describe('radial nullcline: ring, cycle or isolated fixed points (model.md §14)', () => {
  it('planted flows: a turning circle is a cycle with period 2 pi / sqrt(c^2 - b^2)', () => {
    const curve = radialNullcline(plantedField(0.5, 0.3, 3));
    expect(curve.kind).toBe('cycle');
    // The midpoint rule over 48 rays converges geometrically for this periodic integrand.
    expectAllClose(curve.period ?? NaN, (2 * Math.PI) / Math.sqrt(0.25 - 0.09), { rtol: 1e-6 });
    expectAllClose([curve.radius?.min ?? NaN, curve.radius?.max ?? NaN], [1, 1], { rtol: 1e-9 });
    expectAllClose(curve.radialRate ?? NaN, 2, { rtol: 1e-6 });
  });

  it.each([
    [0, 0.3, 'fixed-points'],
    [0.1, 0.3, 'fixed-points'],
    [0, 0.05, 'ring'],
    [0.05, 0, 'ring'],
    [0.5, 0, 'cycle'],
  ] as const)('planted flow c = %s, b = %s: %s', (c, b, kind) => {
    const curve = radialNullcline(plantedField(c, b, 4));
    expect(curve.kind).toBe(kind);
    expectAllClose(curve.slowness ?? NaN, Math.max(Math.abs(c + b), Math.abs(c - b)) / 2, { rtol: 1e-6 });
  });

  it('a flow that never turns inward has no closed curve', () => {
    const outward: LatentField = { rank: 2, evaluate: (kappa, g, jacobian) => (g.set([2 * kappa[0], 2 * kappa[1]]), jacobian?.set([2, 0, 0, 2])) };
    expect(radialNullcline(outward).kind).toBe('none');
  });

  it('mean-field presets: ring is a ring at 0.9481, cycle a cycle of period 4 pi, quadstable isolated fixed points', () => {
    const ring = radialNullcline(mixtureField(teacherPreset('ring')));
    expect(ring.kind).toBe('ring');
    expectAllClose(ring.radius?.mean ?? NaN, 0.9481343176, { atol: 1e-8 });
    const cycle = radialNullcline(mixtureField(teacherPreset('cycle')));
    expect(cycle.kind).toBe('cycle');
    expectAllClose(cycle.period ?? NaN, 4 * Math.PI, { rtol: 1e-9 });
    const quadstable = radialNullcline(mixtureField(teacherPreset('quadstable')));
    expect(quadstable.kind).toBe('fixed-points');
    // The curve runs through the saddles (radius 1.4333) and the stable points (1.8251).
    expectAllClose([quadstable.radius?.min ?? NaN, quadstable.radius?.max ?? NaN], [1.4332827, 1.8250738], { atol: 1e-6 });
  });

  it('rank other than 2 is refused naming the field', () => {
    expect(() => radialNullcline(mixtureField(teacherPreset('bistable')))).toThrow(/rank/);
  });
});

describe('populations and dissimilarity', () => {
  it('quadstable loadings split into 4 populations of a quarter each by BIC', () => {
    const { m, n } = draw(teacherPreset('quadstable'), 4000, 1);
    const found = loadingPopulations(m, n, 2, createRng(2));
    expect(found.count).toBe(4);
    for (const p of found.populations) expect(Math.abs(p.fraction - 0.25)).toBeLessThan(0.03);
  }, 60_000);

  it('energy distance is near 0 for two samples of one law and clearly positive for different laws', () => {
    const a = draw(teacherPreset('ring'), 1000, 3).m;
    const b = draw(teacherPreset('ring'), 1000, 4).m;
    const c = draw(teacherPreset('ring'), 1000, 5).m.map((x) => 2 * x);
    const same = energyDistance(a, b, 2);
    const different = energyDistance(a, c, 2);
    expect(Math.abs(same)).toBeLessThan(0.02);
    expect(different).toBeGreaterThan(0.2);
    expect(conditionalMeanDifference(a, 2, (m) => [2 * m[0], 0], (m) => [m[0], 0])).toBeCloseTo(
      Array.from({ length: 1000 }, (_, j) => a[2 * j] ** 2).reduce((x, y) => x + y, 0) / 1000,
      12,
    );
  });
});
