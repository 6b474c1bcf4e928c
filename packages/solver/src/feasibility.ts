import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { maxAbs, ProblemHasNoAnswerError } from '@maxent/core';
import type { MaxentProblem } from '@maxent/constraints';
import type { GainPoints } from './gainPoints.js';
import { supersetSums, type PatternTable } from './patterns.js';

/** Outcome of the structural test of model.md §5 "Infeasibility". */
export interface Feasibility {
  readonly feasible: boolean;
  /**
   * Orthonormal basis (rows, length K) of the null space of G, the matrix whose
   * rows are the gain patterns of the support: linear relations sum_k n_k g_k = 0
   * that hold for every achievable gain pattern.
   */
  readonly nullSpace: readonly Float64Array[];
  /** max over the basis of |n^T A| (0 when feasible up to rounding). */
  readonly violation: number;
  /** Human explanation when infeasible, empty otherwise. */
  readonly explanation: string;
}

const RELATIVE_RANK_TOLERANCE = 1e-10;
const RELATIVE_VIOLATION_TOLERANCE = 1e-9;

/**
 * A is attainable iff n^T A = 0 for every n with G n = 0 (model.md §5). The null
 * space of G equals that of the second-moment matrix C = E_P0[g g^T] (the support
 * is where P0 > 0), a K x K matrix we get from the superset sums of P0, so the
 * test costs one symmetric eigendecomposition.
 */
export function checkFeasibility(problem: MaxentProblem, patterns: PatternTable): Feasibility {
  const K = problem.contexts;
  const sums = Float64Array.from(patterns.prior);
  supersetSums(sums, K);
  const second = new Matrix(K, K);
  for (let k = 0; k < K; k++) {
    for (let l = 0; l < K; l++) second.set(k, l, sums[(1 << k) | (1 << l)]);
  }
  return feasibilityOfSecondMoment(problem, second, `with ${problem.nonlinearity} and rho = ${patterns.rho} only some gain patterns have prior mass`);
}

/**
 * The structural test over a weighted set of gain vectors (quadrature nodes or
 * Monte Carlo draws, model.md §7): the null space of C = sum_i W_i g_i g_i^T is
 * that of the matrix of the points' gain vectors. For tanh and softplus it is
 * empty; for linear gains (all 1) it is every n with sum_k n_k = 0, as exactly.
 */
export function checkPointFeasibility(problem: MaxentProblem, points: GainPoints): Feasibility {
  const K = problem.contexts;
  const second = new Float64Array(K * K);
  const { gains, weights, count } = points;
  for (let i = 0; i < count; i++) {
    for (let k = 0; k < K; k++) {
      const wg = weights[i] * gains[i * K + k];
      for (let l = 0; l < K; l++) second[k * K + l] += wg * gains[i * K + l];
    }
  }
  const matrix = new Matrix(K, K);
  for (let k = 0; k < K; k++) for (let l = 0; l < K; l++) matrix.set(k, l, second[k * K + l]);
  return feasibilityOfSecondMoment(problem, matrix, `with ${problem.nonlinearity} the gain vectors span only part of the contexts' space`);
}

/**
 * The eigen test of checkFeasibility on the second-moment matrix of the gains;
 * `why` says, for a non-linear network, why some relation among gains holds.
 */
function feasibilityOfSecondMoment(problem: MaxentProblem, second: Matrix, why: string): Feasibility {
  const { contexts: K, stimuli: P } = problem;
  const decomposition = new EigenvalueDecomposition(second, { assumeSymmetric: true });
  const values = decomposition.realEigenvalues;
  const vectors = decomposition.eigenvectorMatrix;
  const largest = Math.max(...values.map(Math.abs));
  const nullSpace: Float64Array[] = [];
  for (let index = 0; index < K; index++) {
    if (values[index] > RELATIVE_RANK_TOLERANCE * largest) continue;
    const n = new Float64Array(K);
    for (let k = 0; k < K; k++) n[k] = vectors.get(k, index);
    nullSpace.push(n);
  }
  const task = problem.task.data;
  const scale = maxAbs(task);
  let violation = 0;
  let worst: Float64Array | undefined;
  for (const n of nullSpace) {
    for (let j = 0; j < P; j++) {
      let sum = 0;
      for (let k = 0; k < K; k++) sum += n[k] * task[k * P + j];
      if (Math.abs(sum) > violation) {
        violation = Math.abs(sum);
        worst = n;
      }
    }
  }
  const feasible = violation <= RELATIVE_VIOLATION_TOLERANCE * Math.max(scale, 1e-300);
  return {
    feasible,
    nullSpace,
    violation,
    explanation: feasible || worst === undefined ? '' : explain(problem, why, worst, violation),
  };
}

function explain(problem: MaxentProblem, nonLinearWhy: string, relation: Float64Array, violation: number): string {
  const largest = Math.max(...Array.from(relation, Math.abs));
  const terms = Array.from(relation, (value, k) => ({ value: value / largest, k }))
    .filter(({ value }) => Math.abs(value) > 1e-8)
    .map(({ value, k }) => `${value.toFixed(3)} g_${k + 1}`)
    .join(' + ')
    .replaceAll('+ -', '- ');
  const why =
    problem.nonlinearity === 'linear'
      ? 'with the linear nonlinearity every gain is 1, so a network cannot select inputs by context and only tasks with equal rows are feasible'
      : nonLinearWhy;
  return (
    `infeasible task: ${why}. Every achievable gain pattern satisfies ${terms} = 0, ` +
    `so the rows of the task matrix must satisfy the same relation, but they miss it by ${(violation / largest).toPrecision(3)} ` +
    '(model.md §5 "Infeasibility")'
  );
}

/** Throws ProblemHasNoAnswerError('infeasible') unless the structural test passes. */
export function assertFeasible(feasibility: Feasibility): void {
  if (!feasibility.feasible) throw new ProblemHasNoAnswerError(feasibility.explanation, 'infeasible');
}
