// The parts of the low-rank result files (interfaces.md `maxent lowrank`; model.md §14)
// that the figures read. Builders check, at the boundary, the kind and the fields they need.
import { invalid, type ResultEnvelope } from '@maxent/core';
import { expectArray, expectKind } from './results.js';

export type FixedPointKind = 'stable' | 'saddle' | 'source' | 'marginal';

/** A fixed point of the latent dynamics, with the eigenvalues of its Jacobian. */
export interface LowRankFixedPoint {
  readonly kappa: readonly number[];
  readonly kind: FixedPointKind;
  readonly eigenvalues?: { readonly real: readonly number[]; readonly imaginary: readonly number[] };
  readonly residual?: number;
}

export interface LowRankMeanField {
  readonly fixedPoints: readonly LowRankFixedPoint[];
  readonly ringRadius: number | null;
  readonly period: number | null;
  readonly cycleRadius?: number | null;
}

/** A Gaussian-mixture teacher: mean over (m_1..m_R, n_1..n_R), covariance 2R x 2R. */
export interface LowRankTeacherSpec {
  readonly rank: number;
  readonly nonlinearity?: string;
  readonly components: readonly {
    readonly weight: number;
    readonly mean: readonly number[];
    readonly covariance: readonly (readonly number[])[];
  }[];
}

/** `maxent lowrank teacher | sample` -> kind `lowrank-network`. */
export interface LowRankNetworkFile extends ResultEnvelope<'lowrank-network', Record<string, unknown>> {
  readonly rank: number;
  readonly nonlinearity: string;
  readonly alpha: number;
  readonly neurons: number;
  readonly m: readonly (readonly number[])[];
  readonly n: readonly (readonly number[])[];
  readonly bias?: readonly number[] | null;
  readonly teacher?: LowRankTeacherSpec | null;
  readonly meanField?: LowRankMeanField | null;
}

/** `maxent lowrank constraints` -> kind `lowrank-constraints`. */
export interface LowRankConstraintsFile extends ResultEnvelope<'lowrank-constraints', Record<string, unknown>> {
  readonly rank: number;
  readonly nonlinearity: string;
  readonly points: readonly (readonly number[])[];
  readonly G: readonly (readonly number[])[];
}

/** `maxent lowrank solve` -> kind `lowrank-solution`. */
export interface LowRankSolutionFile extends ResultEnvelope<'lowrank-solution', { readonly priorMStd?: number; readonly [key: string]: unknown }> {
  readonly mode: 'conditional' | 'joint';
  readonly rank: number;
  readonly nonlinearity: string;
  readonly conditionalMean: { readonly m: readonly (readonly number[])[]; readonly values: readonly (readonly number[])[] } | null;
  readonly pm: {
    readonly mean: readonly number[];
    readonly covariance: readonly (readonly number[])[];
    /** R = 1: density per axis node; R = 2: density[i][j] at (axis[i], axis[j]). */
    readonly grid: { readonly axis: readonly number[]; readonly density: readonly number[] | readonly (readonly number[])[] } | null;
    readonly modes: readonly (readonly number[])[];
  } | null;
  readonly meanField?: LowRankMeanField | null;
}

/** `maxent lowrank simulate | analyze` -> kind `lowrank-analysis`. */
export interface LowRankAnalysisFile extends ResultEnvelope<'lowrank-analysis', Record<string, unknown>> {
  readonly rank: number;
  readonly simulations: {
    readonly alpha: number;
    readonly duration: number;
    readonly method: string;
    readonly times: readonly number[];
    /** trials x records x R latent states. */
    readonly trajectories: readonly (readonly (readonly number[])[])[];
  };
  readonly fixedPoints?: readonly LowRankFixedPoint[];
}

/** Throws unless `rank` is 1 or 2: the latent space of the figures is a line or a plane. */
export function expectDrawableRank(rank: unknown, field = 'rank'): asserts rank is 1 | 2 {
  if (rank !== 1 && rank !== 2) throw invalid(field, 'must be 1 or 2 for a figure of the latent space (a line or a plane)', rank);
}

export function checkLowRankNetwork(network: LowRankNetworkFile): void {
  expectKind(network, 'lowrank-network');
  expectArray(network.m, 'm');
  expectArray(network.n, 'n');
  if (network.m.length !== network.n.length) throw invalid('n', `must have one row per neuron like m (${network.m.length})`, `${network.n.length} rows`);
  if (!Number.isInteger(network.rank) || network.rank < 1) throw invalid('rank', 'must be an integer >= 1', network.rank);
  for (const [field, rows] of [['m', network.m], ['n', network.n]] as const) {
    if (rows.some((row) => !Array.isArray(row) || row.length !== network.rank)) throw invalid(field, `must be N x R with R = rank = ${network.rank}`, rows[0]);
  }
}
