import { describe, expect, it } from 'vitest';
import { createRng, fromRows, InvalidInputError, normalCdf, ProblemHasNoAnswerError, toRows, zeros, type Mat } from '@maxent/core';
import { parseConfig, problemFromConfig, selectTask, type MaxentProblem } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { dualObjective } from './dual.js';
import { patternLaw } from './populations.js';
import { exactFromLambda as solutionFromLambda, solveExact as solve } from '../test/exact.js';
import { solveSteps } from './solveSteps.js';
import { naiveDual } from '../test/reference.js';

function problemOf(config: unknown): MaxentProblem {
  return problemFromConfig(parseConfig(config));
}

/** Composite Simpson rule on [-half, half] with n (even) intervals. */
function simpson(f: (x: number) => number, half: number, n = 20000): number {
  const h = (2 * half) / n;
  let sum = f(-half) + f(half);
  for (let i = 1; i < n; i++) sum += (i % 2 === 1 ? 4 : 2) * f(-half + i * h);
  return (sum * h) / 3;
}

describe('K = 1, P = 1 against a numerical integral over (u, w)', () => {
  // Given g = 1: integrating w ~ N(0, sigma^2) against exp(lambda w u) analytically
  // (Gaussian moment generating function) leaves 1-D integrals over u:
  //   Z1 = int N(u; 0, sigma^2) exp(lambda^2 sigma^2 u^2 / 2) du
  //   E[w u exp(lambda w u)] = int N(u) u (lambda sigma^2 u) exp(lambda^2 sigma^2 u^2 / 2) du.
  // With g = 0 the tilt vanishes (Z = 1, E[f] = 0), so with rho = P(g = 1):
  //   Ztilde = rho Z1 + (1 - rho),  E[f] = rho E1 / Ztilde.
  function integrals(sigma: number, lambda: number): { z1: number; e1: number } {
    // N(u; 0, sigma^2) exp(lambda^2 sigma^2 u^2 / 2) in one exponent, so neither factor over- or underflows.
    const exponent = (u: number) => -(u * u) / (2 * sigma * sigma) + (lambda * lambda * sigma * sigma * u * u) / 2;
    const tilted = (u: number) => Math.exp(exponent(u)) / (sigma * Math.sqrt(2 * Math.PI));
    // Range: 14 standard deviations of the tilted Gaussian (only a bound for the grid).
    const half = (14 * sigma) / Math.sqrt(1 - lambda * lambda * sigma ** 4);
    return {
      z1: simpson(tilted, half),
      e1: simpson((u) => tilted(u) * u * lambda * sigma * sigma * u, half),
    };
  }
  const cases = [
    { sigma: 1, lambda: 0.5, mean: 0, std: 1 },
    { sigma: 0.5, lambda: 3.5, mean: 0.3, std: 0.7 },
    { sigma: 2, lambda: -0.2, mean: -1, std: 1 },
  ];
  it.each(cases)('sigma $sigma, lambda $lambda, mu_v $mean', ({ sigma, lambda, mean, std }) => {
    const problem = problemOf({ task: { matrix: [[1]] }, weightScale: sigma, context: { mean, std } });
    const rho = normalCdf(mean / std);
    const { z1, e1 } = integrals(sigma, lambda);
    const partition = rho * z1 + (1 - rho);
    const evaluation = dualObjective(problem, fromRows([[lambda]]));
    expectAllClose(evaluation.logPartition, Math.log(partition), { rtol: 1e-9 });
    expectAllClose(evaluation.moments.data, [(rho * e1) / partition], { rtol: 1e-9 });
    const law = patternLaw(problem, fromRows([[lambda]]));
    expectAllClose(law.fraction, [(1 - rho) / partition, (rho * z1) / partition], { rtol: 1e-9 });
  });

  it('the solution reproduces A = [[1]] and agrees with the integral', () => {
    const sigma = 0.8;
    const solution = solve(problemOf({ task: { matrix: [[1]] }, weightScale: sigma }));
    const lambda = solution.lambda.data[0];
    const { z1, e1 } = integrals(sigma, lambda);
    expectAllClose((0.5 * e1) / (0.5 * z1 + 0.5), 1, { rtol: 1e-8 });
    expectAllClose(solution.klFromPrior, lambda - Math.log(0.5 * z1 + 0.5), { rtol: 1e-8 });
  });
});

describe('moments against importance-weighted Monte Carlo from p0 (model.md §4)', () => {
  // p_lambda = p0 exp(<lambda, f>) / Z, so E_lambda[f] = E_p0[f W] / E_p0[W] with
  // W = exp(<lambda, f>). The weights have finite variance only if 2 lambda is
  // still in the domain, hence weight scales where the solution's q is small.
  it.each([
    { contexts: 2, sigma: 2.5, seed: 21 },
    { contexts: 3, sigma: 2.5, seed: 22 },
    { contexts: 3, sigma: 3.5, seed: 23, matrix: [[1, 0], [0.5, 1], [-1, 0.3]] },
  ])('K = $contexts, sigma $sigma', ({ contexts, sigma, seed, matrix }) => {
    const problem = problemOf({ task: matrix ? { matrix } : { name: 'select', contexts }, weightScale: sigma });
    const solution = solve(problem);
    expect(solution.converged).toBe(true);
    const law = patternLaw(problem, solution.lambda);
    expect(Math.max(...law.q.filter((x) => !Number.isNaN(x)))).toBeLessThan(0.2);
    const { contexts: K, stimuli: P } = problem;
    const rng = createRng(seed);
    const draws = 200_000;
    const size = K * P;
    const f = new Float64Array(size);
    const weights = new Float64Array(draws);
    const values = new Float64Array(draws * size);
    const u = new Float64Array(P);
    for (let n = 0; n < draws; n++) {
      for (let j = 0; j < P; j++) u[j] = sigma * rng.normal();
      const w = sigma * rng.normal();
      let exponent = 0;
      for (let k = 0; k < K; k++) {
        const v = rng.normal();
        const g = v > 0 ? 1 : 0;
        for (let j = 0; j < P; j++) {
          f[k * P + j] = w * g * u[j];
          exponent += solution.lambda.data[k * P + j] * f[k * P + j];
        }
      }
      weights[n] = Math.exp(exponent);
      values.set(f, n * size);
    }
    const total = weights.reduce((s, x) => s + x, 0);
    for (let i = 0; i < size; i++) {
      let mean = 0;
      for (let n = 0; n < draws; n++) mean += weights[n] * values[n * size + i];
      mean /= total;
      // Delta-method standard error of the self-normalised estimator.
      let spread = 0;
      for (let n = 0; n < draws; n++) spread += (weights[n] * (values[n * size + i] - mean)) ** 2;
      const standardError = Math.sqrt(spread) / total;
      const exact = solution.moments.data[i];
      expect(Math.abs(mean - exact), `entry ${i}: MC ${mean} ± ${standardError}, exact ${exact}`).toBeLessThan(4.5 * standardError);
    }
  });
});

describe('solve', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].flatMap((contexts) => [0.25, 0.5, 1, 2, 4].map((sigma) => ({ contexts, sigma }))))(
    'residual below 1e-10: select K = $contexts, sigma $sigma',
    ({ contexts, sigma }) => {
      const solution = solve(problemOf({ task: { name: 'select', contexts }, weightScale: sigma }), { populationLimit: 4 });
      expect(solution.converged).toBe(true);
      expect(solution.maxResidual).toBeLessThan(1e-10);
      // Independent check of the residual with the naive reference (small K only: it is O(2^K (KP)^2)).
      if (contexts <= 4) {
        const naive = naiveDual(solution.problem, solution.lambda.data);
        expectAllClose(naive.moments, selectTask(contexts).data, { atol: 1e-10 });
      }
    },
  );

  it('rare gain patterns (mu_v = -3 sigma_v): the minimiser hugs the edge of the domain, Newton still gets there', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 3 }, context: { mean: -3, std: 1 } });
    const solution = solve(problem);
    expect(solution.message).toMatch(/converged/);
    expect(solution.maxResidual).toBeLessThan(1e-10);
    expectAllClose(naiveDual(problem, solution.lambda.data).moments, selectTask(3).data, { atol: 1e-9 });
    // Neurons active in two of three contexts carry the task at q(g) within 1e-3 of the edge.
    const law = patternLaw(problem, solution.lambda);
    expect(1 - law.q[0b011]).toBeLessThan(1e-3);
  });

  it('a lopsided context prior (mu_v = -3 sigma_v, K = 4) is reached by continuation in mu_v', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 4 }, context: { mean: -3, std: 1 } });
    const means: number[] = [];
    const solution = solve(problem, { onProgress: (step) => means.push(step.contextMean) });
    expect(solution.converged).toBe(true);
    expect(solution.message).toMatch(/continuation in context.mean from 0 over 12 stages/);
    expect(means.at(-1)).toBe(-3);
    expect(means).toContain(-1.5);
    expectAllClose(naiveDual(problem, solution.lambda.data).moments, selectTask(4).data, { atol: 1e-9 });
  });

  it('never calls a large residual converged (lopsided priors, K = 3..8)', () => {
    for (const contexts of [3, 6, 8]) {
      for (const mean of [-5, -4, 4, 5]) {
        const solution = solve(problemOf({ task: { name: 'select', contexts }, context: { mean, std: 1 } }), { populationLimit: 1 });
        if (solution.converged) expect(solution.maxResidual, `K ${contexts} mean ${mean}`).toBeLessThan(1.5e-8);
        else expect(solution.message).toMatch(/did not converge/);
      }
    }
  });

  it('tiny weight scales stop at the rounding floor of the moments and say so', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 3 }, weightScale: 0.002 });
    const solution = solve(problem);
    expect(solution.converged).toBe(true);
    expect(solution.message).toMatch(/at the rounding floor of the moments/);
    expect(solution.maxResidual).toBeLessThan(1e-8);
    // The scaling identity (model.md §5) pins lambda down independently of the residual.
    const unit = solve(problemOf({ task: { matrix: [[1, 0, 0], [0, 1, 0], [0, 0, 1]].map((row) => row.map((x) => x / 0.002 ** 2)) } }));
    expectAllClose(solution.lambda.data, Array.from(unit.lambda.data, (x) => x / 0.002 ** 2), { rtol: 1e-6 });
    expect(solutionFromLambda(problem, solution.lambda).converged).toBe(true);
  });

  it('recovers planted multipliers from the moments they imply (coniii-style)', () => {
    const base = problemOf({ task: { name: 'select-of', contexts: 4, stimuli: 3 }, weightScale: 0.9, context: { mean: 0.2, std: 1 } });
    const rng = createRng(4);
    const planted = zeros(4, 3);
    for (let i = 0; i < 12; i++) planted.data[i] = 0.25 * rng.normal();
    const implied = naiveDual(base, planted.data).moments;
    const problem: MaxentProblem = { ...base, task: { rows: 4, cols: 3, data: Float64Array.from(implied) } };
    const solution = solve(problem);
    expect(solution.converged).toBe(true);
    expectAllClose(solution.lambda.data, planted.data, { rtol: 1e-8, atol: 1e-9 });
  });

  it('scaling identity (model.md §5): (A, sigma) and (A / sigma^2, 1) give lambda = lambda~ / sigma^2', () => {
    const matrix = [[1, 0.2], [0, 1], [-1, 0.5]];
    for (const sigma of [0.5, 1.7]) {
      const scaled = solve(problemOf({ task: { matrix }, weightScale: sigma }));
      const unit = solve(problemOf({ task: { matrix: matrix.map((row) => row.map((x) => x / sigma ** 2)) }, weightScale: 1 }));
      expectAllClose(scaled.lambda.data, Array.from(unit.lambda.data, (x) => x / sigma ** 2), { rtol: 1e-9, atol: 1e-12 });
      expectAllClose(scaled.klFromPrior, unit.klFromPrior, { rtol: 1e-9 });
    }
  });

  it('select task: permuting contexts with stimuli leaves the solution invariant', () => {
    const solution = solve(problemOf({ task: { name: 'select', contexts: 4 }, weightScale: 0.7 }));
    const permutation = [2, 0, 3, 1];
    const L = toRows(solution.lambda);
    const permuted = permutation.map((pk) => permutation.map((pj) => L[pk][pj]));
    expectAllClose(permuted.flat(), L.flat(), { rtol: 1e-10, atol: 1e-12 });
  });

  it('general task: permuting contexts and stimuli permutes lambda and populations', () => {
    const matrix = [[1, 0, 0.3], [0.2, 1, 0], [0, -0.5, 1]];
    const contextOrder = [2, 0, 1];
    const stimulusOrder = [1, 2, 0];
    const permutedMatrix = contextOrder.map((k) => stimulusOrder.map((j) => matrix[k][j]));
    const original = solve(problemOf({ task: { matrix } }));
    const permuted = solve(problemOf({ task: { matrix: permutedMatrix } }));
    const L = toRows(original.lambda);
    expectAllClose(permuted.lambda.data, contextOrder.flatMap((k) => stimulusOrder.map((j) => L[k][j])), { rtol: 1e-9, atol: 1e-12 });
    for (const population of permuted.populations) {
      // Context k of the permuted task is context contextOrder[k] of the original.
      const originalPattern = [0, 0, 0];
      population.pattern.forEach((g, k) => (originalPattern[contextOrder[k]] = g));
      const match = original.populations.find((p) => p.pattern.every((g, k) => g === originalPattern[k]));
      expect(match).toBeDefined();
      expectAllClose([population.fraction, population.energyShare, population.selectivity], [match!.fraction, match!.energyShare, match!.selectivity], { rtol: 1e-9 });
    }
  });

  it('populations: fractions and energy shares sum to 1 and match the naive fractions', () => {
    const solution = solve(problemOf({ task: { name: 'select', contexts: 3 }, context: { mean: 0.5, std: 1 } }));
    expect(solution.populationsTotal).toBe(8);
    expect(solution.populationsListed).toBe(8);
    expectAllClose(solution.populations.reduce((s, p) => s + p.fraction, 0), 1, { rtol: 1e-12 });
    expectAllClose(solution.populations.reduce((s, p) => s + p.energyShare, 0), 1, { rtol: 1e-12 });
    const naive = naiveDual(solution.problem, solution.lambda.data).fractions;
    for (const population of solution.populations) {
      const index = population.pattern.reduce((s, g, k) => s + g * 2 ** k, 0);
      expectAllClose(population.fraction, naive[index], { rtol: 1e-10 });
    }
    // Largest share first; equal shares (to 12 digits) by pattern index.
    solution.populations.slice(1).forEach((population, n) => {
      const previous = solution.populations[n];
      expect(population.energyShare).toBeLessThanOrEqual(previous.energyShare + 1e-12);
      if (Math.abs(population.energyShare - previous.energyShare) < 1e-13) {
        const index = (p: { pattern: number[] }) => p.pattern.reduce((s, g, k) => s + g * 2 ** k, 0);
        expect(index(population)).toBeGreaterThan(index(previous));
      }
    });
    const silent = solution.populations.find((p) => p.pattern.every((g) => g === 0))!;
    expect(silent.direction).toEqual([0, 0, 0]);
    expectAllClose(silent.selectivity, 1 / 3, { rtol: 1e-12 });
    const single = solution.populations.find((p) => p.pattern.join('') === '100')!;
    expectAllClose(Math.hypot(...single.direction), 1, { rtol: 1e-12 });
  });

  it('population covariances reproduce the moments: sum_g pi(g) g_k Cov[u_j, w | g] = E[f_kj]', () => {
    const solution = solve(problemOf({ task: { matrix: [[1, 0.3], [-0.2, 1], [0.5, -1]] }, weightScale: 0.8, context: { mean: 0.3, std: 1 } }));
    const { contexts: K, stimuli: P } = solution.problem;
    const rebuilt = new Array<number>(K * P).fill(0);
    for (const population of solution.populations) {
      for (let k = 0; k < K; k++) {
        for (let j = 0; j < P; j++) rebuilt[k * P + j] += population.fraction * population.pattern[k] * population.covariance[j][P];
      }
    }
    expectAllClose(rebuilt, solution.moments.data, { rtol: 1e-10, atol: 1e-12 });
    expectAllClose(rebuilt, [1, 0.3, -0.2, 1, 0.5, -1], { atol: 1e-10 });
    // Energy e = E[w^2 |u|^2] = sum_j Var(w) Var(u_j) + 2 Cov(u_j, w)^2 (Isserlis) and
    // selectivity chi = ahat^T Cov(u) ahat / tr Cov(u), from the covariance alone.
    const energies = solution.populations.map(({ covariance: c }) => {
      let e = 0;
      for (let j = 0; j < P; j++) e += c[P][P] * c[j][j] + 2 * c[j][P] ** 2;
      return e;
    });
    const total = solution.populations.reduce((sum, population, n) => sum + population.fraction * energies[n], 0);
    solution.populations.forEach((population, n) => {
      expectAllClose(population.energyShare, (population.fraction * energies[n]) / total, { rtol: 1e-10 });
      const c = population.covariance;
      const d = population.direction;
      let quadratic = 0;
      let trace = 0;
      for (let i = 0; i < P; i++) {
        trace += c[i][i];
        for (let j = 0; j < P; j++) quadratic += d[i] * c[i][j] * d[j];
      }
      if (d.some((x) => x !== 0)) expectAllClose(population.selectivity, quadratic / trace, { rtol: 1e-10 });
    });
  });

  it('summary: specialization of K = 2 is above its prior, of K = 3 at small sigma far below (model.md §6)', () => {
    const two = solve(problemOf({ task: { name: 'select', contexts: 2 } })).summary;
    expect(two.specializationPrior).toBeCloseTo(0.5, 12);
    expect(two.specialization).toBeGreaterThan(0.7);
    const three = solve(problemOf({ task: { name: 'select', contexts: 3 }, weightScale: 0.25 })).summary;
    expect(three.specialization).toBeLessThan(0.05);
    expectAllClose(three.activeCount.byFraction.reduce((s, x) => s + x, 0), 1, { rtol: 1e-12 });
    expectAllClose(three.activeCount.byEnergy.reduce((s, x) => s + x, 0), 1, { rtol: 1e-12 });
  });

  it('lists the 1024 largest populations beyond K = 10', () => {
    const solution = solve(problemOf({ task: { name: 'select', contexts: 11 } }));
    expect(solution.populationsTotal).toBe(2048);
    expect(solution.populationsListed).toBe(1024);
    expect(solution.populations).toHaveLength(1024);
  });

  it('linear gains with equal rows: one population, converged', () => {
    const solution = solve(problemOf({ task: { matrix: [[0.5, 1], [0.5, 1]] }, nonlinearity: 'linear' }));
    expect(solution.converged).toBe(true);
    expect(solution.maxResidual).toBeLessThan(1e-10);
    expect(solution.populationsTotal).toBe(1);
    expect(solution.populations[0].pattern).toEqual([1, 1]);
  });

  it.each([
    { name: 'linear with different rows', config: { task: { name: 'select', contexts: 2 }, nonlinearity: 'linear' } },
    { name: 'relu whose prior makes every context active', config: { task: { name: 'select', contexts: 3 }, context: { mean: 50, std: 1 } } },
  ])('infeasible: $name throws ProblemHasNoAnswerError', ({ config }) => {
    const problem = problemOf(config);
    let caught: unknown;
    try {
      solve(problem);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ProblemHasNoAnswerError);
    expect((caught as ProblemHasNoAnswerError).reason).toBe('infeasible');
    expect((caught as Error).message).toMatch(/infeasible task: .* g_1 .* = 0/);
  });

  it('too many contexts: names the estimator to use instead', () => {
    const problem: MaxentProblem = { ...problemOf({}), task: selectTask(21), contexts: 21, stimuli: 21 };
    expect(() => solve(problem)).toThrow(ProblemHasNoAnswerError);
    expect(() => solve(problem)).toThrow(/K = 21 .*montecarlo estimator/);
  });

  it('invalid input names the field (continuous gains have no exact estimator)', () => {
    const tanhExact = problemOf({ nonlinearity: 'tanh', estimator: { kind: 'exact' } });
    expect(() => solve(tanhExact)).toThrow(InvalidInputError);
    expect(() => solve(tanhExact)).toThrow(/`nonlinearity`: must be relu or linear for the exact estimator.*use estimator kind quadrature or montecarlo/);
    expect(() => solve(problemOf({}), { tolerance: -1 })).toThrow(/`tolerance`/);
    expect(() => solve(problemOf({}), { initialLambda: zeros(2, 2) })).toThrow(/`initialLambda`: must be a 3 x 3/);
    expect(() => solve(problemOf({}), { initialLambda: fromRows([[2, 0, 0], [0, 0, 0], [0, 0, 0]]) })).toThrow(/`initialLambda`: must lie in the domain/);
  });

  it('non-convergence is reported, not thrown', () => {
    const solution = solve(problemOf({ task: { name: 'select', contexts: 3 }, weightScale: 0.25 }), { maxIterations: 2 });
    expect(solution.converged).toBe(false);
    expect(solution.iterations).toBe(2);
    expect(solution.message).toMatch(/did not converge/);
    expect(solution.maxResidual).toBeGreaterThan(1e-6);
  });

  it('solveSteps yields every iteration; solve reports them to onProgress; warm starts converge at once', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 3 } });
    const yielded: number[] = [];
    const steps = solveSteps(problem);
    let next = steps.next();
    while (!next.done) {
      yielded.push(next.value.maxResidual);
      next = steps.next();
    }
    const reported: number[] = [];
    const solution = solve(problem, { onProgress: (step) => reported.push(step.maxResidual) });
    expect(reported).toEqual(yielded);
    expect(next.value.iterations).toBe(solution.iterations);
    expect(yielded.at(-1)).toBeLessThan(1e-12);
    const warm = solve(problem, { initialLambda: solution.lambda });
    expect(warm.iterations).toBe(0);
  });

  it('an aborted signal stops the loop', () => {
    const controller = new AbortController();
    controller.abort(new Error('stop here'));
    expect(() => solve(problemOf({}), { signal: controller.signal })).toThrow('stop here');
  });

  it('solutionFromLambda rebuilds the solution from its multipliers', () => {
    const problem = problemOf({ task: { name: 'select', contexts: 4 }, weightScale: 0.6 });
    const solved = solve(problem);
    const rebuilt = solutionFromLambda(problem, solved.lambda);
    expect(rebuilt.converged).toBe(true);
    expectAllClose(rebuilt.moments.data, solved.moments.data, { rtol: 1e-14 });
    expect(rebuilt.populations).toEqual(solved.populations);
    expect(rebuilt.summary).toEqual(solved.summary);
    expect(rebuilt.klFromPrior).toBe(solved.klFromPrior);
    const off = solutionFromLambda(problem, zeros(4, 4));
    expect(off.converged).toBe(false);
    expectAllClose(off.maxResidual, 1, { rtol: 1e-12 });
  });
});

export type { Mat };
