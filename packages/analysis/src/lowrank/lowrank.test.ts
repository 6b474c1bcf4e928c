import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { mixtureField, psdFactor, teacherPreset, type MixtureTeacher } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { conditionalMeanDifference, cycleMeasures, energyDistance, latentFixedPoints, loadingPopulations, ringMeasures } from '../index.js';

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
