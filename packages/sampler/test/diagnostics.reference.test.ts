// Our convergence diagnostics (model.md §8) against ArviZ on fixed chains. The fixture
// and the script that made it are in fixtures/ (see its README to regenerate).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectAllClose, type Tolerance } from '#testing';
import { diagnose, essBulk, essMean, essTail, mcseMean, rhat } from '../src/index.js';

/** ArviZ's values; null where ArviZ returns NaN (JSON has no NaN). */
interface ArvizValues {
  readonly rhat: number | null;
  readonly essBulk: number | null;
  readonly essTail: number | null;
  readonly essMean: number | null;
  readonly mcseMean: number | null;
  readonly mean: number;
  readonly sd: number;
  /** One-chain cases only: ArviZ's R-hat formula without its two-chain guard. */
  readonly rhatWithoutChainCountCheck?: number;
}

interface DiagnosticsCase {
  readonly name: string;
  readonly description: string;
  readonly chains: number[][];
  readonly arviz: ArvizValues;
}

interface DiagnosticsFixture {
  readonly generator: { readonly arviz: string };
  readonly cases: DiagnosticsCase[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/diagnostics.json', import.meta.url), 'utf8')) as DiagnosticsFixture;

// Same algorithm, same arithmetic up to summation order: 1e-12 relative.
const EXACT: Tolerance = { rtol: 1e-12, atol: 1e-15 };
// Rank-normalised quantities: our normal scores use Acklam's approximation of Phi^-1
// (relative error below 1.15e-9, normalQuantile.ts) where ArviZ uses scipy's ndtri.
// R-hat and ESS are smooth ratios of quadratic forms in the scores, so they move by
// about that much: observed at most 4.3e-10 (the 2 x 4 case), and ArviZ with Acklam's
// scores substituted reproduces ours to 1e-15. 1e-8 bounds it with a margin.
const RANKED: Tolerance = { rtol: 1e-8, atol: 0 };

function expectMatches(actual: number, expected: number | null, tolerance: Tolerance, what: string): void {
  if (expected === null) {
    expect(actual, `${what}: ArviZ gives NaN`).toBeNaN();
    return;
  }
  expect(Number.isFinite(actual), `${what}: ${actual} is finite`).toBe(true);
  expectAllClose(actual, expected, tolerance);
}

const byName = (c: DiagnosticsCase) => [c.name, c] as const;

describe(`diagnostics against ArviZ ${fixture.generator.arviz}`, () => {
  it('covers the cases the estimators branch on', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual([
      'iid-normal',
      'ar1-phi0.9',
      'ar1-phi0.99',
      'ar1-phi-0.5',
      'shifted-means',
      'unequal-scales',
      'student-t1.5',
      'poisson-ties',
      'trend',
      'odd-length',
      'one-chain',
      'constant',
      'shortest',
    ]);
  });

  describe.each(fixture.cases.map(byName))('%s', (_, c) => {
    const reference = c.arviz;
    const multiChain = c.chains.length > 1;

    it('essMean, essTail and mcseMean (no ranks) agree to 1e-12', () => {
      expectMatches(essMean(c.chains), reference.essMean, EXACT, 'essMean');
      expectMatches(essTail(c.chains), reference.essTail, EXACT, 'essTail');
      expectMatches(mcseMean(c.chains), reference.mcseMean, EXACT, 'mcseMean');
    });

    it('essBulk and R-hat (rank-normalised) agree to 1e-8', () => {
      expectMatches(essBulk(c.chains), reference.essBulk, RANKED, 'essBulk');
      if (multiChain) expectMatches(rhat(c.chains), reference.rhat, RANKED, 'rhat');
    });

    it('diagnose gives the same numbers in one pass', () => {
      const d = diagnose(c.chains);
      expectAllClose(d.mean, reference.mean, EXACT);
      expectAllClose(d.sd, reference.sd, EXACT);
      expectMatches(d.essMean, reference.essMean, EXACT, 'essMean');
      expectMatches(d.essTail, reference.essTail, EXACT, 'essTail');
      expectMatches(d.mcseMean, reference.mcseMean, EXACT, 'mcseMean');
      expectMatches(d.essBulk, reference.essBulk, RANKED, 'essBulk');
      if (multiChain) expectMatches(d.rhat, reference.rhat, RANKED, 'rhat');
    });
  });

  // A deliberate difference: ArviZ returns NaN for the R-hat of one chain (it wants two
  // before splitting); ours splits the chain into two halves like any other, so a trend
  // within a single chain is still caught. The value is ArviZ's formula without the guard.
  it.each(fixture.cases.filter((c) => c.chains.length === 1).map(byName))('%s: R-hat of one chain is split R-hat (ArviZ: NaN)', (_, c) => {
    expect(c.arviz.rhat).toBeNull();
    expect(c.arviz.rhatWithoutChainCountCheck).toBeTypeOf('number');
    expectMatches(rhat(c.chains), c.arviz.rhatWithoutChainCountCheck!, RANKED, 'rhat');
    expectMatches(diagnose(c.chains).rhat, c.arviz.rhatWithoutChainCountCheck!, RANKED, 'rhat');
  });
});
