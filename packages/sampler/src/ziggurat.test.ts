import { describe, expect, it, vi } from 'vitest';
import { createRng, normalCdf } from '@maxent/core';
import { expectAllClose } from '#testing';
import { zigguratNormal } from './ziggurat.js';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

describe('zigguratNormal', () => {
  const n = 400_000;
  const rng = createRng('ziggurat');
  const draws = Float64Array.from({ length: n }, () => zigguratNormal(rng));

  it('has mean 0, variance 1 and kurtosis 3 within 4 standard errors', () => {
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    for (const x of draws) {
      m1 += x;
      m2 += x * x;
      m4 += x ** 4;
    }
    // Standard errors of the sample moments of N(0,1): sqrt(1/n), sqrt(2/n), sqrt(96/n).
    expectAllClose(m1 / n, 0, { atol: 4 * Math.sqrt(1 / n) });
    expectAllClose(m2 / n, 1, { atol: 4 * Math.sqrt(2 / n) });
    expectAllClose(m4 / n, 3, { atol: 4 * Math.sqrt(96 / n) });
  });

  it('matches Phi at every decile and in both tails (beyond the ziggurat base at 3.44)', () => {
    const sorted = Float64Array.from(draws).sort();
    for (const x of [-4, -3.5, -2, -1, -0.5, 0, 0.3, 1.2, 2.5, 3.5, 4]) {
      let count = 0;
      while (count < n && sorted[count] <= x) count++;
      const p = normalCdf(x);
      expectAllClose(count / n, p, { atol: 4 * Math.sqrt((p * (1 - p)) / n) + 1 / n });
    }
  });

  it('Kolmogorov-Smirnov distance below the 0.1% critical value 1.95 / sqrt(n)', () => {
    const sorted = Float64Array.from(draws).sort();
    let distance = 0;
    for (let i = 0; i < n; i++) {
      const p = normalCdf(sorted[i]);
      distance = Math.max(distance, Math.abs(p - i / n), Math.abs(p - (i + 1) / n));
    }
    expect(distance).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it('negative control: the same check rejects a 2% wrong scale', () => {
    const sorted = Float64Array.from(draws, (x) => 1.02 * x).sort();
    let distance = 0;
    for (let i = 0; i < n; i++) distance = Math.max(distance, Math.abs(normalCdf(sorted[i]) - (i + 0.5) / n));
    expect(distance).toBeGreaterThan(1.95 / Math.sqrt(n));
  });
});
