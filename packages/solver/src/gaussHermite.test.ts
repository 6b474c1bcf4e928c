import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { erfc } from '@maxent/core';
import { expectAllClose } from '#testing';
import { gaussHermite } from './gaussHermite.js';

const reference = JSON.parse(readFileSync(new URL('../test/fixtures/continuous-reference.json', import.meta.url), 'utf8')) as {
  gaussHermite: Record<string, { nodes: number[]; weights: number[] }>;
};

/** E[z^d] for z ~ N(0, 1): (d - 1)!! for even d, 0 for odd d. */
function gaussianMoment(d: number): number {
  if (d % 2 === 1) return 0;
  let product = 1;
  for (let m = d - 1; m > 1; m -= 2) product *= m;
  return product;
}

function integrate(n: number, f: (z: number) => number): number {
  const { nodes, weights } = gaussHermite(n);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] * f(nodes[i]);
  return sum;
}

describe('gaussHermite (Golub-Welsch with Christoffel weights)', () => {
  it.each([1, 2, 3, 5, 8, 13, 24, 48, 80])('n = %i integrates z^d exactly for d <= 2n - 1', (n) => {
    const { nodes, weights } = gaussHermite(n);
    for (let d = 0; d <= 2 * n - 1; d++) {
      let sum = 0;
      let magnitude = 0;
      for (let i = 0; i < n; i++) {
        sum += weights[i] * nodes[i] ** d;
        magnitude += weights[i] * Math.abs(nodes[i]) ** d;
      }
      // Odd moments vanish: the tolerance is relative to E|z|^d, the size of the terms summed.
      const expected = gaussianMoment(d);
      expect(Math.abs(sum - expected), `n ${n}, d ${d}: ${sum} vs ${expected}`).toBeLessThanOrEqual(1e-12 * (d % 2 === 0 ? expected : magnitude));
    }
  });

  it('misses z^(2n) by exactly n! (z^(2n) = He_n(z)^2 + lower degrees, and He_n vanishes at the nodes)', () => {
    // Up to n = 12: beyond, E[z^(2n)] / n! exceeds 1e3 and the difference loses the digits compared here.
    for (const n of [2, 5, 8, 12]) {
      let factorial = 1;
      for (let m = 2; m <= n; m++) factorial *= m;
      expectAllClose(gaussianMoment(2 * n) - integrate(n, (z) => z ** (2 * n)), factorial, { rtol: 1e-9 });
    }
  });

  it('matches numpy hermegauss for n = 24 and 48 (fixture)', () => {
    for (const n of [24, 48]) {
      const { nodes, weights } = gaussHermite(n);
      expectAllClose(nodes, reference.gaussHermite[String(n)].nodes, { rtol: 1e-13, atol: 1e-14 });
      expectAllClose(weights, reference.gaussHermite[String(n)].weights, { rtol: 1e-11 });
    }
  });

  it('converges on integrals with known values', () => {
    // E[cos(3 z)] = e^(-9/2) (entire integrand: fast), E[1 / (1 + z^2)] = sqrt(pi/2) e^(1/2) erfc(1/sqrt 2) (poles at +-i: slow).
    expectAllClose(integrate(48, (z) => Math.cos(3 * z)), Math.exp(-4.5), { rtol: 1e-12 });
    const exact = Math.sqrt(Math.PI / 2) * Math.exp(0.5) * erfc(Math.SQRT1_2);
    const errors = [8, 16, 32, 64, 128].map((n) => Math.abs(integrate(n, (z) => 1 / (1 + z * z)) - exact));
    for (let i = 1; i < errors.length; i++) expect(errors[i]).toBeLessThan(errors[i - 1] / 5);
    expect(errors.at(-1)).toBeLessThan(1e-9);
  });

  it('weights are positive, sum to 1, and the rule is symmetric', () => {
    for (const n of [1, 4, 7, 30]) {
      const { nodes, weights } = gaussHermite(n);
      expect(Array.from(weights).every((w) => w > 0)).toBe(true);
      expectAllClose(weights.reduce((s, w) => s + w, 0), 1, { rtol: 1e-15 });
      for (let i = 0; i < n; i++) {
        expect(nodes[i] + nodes[n - 1 - i]).toBe(0);
        expectAllClose(weights[i], weights[n - 1 - i], { rtol: 1e-12 });
      }
    }
  });

  it('refuses a node count that is not a positive integer', () => {
    expect(() => gaussHermite(0)).toThrow('invalid `nodes`: must be an integer >= 1, got 0');
    expect(() => gaussHermite(2.5)).toThrow(/`nodes`/);
  });
});
