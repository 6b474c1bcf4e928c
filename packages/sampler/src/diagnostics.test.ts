import { describe, expect, it, vi } from 'vitest';
import { createRng, InvalidInputError, normalCdf } from '@maxent/core';
import { expectAllClose } from '#testing';
import { autocovariance } from './autocovariance.js';
import {
  convergenceWarnings,
  diagnose,
  essBasic,
  essBulk,
  essMean,
  essTail,
  mcseMean,
  rankNormalize,
  rhat,
  rhatBasic,
  splitChains,
} from './diagnostics.js';
import { normalQuantile, normalQuantileApproximate } from './normalQuantile.js';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

function normalChains(seed: string, chains: number, draws: number, shift: (c: number) => number = () => 0): Float64Array[] {
  const rng = createRng(seed);
  return Array.from({ length: chains }, (_, c) => Float64Array.from({ length: draws }, () => shift(c) + rng.normal()));
}

// Stationary AR(1): x_t = phi x_{t-1} + sqrt(1 - phi^2) e_t, started from N(0, 1).
// Its integrated autocorrelation time is (1 + phi)/(1 - phi), so ESS = n (1 - phi)/(1 + phi).
function ar1Chains(seed: string, chains: number, draws: number, phi: number): Float64Array[] {
  const rng = createRng(seed);
  const innovation = Math.sqrt(1 - phi * phi);
  return Array.from({ length: chains }, () => {
    const out = new Float64Array(draws);
    let x = rng.normal();
    for (let t = 0; t < draws; t++) {
      out[t] = x;
      x = phi * x + innovation * rng.normal();
    }
    return out;
  });
}

// Madras & Sokal (1988): a windowed estimate of tau with window M has relative
// standard deviation about sqrt(2 (2M + 1) / S). Geyer's sequence stops near M = 5 tau
// for an AR(1) (and after a few lags for i.i.d. draws); tolerances are 4 such deviations.
function essTolerance(total: number, tau: number): number {
  const window = Math.max(5 * tau, 4);
  return 4 * Math.sqrt((2 * (2 * window + 1)) / total);
}

describe('normalQuantile', () => {
  it.each([1e-12, 0.01, 0.3, 0.5, 0.9, 0.99999])('the unrefined approximation is within 1.15e-9 (relative) at p = %f', (p) => {
    expectAllClose(normalQuantileApproximate(p), normalQuantile(p), { rtol: 1.15e-9, atol: 1e-15 });
  });
  it.each([1e-300, 1e-10, 0.001, 0.02425, 0.1, 0.5, 0.8, 0.97575, 0.999999])('inverts Phi at p = %f', (p) => {
    expectAllClose(normalCdf(normalQuantile(p)), p, { rtol: 1e-12 });
  });
  it('edges: 0, 1 and outside', () => {
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(normalQuantile(1.5)).toBeNaN();
    expect(normalQuantile(Number.NaN)).toBeNaN();
  });
});

describe('autocovariance (FFT)', () => {
  it('equals the direct biased estimator', () => {
    const series = normalChains('acov', 1, 37)[0];
    const n = series.length;
    const mean = series.reduce((a, b) => a + b, 0) / n;
    const direct = Array.from({ length: n }, (_, t) => {
      let sum = 0;
      for (let i = 0; i + t < n; i++) sum += (series[i] - mean) * (series[i + t] - mean);
      return sum / n;
    });
    expectAllClose(autocovariance(series), direct, { atol: 1e-12 });
  });
});

describe('splitChains and rankNormalize', () => {
  it('splits into halves, dropping the middle draw of an odd chain', () => {
    const split = splitChains([[1, 2, 3, 4, 5]]);
    expect(split.map((chain) => Array.from(chain))).toEqual([
      [1, 2],
      [4, 5],
    ]);
  });
  it('uses average ranks for ties and the Blom offset (r - 3/8)/(S + 1/4)', () => {
    const z = rankNormalize([
      [3, 1],
      [2, 2],
    ]);
    const score = (rank: number) => normalQuantile((rank - 0.375) / 4.25);
    // Rank scores use Acklam's quantile without refinement: relative error < 1.15e-9.
    expectAllClose([...z[0], ...z[1]], [score(4), score(1), score(2.5), score(2.5)], { rtol: 1.2e-9 });
    expect(z[1][0]).toBe(z[1][1]);
  });
});

describe('effective sample size on chains with known answers', () => {
  it('i.i.d. normal draws give ESS near the number of draws (bulk, mean, basic)', () => {
    const chains = normalChains('iid', 4, 5000);
    const total = 20000;
    const tolerance = essTolerance(total, 1);
    expectAllClose(essBasic(chains) / total, 1, { atol: tolerance });
    expectAllClose(essMean(chains) / total, 1, { atol: tolerance });
    expectAllClose(essBulk(chains) / total, 1, { atol: tolerance });
    // Tail indicators are Bernoulli(0.05): still independent, so ESS near S.
    expectAllClose(essTail(chains) / total, 1, { atol: tolerance });
  });

  it.each([0.5, 0.9])('an AR(1) chain with phi = %f gives ESS near n (1 - phi)/(1 + phi)', (phi) => {
    const chains = ar1Chains(`ar1-${phi}`, 4, 50000, phi);
    const total = 200000;
    const tau = (1 + phi) / (1 - phi);
    const tolerance = essTolerance(total, tau);
    expectAllClose(essBasic(chains) / (total / tau), 1, { atol: tolerance });
    expectAllClose(essMean(chains) / (total / tau), 1, { atol: tolerance });
    expectAllClose(essBulk(chains) / (total / tau), 1, { atol: tolerance * 1.5 });
  });

  it('negative control: the correlated chain is not mistaken for i.i.d. draws', () => {
    const chains = ar1Chains('ar1-negative', 4, 5000, 0.9);
    expect(essBulk(chains)).toBeLessThan(0.1 * 20000);
  });

  it('MCSE of the mean of AR(1) draws is sd / sqrt(ESS)', () => {
    const phi = 0.9;
    const chains = ar1Chains('ar1-mcse', 4, 50000, phi);
    const expected = Math.sqrt(((1 + phi) / (1 - phi)) / 200000);
    expectAllClose(mcseMean(chains), expected, { rtol: essTolerance(200000, 19) });
  });
});

describe('R-hat', () => {
  it('two chains with different means give R-hat well above 1.01', () => {
    const chains = normalChains('rhat-shift', 2, 1000, (c) => c);
    expect(rhat(chains)).toBeGreaterThan(1.1);
  });
  it('chains with different scales are caught by the folded R-hat', () => {
    const rng = createRng('rhat-scale');
    const chains = [0.2, 0.2, 3, 3].map((scale) => Float64Array.from({ length: 1000 }, () => scale * rng.normal()));
    expect(rhatBasic(splitChains(chains))).toBeLessThan(1.05);
    expect(rhat(chains)).toBeGreaterThan(1.1);
  });
  it('a trend within each chain is caught by splitting', () => {
    const rng = createRng('rhat-trend');
    const chains = [0, 1, 2, 3].map(() => Float64Array.from({ length: 1000 }, (_, t) => t / 250 + 0.3 * rng.normal()));
    expect(rhatBasic(chains)).toBeLessThan(1.01);
    expect(rhat(chains)).toBeGreaterThan(1.1);
  });
  it('negative control: i.i.d. chains from one target give R-hat < 1.01', () => {
    expect(rhat(normalChains('rhat-ok', 4, 2000))).toBeLessThan(1.01);
  });
});

describe('edges', () => {
  it('fewer than 4 draws or NaN give NaN; constant draws give ESS = S and R-hat NaN', () => {
    expect(rhat([[1, 2, 3]])).toBeNaN();
    expect(essBulk([[1, 2, 3]])).toBeNaN();
    expect(essBulk([[1, 2, Number.NaN, 4, 5]])).toBeNaN();
    expect(essBasic([new Float64Array(8).fill(2)])).toBe(8);
    expect(rhat([new Float64Array(8).fill(2), new Float64Array(8).fill(2)])).toBeNaN();
  });
  it('chains of different lengths are invalid input', () => {
    expect(() => rhat([[1, 2, 3, 4], [1, 2, 3]])).toThrow(InvalidInputError);
    expect(() => rhat([[1, 2, 3, 4], [1, 2, 3]])).toThrow(/chain 0 has 4 draws, chain 1 has 3/);
    expect(() => essBulk([])).toThrow(/at least one chain/);
  });
  it('diagnose gives the same numbers as the separate diagnostics (it shares their intermediate steps)', () => {
    for (const chains of [normalChains('diagnose', 4, 301, (c) => 0.1 * c), [[1, 2, 3]], [[1, 2, Number.NaN, 4, 5]]]) {
      const all = diagnose(chains);
      expect([all.essMean, all.essBulk, all.essTail, all.rhat]).toEqual([essMean(chains), essBulk(chains), essTail(chains), rhat(chains)]);
      // sd / sqrt(ess) here, sqrt(var / ess) there: equal up to rounding (both NaN without enough draws).
      if (Number.isNaN(all.mcseMean)) expect(mcseMean(chains)).toBeNaN();
      else expectAllClose(all.mcseMean, mcseMean(chains), { rtol: 1e-14 });
    }
  });
  it('warns (returns messages) for high R-hat and low ESS, nothing when fine', () => {
    const good = diagnose(normalChains('warn-ok', 4, 1000));
    expect(convergenceWarnings('x', good, 4)).toEqual([]);
    const bad = diagnose(normalChains('warn-bad', 2, 100, (c) => 2 * c));
    const warnings = convergenceWarnings('x', bad, 2);
    expect(warnings.join('\n')).toMatch(/R-hat .* > 1.01/);
    expect(warnings.join('\n')).toMatch(/effective sample size/);
  });
});
