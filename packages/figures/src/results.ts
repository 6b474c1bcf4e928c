// The parts of the result files (interfaces.md) that the figures read. Builders
// take the parsed JSON as these types and check, at the boundary, the kind and
// the fields they need; every key named here is part of the interfaces.md contract
// or written by today's CLI beside it.
import { invalid, type CurvePoint, type MatchSection, type ResultEnvelope } from '@maxent/core';

/** A population of one gain pattern (model.md §6 for a solution, §10 empirical). */
export interface PopulationEntry {
  readonly pattern: readonly number[];
  readonly fraction: number;
  readonly energyShare: number;
  readonly selectivity: number | null;
  readonly direction?: readonly number[];
  readonly count?: number;
  /** Mean gain vector (clusters of continuous gains). */
  readonly gains?: readonly number[];
}

export interface ActiveCount {
  readonly byFraction: readonly (number | null)[];
  readonly byEnergy: readonly (number | null)[];
}

export interface PopulationSummary {
  readonly specialization: number | null;
  readonly specializationPrior: number | null;
  readonly selectivity: number | null;
  readonly selectivityNormalized: number | null;
  readonly activeCount: ActiveCount;
}

export interface ProblemConfig {
  readonly nonlinearity: string;
  readonly weightScale: number;
  readonly context: { readonly mean: number; readonly std: number };
  readonly stimulusStd?: number;
  readonly task?: unknown;
}

/** `maxent solve` -> kind `maxent-solution`. */
export interface SolutionFile extends ResultEnvelope<'maxent-solution', ProblemConfig> {
  readonly lambda: readonly (readonly number[])[];
  /** Binary gains: one entry per gain pattern. */
  readonly populations?: readonly PopulationEntry[];
  /** Continuous gains: clusters of gain vectors instead (interfaces.md "maxent solve with continuous gains"). */
  readonly clusters?: readonly PopulationEntry[];
  readonly populationsListed?: number;
  readonly populationsTotal?: number;
  readonly summary: PopulationSummary;
}

export interface QuantityDiagnostics {
  readonly mean: number;
  readonly sd?: number;
  readonly mcseMean?: number;
  readonly essBulk: number | null;
  readonly essTail: number | null;
  readonly rhat: number | null;
}

/** `diagnostics` of a network sampled with `--method mcmc` (model.md §8). */
export interface McmcDiagnostics {
  readonly variant?: string;
  readonly chains: number;
  readonly drawsPerChain: number;
  readonly warmup?: number;
  readonly acceptanceRate: number;
  readonly rhat: number;
  readonly ess: number;
  readonly constraintCheck: {
    readonly mean: readonly (readonly number[])[];
    readonly stderr: readonly (readonly number[])[];
    readonly target?: readonly (readonly number[])[];
  };
  readonly quantities?: Readonly<Record<string, QuantityDiagnostics>>;
}

/** `maxent sample` / `maxent train` -> kind `network`. */
export interface NetworkFile extends ResultEnvelope<'network', Partial<ProblemConfig>> {
  readonly nonlinearity: string;
  readonly neurons: number;
  readonly u: readonly (readonly number[])[];
  readonly v: readonly (readonly number[])[];
  readonly w: readonly number[];
  readonly task: readonly (readonly number[])[];
  readonly diagnostics?: McmcDiagnostics;
}

export interface ComparedPopulation {
  readonly pattern: readonly number[];
  readonly energyShare: { readonly network: number | null; readonly solution: number | null };
  readonly fraction: { readonly network: number | null; readonly solution: number | null };
  readonly selectivity: { readonly network: number | null; readonly solution: number | null };
}

export interface WeightScaleEvaluation {
  readonly weightScale: number;
  readonly tvDistance: number | null;
}

/** `comparison` of `maxent analyze --solution` (model.md §10, §15). */
export interface ComparisonSection {
  readonly weightScale: number;
  readonly tvDistance: number | null;
  readonly meanAbsSelectivityDifference: number | null;
  readonly populations: readonly ComparedPopulation[];
  readonly bestWeightScale?: {
    readonly weightScale: number;
    readonly tvDistance: number | null;
    readonly atBoundary: boolean;
    readonly evaluations: readonly WeightScaleEvaluation[];
  } | null;
  /** The joint match of model.md §15 (null without the weight-scale search). */
  readonly match?: MatchSection | null;
  readonly matchJoint?: MatchSection | null;
  readonly matchEnergy?: MatchSection | null;
  readonly matchSelectivity?: MatchSection | null;
  readonly curve?: readonly CurvePoint[] | null;
}

export type { CurvePoint, MatchSection };

/** `maxent analyze` -> kind `analysis`. */
export interface AnalysisFile extends ResultEnvelope<'analysis'> {
  readonly neurons?: number;
  /** P, the number of stimuli. */
  readonly stimuli?: number;
  readonly populations: readonly PopulationEntry[];
  readonly summary: PopulationSummary;
  readonly comparison?: ComparisonSection;
}

export interface R2AndMse {
  readonly r2: number | null;
  readonly mse: number | null;
}

/** `maxent evaluate` -> kind `evaluation` (model.md §9). */
export interface EvaluationFile extends ResultEnvelope<'evaluation', { readonly stimulusStd: number; readonly trials?: number; readonly network?: string }> {
  readonly neurons?: number;
  readonly r2: number | null;
  readonly mse: number | null;
  readonly perContext: readonly (R2AndMse & { readonly context: number })[];
  readonly linearized: R2AndMse & { readonly perContext?: readonly (R2AndMse & { readonly context: number })[] };
}

/** One row of a sweep: a max-ent point or a trained network (today's CLI columns). */
export interface SweepRow {
  readonly mode: 'maxent' | 'trained';
  readonly grid?: string;
  readonly contexts: number;
  readonly weightScale: number;
  readonly initScale: number | null;
  readonly specialization: number | null;
  readonly specializationPrior: number | null;
  readonly selectivity: number | null;
  readonly selectivityNormalized: number | null;
  readonly r2?: number | null;
  readonly tvDistance?: number | null;
  readonly meanAbsSelectivityDifference?: number | null;
  readonly bestWeightScale?: number | null;
  readonly weightDecay?: number;
  /** The joint match (model.md §15), when the sweep searched it. */
  readonly matchWeightScale?: number | null;
  readonly matchMismatch?: number | null;
  readonly matchTvDistance?: number | null;
}

/** `maxent sweep` -> kind `sweep`. */
export interface SweepFile extends ResultEnvelope<'sweep'> {
  readonly preset?: string | null;
  readonly rows: readonly SweepRow[];
}

/** `maxent metrics` -> kind `weight-metrics` (model.md §11). */
export interface WeightMetricsFile extends ResultEnvelope<'weight-metrics'> {
  readonly size: number;
  readonly shannonEntropy: number | null;
  readonly communicabilityEntropy: number | null;
  readonly modularity: { readonly q: number | null; readonly communities: readonly number[] };
  readonly leadingEigenvalue: number | null;
  readonly logLeadingEigenvalue: number | null;
  readonly spectralRadius: number | null;
  readonly spectralEntropy: number | null;
  readonly totalWeight: number | null;
}

/** Throws unless `file` is an object of the given kind. */
export function expectKind(file: unknown, kind: string): void {
  if (typeof file !== 'object' || file === null) throw invalid('file', `must be a result file of kind "${kind}"`, file);
  const actual = (file as { kind?: unknown }).kind;
  if (actual !== kind) throw invalid('kind', `must be "${kind}"`, actual);
}

/** Throws unless `value` is an array (`field` names it in the message). */
export function expectArray(value: unknown, field: string): void {
  if (!Array.isArray(value)) throw invalid(field, 'must be an array', value);
}
