import { InvalidInputError, fromRows, toRows, type Mat } from '@maxent/core';
import { parseConfig, problemFromConfig, type MaxentConfig, type MaxentProblem, type PopulationSummary } from '@maxent/constraints';
import { listPopulations, patternLaw } from './populations.js';
import { estimatorCheckToFile } from './continuousSolution.js';
import type { ContinuousSolution, ExactSolution, MaxentSolution } from './solution.js';

/** The keys every `maxent-solution` file has (interfaces.md), without the envelope (schemaVersion, kind, config, versions), which the CLI adds. */
interface SolutionFileCore {
  /** lambda, K x P, as rows. */
  readonly lambda: number[][];
  /** E[f] at lambda, K x P, as rows. */
  readonly moments: number[][];
  readonly maxResidual: number;
  readonly converged: boolean;
  readonly iterations: number;
  readonly logPartition: number;
  readonly klFromPrior: number;
  readonly message: string;
}

/** The file of an exact solution: populations by gain pattern (key order as before continuous gains, so files are unchanged). */
export type ExactSolutionFileBody = SolutionFileCore &
  Pick<ExactSolution, 'populations' | 'populationsListed' | 'populationsTotal' | 'summary'>;

/** The file of a solution over gain points (interfaces.md "maxent solve with continuous gains"). */
export type ContinuousSolutionFileBody = SolutionFileCore &
  Pick<ContinuousSolution, 'summary' | 'gains' | 'maxQOnGainBoxVertices' | 'maxQVertex'> & {
    /** The estimator that solved it: quadrature or montecarlo. */
    readonly estimator: ContinuousSolution['estimator'];
    /** The estimator check with its matrices as rows. */
    readonly estimatorCheck: Record<string, unknown>;
  };

export type SolutionFileBody = ExactSolutionFileBody | ContinuousSolutionFileBody;

export interface SolutionToFileOptions {
  /** List every population with prior mass, even beyond the solution's own list (`--all-populations`; exact solutions). */
  readonly allPopulations?: boolean;
}

export function solutionToFile(solution: MaxentSolution, options: SolutionToFileOptions = {}): SolutionFileBody {
  const core: SolutionFileCore = {
    lambda: toRows(solution.lambda),
    moments: toRows(solution.moments),
    maxResidual: solution.maxResidual,
    converged: solution.converged,
    iterations: solution.iterations,
    logPartition: solution.logPartition,
    klFromPrior: solution.klFromPrior,
    message: solution.message,
  };
  if (solution.estimator !== 'exact') {
    return {
      ...core,
      estimator: solution.estimator,
      summary: solution.summary,
      gains: solution.gains,
      estimatorCheck: estimatorCheckToFile(solution.estimatorCheck),
      maxQOnGainBoxVertices: solution.maxQOnGainBoxVertices,
      maxQVertex: solution.maxQVertex,
    };
  }
  let populations = solution.populations;
  if (options.allPopulations === true && solution.populationsListed < solution.populationsTotal) {
    const law = patternLaw(solution.problem, solution.lambda);
    populations = listPopulations(solution.problem, solution.lambda, law, Infinity);
  }
  return {
    ...core,
    populations,
    populationsListed: populations.length,
    populationsTotal: solution.populationsTotal,
    summary: solution.summary,
  };
}

/** What a solution file determines: its config, the problem and the multipliers. */
export interface SolutionFileContents {
  readonly config: MaxentConfig;
  readonly problem: MaxentProblem;
  readonly lambda: Mat;
}

/**
 * Reads back a parsed `maxent-solution` file (with its envelope): validates the
 * config and that `lambda` is a finite K x P matrix for the config's task.
 * Errors are InvalidInputError naming `field` (the file's setting, e.g.
 * "solution") and the key at fault.
 */
export function solutionFromFile(json: unknown, field: string): SolutionFileContents {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InvalidInputError(field, `invalid \`${field}\`: must be a JSON object of kind "maxent-solution"`);
  }
  const record = json as Record<string, unknown>;
  if (record.kind !== undefined && record.kind !== 'maxent-solution') {
    throw new InvalidInputError(
      field,
      `invalid \`${field}\`: is of kind ${JSON.stringify(record.kind)}, expected "maxent-solution"`,
    );
  }
  if (record.config === undefined) {
    throw new InvalidInputError(`${field}.config`, `invalid \`${field}.config\`: missing (a solution file records its config)`);
  }
  let config: MaxentConfig;
  try {
    config = parseConfig(record.config);
  } catch (error) {
    if (error instanceof InvalidInputError) {
      throw new InvalidInputError(`${field}.config.${error.field}`, `invalid \`${field}.config\`: ${error.message}`);
    }
    throw error;
  }
  const problem = problemFromConfig(config);
  const { contexts: K, stimuli: P } = problem;
  const rows = record.lambda;
  const shape = `must be a ${K} x ${P} matrix of finite numbers (contexts x stimuli of the config's task)`;
  const lambdaField = `${field}.lambda`;
  if (!Array.isArray(rows) || rows.length !== K) {
    throw new InvalidInputError(lambdaField, `invalid \`${lambdaField}\`: ${shape}, got ${describeShape(rows)}`);
  }
  for (const row of rows) {
    if (!Array.isArray(row) || row.length !== P || !row.every((x) => typeof x === 'number' && Number.isFinite(x))) {
      throw new InvalidInputError(lambdaField, `invalid \`${lambdaField}\`: ${shape}, got ${describeShape(rows)}`);
    }
  }
  return { config, problem, lambda: fromRows(rows as number[][]) };
}

function describeShape(value: unknown): string {
  if (!Array.isArray(value)) return value === undefined ? 'nothing' : typeof value;
  const widths = new Set(value.map((row) => (Array.isArray(row) ? String(row.length) : typeof row)));
  return `${value.length} rows of ${[...widths].join('/')} entries`;
}
