import { Matrix, solve } from 'ml-matrix';
import { maxAbs, normalCdf, toRows, zeros, type Mat } from '@maxent/core';
import { summarizePopulations, type MaxentProblem, type PopulationShare, type PopulationSummary } from '@maxent/constraints';
import { outputWeightEnergy, selectivityIndex } from './conditional.js';
import type { GainBoxVertexQ } from './gainBox.js';
import { gaussHermitePoints } from './gainPoints.js';
import { createPointDualWorkspace, momentStandardErrors } from './pointDual.js';
import { pointEstimatorOf, type PointEstimator } from './pointEstimator.js';

/** Under p_lambda, the law of the continuous gains (model.md §7), in place of populations by pattern. */
export interface GainDistribution {
  /** Per-context histograms of g_k on [0, 1]: `edges` (bins + 1 numbers) and `mass[k][bin]` (each row sums to 1). */
  readonly histograms: { readonly edges: number[]; readonly mass: number[][] };
  /** E[g_k], K numbers. */
  readonly mean: number[];
  /** Correlation of g_k and g_l, K x K (NaN where a gain does not vary, e.g. linear). */
  readonly correlation: number[][];
  /**
   * Distribution of the number of contexts with g_k > 1/2 (index 0..K), by
   * fraction of neurons and by share of output-weight energy (model.md §6).
   */
  readonly activeCount: { readonly threshold: number; readonly byFraction: number[]; readonly byEnergy: number[] };
}

/** The change of the answer between n and 2n nodes per context (quadrature, model.md §7). */
export interface QuadratureCheck {
  readonly kind: 'quadrature';
  readonly nodes: number;
  readonly comparedWithNodes: number;
  /**
   * lambda(2n) - lambda(n), K x P, by one Newton step on the 2n-node dual from
   * lambda(n): -H^-1 grad(2n) with the Hessian H of n nodes (NaN when lambda(n)
   * lies outside the 2n-node rule's domain).
   */
  readonly lambdaChange: Mat;
  /** E[f] at lambda(n) with 2n nodes minus with n nodes, K x P: how far the answer's moments are off. */
  readonly momentChange: Mat;
  readonly maxLambdaChange: number;
  readonly maxMomentChange: number;
}

/** Monte Carlo standard errors of the moments at the solution (model.md §7). */
export interface MonteCarloCheck {
  readonly kind: 'montecarlo';
  readonly samples: number;
  readonly seed: number | string;
  /** K x P standard errors of E[f] (pointDual.ts momentStandardErrors). */
  readonly stderr: Mat;
  readonly maxStderr: number;
}

export type EstimatorCheck = QuadratureCheck | MonteCarloCheck;

/** Histogram bins of the gains on [0, 1]. */
const GAIN_BINS = 10;
/** A context counts as active when its gain exceeds this (the middle of the gain box, as the analysis of networks). */
const ACTIVE_GAIN = 0.5;

/**
 * The gain law, §6 summary and estimator check of a solution over gain points,
 * at `lambda`, where the estimator's workspace was just evaluated with level 2.
 */
export function continuousObservables(
  estimator: PointEstimator,
  lambda: Float64Array,
): { gains: GainDistribution; summary: PopulationSummary; estimatorCheck: EstimatorCheck } {
  const { problem, points, q, weight } = estimator.workspace;
  const { contexts: K, stimuli: P, weightScale } = problem;
  const { gains, count } = points;
  let partition = 0;
  for (let i = 0; i < count; i++) partition += weight[i];
  const mass = Array.from({ length: K }, () => new Array<number>(GAIN_BINS).fill(0));
  const mean = new Array<number>(K).fill(0);
  const second = new Float64Array(K * K);
  const byCount = new Float64Array(K + 1);
  const energyByCount = new Float64Array(K + 1);
  const chiEnergyByCount = new Float64Array(K + 1);
  let totalEnergy = 0;
  for (let i = 0; i < count; i++) {
    const pi = weight[i] / partition;
    const row = i * K;
    let active = 0;
    for (let k = 0; k < K; k++) {
      const g = gains[row + k];
      mass[k][Math.min(GAIN_BINS - 1, Math.max(0, Math.floor(g * GAIN_BINS)))] += pi;
      mean[k] += pi * g;
      for (let l = 0; l < K; l++) second[k * K + l] += pi * g * gains[row + l];
      if (g > ACTIVE_GAIN) active++;
    }
    // Within a point (u, w) is the Gaussian of §5, so energy and selectivity are those of §6 at q_i.
    const energy = pi * outputWeightEnergy(q[i], P, weightScale);
    byCount[active] += pi;
    energyByCount[active] += energy;
    chiEnergyByCount[active] += energy * selectivityIndex(q[i], P);
    totalEnergy += energy;
  }
  const correlation: number[][] = [];
  for (let k = 0; k < K; k++) {
    const row: number[] = [];
    for (let l = 0; l < K; l++) {
      const covariance = second[k * K + l] - mean[k] * mean[l];
      const scale = Math.sqrt((second[k * K + k] - mean[k] ** 2) * (second[l * K + l] - mean[l] ** 2));
      row.push(scale > 0 ? covariance / scale : Number.NaN);
    }
    correlation.push(row);
  }
  const groups: PopulationShare[] = [];
  for (let c = 0; c <= K; c++) {
    const energyShare = energyByCount[c] / totalEnergy;
    groups.push({
      pattern: Array.from({ length: K }, (_, k) => (k < c ? 1 : 0)),
      fraction: byCount[c],
      energyShare,
      selectivity: energyByCount[c] > 0 ? chiEnergyByCount[c] / energyByCount[c] : 0,
    });
  }
  const summary = summarizePopulations(groups, K, P, activeGainProbability(problem));
  return {
    gains: {
      histograms: { edges: Array.from({ length: GAIN_BINS + 1 }, (_, b) => b / GAIN_BINS), mass },
      mean,
      correlation,
      activeCount: { threshold: ACTIVE_GAIN, byFraction: summary.activeCount.byFraction, byEnergy: summary.activeCount.byEnergy },
    },
    summary,
    estimatorCheck: estimatorCheckOf(estimator, lambda),
  };
}

/**
 * Prior probability that a context's gain exceeds 1/2 (the `rho` of the §6
 * summary for continuous gains): tanh: sech^2 v > 1/2 iff |v| < acosh(sqrt 2);
 * softplus (sigmoid v > 1/2) and relu: v > 0; linear: always.
 */
export function activeGainProbability(problem: MaxentProblem): number {
  const { contextMean: mean, contextStd: std } = problem;
  switch (problem.nonlinearity) {
    case 'tanh': {
      const half = Math.acosh(Math.SQRT2);
      return normalCdf((half - mean) / std) - normalCdf((-half - mean) / std);
    }
    case 'softplus':
    case 'relu':
      return normalCdf(mean / std);
    case 'linear':
      return 1;
  }
}

function estimatorCheckOf(estimator: PointEstimator, lambda: Float64Array): EstimatorCheck {
  const { problem } = estimator.workspace;
  const { contexts: K, stimuli: P } = problem;
  const config = problem.estimator;
  if (config.kind === 'montecarlo') {
    const stderr = zeros(K, P);
    stderr.data.set(momentStandardErrors(estimator.workspace, lambda));
    return { kind: 'montecarlo', samples: config.samples, seed: config.seed, stderr, maxStderr: maxAbs(stderr.data) };
  }
  if (config.kind !== 'quadrature') throw new Error(`internal: no estimator check for ${config.kind}`);
  const nodes = config.nodes;
  const doubled: MaxentProblem = { ...problem, estimator: { kind: 'quadrature', nodes: 2 * nodes } };
  const fine = pointEstimatorOf(createPointDualWorkspace(doubled, gaussHermitePoints(doubled, 2 * nodes)), estimator.relations);
  const momentChange = zeros(K, P);
  const lambdaChange = zeros(K, P);
  // With 2n nodes lambda(n) may lie outside the finer rule's domain: then no comparison exists.
  const inside = Number.isFinite(fine.evaluate(lambda, 1));
  if (inside) {
    for (let i = 0; i < K * P; i++) momentChange.data[i] = fine.workspace.moments[i] - estimator.workspace.moments[i];
    // One Newton step towards the 2n-node minimiser with the n-node Hessian (the Hessians differ by
    // far less than the gradients, and the fourth moments of 2n^K points would double the cost).
    lambdaChange.data.set(newtonStep(estimator.hessian, fine.gradient, estimator));
  } else {
    momentChange.data.fill(Number.NaN);
    lambdaChange.data.fill(Number.NaN);
  }
  return {
    kind: 'quadrature',
    nodes,
    comparedWithNodes: 2 * nodes,
    lambdaChange,
    momentChange,
    maxLambdaChange: maxAbs(lambdaChange.data),
    maxMomentChange: maxAbs(momentChange.data),
  };
}

/** The estimator check as the result file writes it (matrices as rows). */
export function estimatorCheckToFile(check: EstimatorCheck): Record<string, unknown> {
  if (check.kind === 'montecarlo') return { ...check, stderr: toRows(check.stderr) };
  return { ...check, lambdaChange: toRows(check.lambdaChange), momentChange: toRows(check.momentChange) };
}

/** The vertex check as the solution reports it. */
export function vertexReport(vertex: GainBoxVertexQ): { maxQOnGainBoxVertices: number; maxQVertex: number[] } {
  return { maxQOnGainBoxVertices: vertex.maxQ, maxQVertex: vertex.vertex };
}

/** -H^-1 gradient, with the estimator's null directions penalised in H and projected out of the step (as newton.ts). */
function newtonStep(hessian: Float64Array, gradient: Float64Array, estimator: PointEstimator): Float64Array {
  const { size, nullSpace } = estimator;
  const system = new Matrix(size, size);
  let trace = 0;
  for (let i = 0; i < size; i++) trace += hessian[i * size + i];
  const penalty = trace > 0 ? trace / size : 1;
  for (let r = 0; r < size; r++) for (let c = 0; c < size; c++) system.set(r, c, hessian[r * size + c]);
  for (const { indices, values } of nullSpace) {
    for (let a = 0; a < indices.length; a++) {
      for (let b = 0; b < indices.length; b++) system.set(indices[a], indices[b], system.get(indices[a], indices[b]) + penalty * values[a] * values[b]);
    }
  }
  const rhs = Matrix.columnVector(Array.from(gradient, (g) => -g));
  for (const { indices, values } of nullSpace) {
    let dot = 0;
    for (let a = 0; a < indices.length; a++) dot += values[a] * rhs.get(indices[a], 0);
    for (let a = 0; a < indices.length; a++) rhs.set(indices[a], 0, rhs.get(indices[a], 0) - dot * values[a]);
  }
  const solution = solve(system, rhs);
  return Float64Array.from({ length: size }, (_, i) => solution.get(i, 0));
}
