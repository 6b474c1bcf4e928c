// The exact solver against an independent NumPy implementation of model.md §4-§6
// (fixtures/exact-solves.py made fixtures/exact-solves.json; see the README there).
//
// Two questions, two tolerances:
// 1. Does `solve` find the same minimiser? lambda is unique only modulo the null
//    directions of the Hessian (model.md §5), so lambda is compared after projecting
//    those out, within the bound that conditioning gives; moments, log Z and KL always.
// 2. Are the observables of a given lambda the same? `solutionFromLambda` at the
//    reference multipliers must reproduce pi, eps, chi, ahat, Cov(u, w), the summary,
//    log Z and KL up to rounding.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fromRows } from '@maxent/core';
import { parseConfig, problemFromConfig, type PopulationSummary } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { solutionFromLambda, solve, type ExactSolution, type MaxentSolution, type Population } from '../src/index.js';

interface ReferencePopulation {
  readonly pattern: number[];
  readonly fraction: number;
  readonly energyShare: number;
  readonly selectivity: number;
  readonly direction: number[];
  /** Only for K <= generator.covarianceMaxContexts. */
  readonly covariance?: number[][];
}

interface ReferenceCase {
  readonly name: string;
  readonly config: unknown;
  readonly lambda: number[][];
  readonly moments: number[][];
  readonly maxResidual: number;
  readonly logPartition: number;
  readonly klFromPrior: number;
  readonly hessian: { readonly smallestEigenvalue: number; readonly largestEigenvalue: number; readonly nullSpace: number[][] };
  /** min over patterns of 1 - q(g). */
  readonly minSlack: number;
  readonly populations: ReferencePopulation[];
  readonly summary: PopulationSummary;
}

interface ReferenceFixture {
  readonly generator: { readonly numpy: string; readonly scipy: string; readonly date: string };
  readonly cases: ReferenceCase[];
}

const fixture = JSON.parse(readFileSync(new URL('./fixtures/exact-solves.json', import.meta.url), 'utf8')) as ReferenceFixture;

/** Unit roundoff with room for sums over up to 2^6 patterns and K P terms. */
const ROUNDING = 64 * Number.EPSILON;

/**
 * Cases where `solve` is known to fail today, with the reason. Each runs as `it.fails`:
 * it stays green while the bug is there and turns red once it is fixed, so the entry
 * is removed together with the fix (never a silent skip).
 */
const KNOWN_SOLVE_FAILURES: Readonly<Record<string, string>> = {};

const flat = (rows: readonly (readonly number[])[]) => rows.flat();
const norm2 = (x: ArrayLike<number>) => Math.sqrt(Array.from(x).reduce((s, v) => s + v * v, 0));

function setup(reference: ReferenceCase) {
  const problem = problemFromConfig(parseConfig(reference.config));
  const task = Array.from(problem.task.data);
  const scale = Math.max(1, ...task.map(Math.abs));
  return { problem, task, scale };
}

/** lambda minus its components along the (orthonormal) null directions. */
function projectOffNullSpace(lambda: ArrayLike<number>, nullSpace: readonly number[][]): number[] {
  const out = Array.from(lambda);
  for (const n of nullSpace) {
    const dot = n.reduce((s, v, i) => s + v * out[i], 0);
    for (let i = 0; i < out.length; i++) out[i] -= dot * n[i];
  }
  return out;
}

/** The solution of a relu or linear problem, which the exact estimator solves. */
function exact(solution: MaxentSolution): ExactSolution {
  expect(solution.estimator).toBe('exact');
  return solution as ExactSolution;
}

function populationByPattern(solution: ExactSolution, pattern: readonly number[]): Population {
  const found = solution.populations.find((p) => p.pattern.every((g, k) => g === pattern[k]));
  expect(found, `population ${pattern.join('')}`).toBeDefined();
  return found!;
}

describe(`exact solves against NumPy ${fixture.generator.numpy} / SciPy ${fixture.generator.scipy} (${fixture.generator.date})`, () => {
  it('covers K = 1..6 select at three weight scales, other priors, select-of, signed tasks and linear gains', () => {
    expect(fixture.cases).toHaveLength(26);
    expect(fixture.cases.filter((c) => c.name.startsWith('select K=')).length).toBeGreaterThanOrEqual(18);
    expect(fixture.cases.some((c) => c.hessian.nullSpace.length > 0)).toBe(true);
    const names = fixture.cases.map((c) => c.name);
    for (const name of Object.keys(KNOWN_SOLVE_FAILURES)) expect(names, 'a known failure names a fixture case').toContain(name);
  });

  describe.each(fixture.cases.map((c) => [c.name, c] as const))('%s', (_, reference) => {
    const known = KNOWN_SOLVE_FAILURES[reference.name];
    (known === undefined ? it : it.fails)(`solve finds the reference minimiser${known === undefined ? '' : ` (known failure: ${known})`}`, () => {
      const { problem, task, scale } = setup(reference);
      const solution = exact(solve(problem));
      expect(solution.converged, solution.message).toBe(true);
      // Both residuals, with the rounding of their own evaluation.
      const residuals = solution.maxResidual + reference.maxResidual + 2 * ROUNDING * scale;
      // |E_ours[f] - E_ref[f]| <= |E_ours[f] - A| + |A - E_ref[f]| entry by entry.
      expectAllClose(solution.moments.data, flat(reference.moments), { rtol: 0, atol: residuals });
      // Off the null space, L is strongly convex with curvature >= mu (the smallest
      // non-zero Hessian eigenvalue), so |d lambda|_2 <= |d gradient|_2 / mu, and
      // |d gradient|_2 <= sqrt(KP) * (both residuals). Factor 2: the Hessian varies
      // between the two points (both within ~1e-12 of the minimiser: a small margin).
      const size = problem.contexts * problem.stimuli;
      const mu = reference.hessian.smallestEigenvalue;
      const lambdaBound = (2 * Math.sqrt(size) * residuals) / mu + ROUNDING * Math.max(1, ...flat(reference.lambda).map(Math.abs));
      const difference = projectOffNullSpace(
        Array.from(solution.lambda.data, (x, i) => x - flat(reference.lambda)[i]),
        reference.hessian.nullSpace,
      );
      expect(norm2(difference), `|projected lambda difference|_2 within ${lambdaBound.toExponential(2)}`).toBeLessThanOrEqual(lambdaBound);
      // KL = -L is stationary at the minimiser: it moves by at most |gradient|^2 / (2 mu)
      // from its minimum at either point, far below rounding here.
      const klBound = (size * residuals ** 2) / mu + ROUNDING * Math.max(1, reference.klFromPrior);
      expectAllClose(solution.klFromPrior, reference.klFromPrior, { rtol: 0, atol: klBound });
      // log Z has gradient E[f] ~ A: it moves by |A|_2 |d lambda|_2 to first order.
      expectAllClose(solution.logPartition, reference.logPartition, {
        rtol: 0,
        atol: 2 * norm2(task) * lambdaBound + ROUNDING * Math.max(1, Math.abs(reference.logPartition)),
      });
      expect(solution.populationsTotal).toBe(reference.populations.length);
    });

    it('solutionFromLambda reproduces the observables of the reference multipliers', () => {
      const { problem, scale } = setup(reference);
      const solution = exact(solutionFromLambda(problem, fromRows(reference.lambda)));
      expect(solution.converged, solution.message).toBe(true);
      // Rounding in q is amplified by 1/(1 - q) in (1 - q)^(-1/2) and the moments, and
      // by 1/(1 - q)^2 in the energy e(g) (model.md §6).
      const slack = reference.minSlack;
      const once = { rtol: ROUNDING / slack, atol: ROUNDING };
      const twice = { rtol: (2 * ROUNDING) / slack ** 2, atol: ROUNDING };
      expectAllClose(solution.logPartition, reference.logPartition, once);
      expectAllClose(solution.klFromPrior, reference.klFromPrior, { rtol: ROUNDING / slack, atol: ROUNDING * scale });
      expectAllClose(solution.moments.data, flat(reference.moments), { rtol: ROUNDING / slack, atol: ROUNDING * scale });
      expect(solution.populations).toHaveLength(reference.populations.length);
      for (const expected of reference.populations) {
        const actual = populationByPattern(solution, expected.pattern);
        expectAllClose(actual.fraction, expected.fraction, once);
        expectAllClose(actual.energyShare, expected.energyShare, twice);
        expectAllClose(actual.selectivity, expected.selectivity, once);
        expectAllClose(actual.direction, expected.direction, { rtol: 0, atol: ROUNDING / slack });
        if (expected.covariance !== undefined) expectAllClose(flat(actual.covariance), flat(expected.covariance), once);
      }
      const summary = solution.summary;
      expectAllClose(summary.specialization, reference.summary.specialization, twice);
      expectAllClose(summary.specializationPrior, reference.summary.specializationPrior, { rtol: ROUNDING, atol: ROUNDING });
      expectAllClose(summary.selectivity, reference.summary.selectivity, twice);
      if (reference.summary.selectivityNormalized === null) expect(summary.selectivityNormalized).toBeNull();
      else expectAllClose(summary.selectivityNormalized!, reference.summary.selectivityNormalized, twice);
      expectAllClose(summary.activeCount.byFraction, reference.summary.activeCount.byFraction, once);
      expectAllClose(summary.activeCount.byEnergy, reference.summary.activeCount.byEnergy, twice);
    });
  });
});
