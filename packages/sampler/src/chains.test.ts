import { describe, expect, it, vi } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import { chainSteps, coordinateChains, quantityChains, runChain, sampleChains, type ChainsOptions } from './chains.js';
import { diagnose, rhat } from './diagnostics.js';
import type { ProposalFactory } from './proposals.js';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

// Correlated 2-D Gaussian target: mean (1, -2), covariance [[1, 0.8 * 2], [0.8 * 2, 4]].
const MEAN = [1, -2];
const COVARIANCE = [
  [1, 1.6],
  [1.6, 4],
];
const determinant = COVARIANCE[0][0] * COVARIANCE[1][1] - COVARIANCE[0][1] * COVARIANCE[1][0];
const PRECISION = [
  [COVARIANCE[1][1] / determinant, -COVARIANCE[0][1] / determinant],
  [-COVARIANCE[1][0] / determinant, COVARIANCE[0][0] / determinant],
];
function gaussianLogDensity(x: Float64Array): number {
  const d0 = x[0] - MEAN[0];
  const d1 = x[1] - MEAN[1];
  return -0.5 * (PRECISION[0][0] * d0 * d0 + 2 * PRECISION[0][1] * d0 * d1 + PRECISION[1][1] * d1 * d1);
}

describe('sampleChains on a correlated 2-D Gaussian', () => {
  const result = sampleChains(gaussianLogDensity, 2, { seed: 7, warmup: 1000, draws: 5000, initial: [0, 0] });

  it('recovers the mean within 4 Monte Carlo standard errors, with R-hat < 1.01', () => {
    for (let i = 0; i < 2; i++) {
      const diagnostics = diagnose(coordinateChains(result, i));
      expectAllClose(diagnostics.mean, MEAN[i], { atol: 4 * diagnostics.mcseMean });
      expect(diagnostics.rhat).toBeLessThan(1.01);
    }
  });

  it('recovers the covariance within 4 Monte Carlo standard errors', () => {
    for (let i = 0; i < 2; i++) {
      for (let j = i; j < 2; j++) {
        const product = diagnose(quantityChains(result, (x) => (x[i] - MEAN[i]) * (x[j] - MEAN[j])));
        expectAllClose(product.mean, COVARIANCE[i][j], { atol: 4 * product.mcseMean });
      }
    }
  });

  it('adapts the step size during warm-up towards the target acceptance 0.234', () => {
    for (const rate of result.acceptanceRate) {
      expect(rate).toBeGreaterThan(0.15);
      expect(rate).toBeLessThan(0.35);
    }
  });

  it('negative control: too short a run from a far start is flagged by R-hat', () => {
    const short = sampleChains(gaussianLogDensity, 2, {
      seed: 7,
      warmup: 0,
      draws: 200,
      adapt: false,
      initialStepSize: 0.05,
      initial: (chain) => [chain * 10 - 15, 0],
    });
    expect(rhat(coordinateChains(short, 0))).toBeGreaterThan(1.1);
  });
});

describe('the Hastings term', () => {
  // Gamma(3, 1) target on x > 0, log-scale random walk x' = x exp(h z): q(x'|x) is
  // log-normal, q(x|x')/q(x'|x) = x'/x, so logHastingsRatio = log x' - log x.
  const logGamma3 = (x: Float64Array) => (x[0] > 0 ? 2 * Math.log(x[0]) - x[0] : -Infinity);
  const logWalk = (withHastings: boolean): ProposalFactory => () => {
    const proposal = new Float64Array(1);
    return (current, stepSize, rng) => {
      const step = stepSize * rng.normal();
      proposal[0] = current[0] * Math.exp(step);
      return { proposal, logHastingsRatio: withHastings ? step : 0 };
    };
  };
  const options: ChainsOptions = { seed: 3, draws: 5000, initial: [1] };

  it('with the Hastings term the chain targets Gamma(3, 1) (mean 3)', () => {
    const result = sampleChains(logGamma3, 1, { ...options, proposal: logWalk(true) });
    const diagnostics = diagnose(coordinateChains(result, 0));
    expectAllClose(diagnostics.mean, 3, { atol: 4 * diagnostics.mcseMean });
  });

  it('negative control: without it the chain targets x^-1 Gamma(3, 1) = Gamma(2, 1) (mean 2), far from 3', () => {
    const result = sampleChains(logGamma3, 1, { ...options, proposal: logWalk(false) });
    const diagnostics = diagnose(coordinateChains(result, 0));
    expect(Math.abs(diagnostics.mean - 3)).toBeGreaterThan(8 * diagnostics.mcseMean);
    expectAllClose(diagnostics.mean, 2, { atol: 4 * diagnostics.mcseMean });
  });
});

describe('reproducibility and scheduling', () => {
  const options: ChainsOptions = { seed: 'sched', chains: 3, warmup: 100, draws: 200, thin: 2, initial: [0, 0] };

  it('same seed, identical draws; another seed, different draws', () => {
    const a = sampleChains(gaussianLogDensity, 2, options);
    const b = sampleChains(gaussianLogDensity, 2, options);
    const c = sampleChains(gaussianLogDensity, 2, { ...options, seed: 'other' });
    expect(a.samples).toEqual(b.samples);
    expect(a.samples[0]).not.toEqual(c.samples[0]);
  });

  it('each chain depends only on the seed and its index: chains run alone, in reverse order, match', () => {
    const together = sampleChains(gaussianLogDensity, 2, options);
    const alone = [2, 1, 0].map((c) => runChain(gaussianLogDensity, 2, c, options)).reverse();
    alone.forEach((output, c) => {
      expect(output.samples).toEqual(together.samples[c]);
      expect(output.acceptanceRate).toBe(together.acceptanceRate[c]);
    });
    // The generator yields the same draws, one at a time.
    const streamed: number[] = [];
    const steps = chainSteps(gaussianLogDensity, 2, 1, options);
    let next = steps.next();
    while (!next.done) {
      streamed.push(...next.value.position);
      next = steps.next();
    }
    expect(Float64Array.from(streamed)).toEqual(together.samples[1]);
    expect(next.value.acceptanceRate).toBe(together.acceptanceRate[1]);
    // Fewer chains: the first ones are unchanged.
    const two = sampleChains(gaussianLogDensity, 2, { ...options, chains: 2 });
    expect(two.samples[1]).toEqual(together.samples[1]);
  });
});

describe('progress, abort and bad input', () => {
  it('reports progress up to the total', () => {
    const seen: number[] = [];
    sampleChains(gaussianLogDensity, 2, { seed: 1, chains: 2, warmup: 1000, draws: 1000, onProgress: (p) => seen.push(p.done / p.total) });
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((value, i) => i === 0 || value >= seen[i - 1])).toBe(true);
  });

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort(new Error('user cancelled'));
    expect(() => sampleChains(gaussianLogDensity, 2, { seed: 1, warmup: 5000, signal: controller.signal })).toThrow('user cancelled');
  });

  it('a NaN log density is an error naming the state', () => {
    const nanAway = (x: Float64Array) => (x[0] > 0.5 ? Number.NaN : -0.5 * x[0] * x[0]);
    expect(() => sampleChains(nanAway, 1, { seed: 1, draws: 1000 })).toThrow(/^log density is NaN at state \[\d+\.?\d*\]; it must be a number or -Infinity$/);
  });

  it('invalid options name the field and the allowed values', () => {
    expect(() => sampleChains(gaussianLogDensity, 2, { seed: 1, chains: 0 })).toThrow(InvalidInputError);
    expect(() => sampleChains(gaussianLogDensity, 2, { seed: 1, thin: 1.5 })).toThrow('invalid `thin`: must be an integer >= 1, got 1.5');
    expect(() => sampleChains(gaussianLogDensity, 2, { seed: 1, targetAcceptance: 1 })).toThrow(/targetAcceptance/);
    expect(() => sampleChains(gaussianLogDensity, 2, { seed: 1, initial: [1] })).toThrow(/must have 2 values/);
    expect(() => sampleChains(() => -Infinity, 1, { seed: 1 })).toThrow(/log density is finite/);
  });
});
