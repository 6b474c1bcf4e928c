import { Command } from 'commander';
import { weightMetrics, type WeightMetrics } from '@maxent/analysis';
import { createRng, decodeWeightMatrix, InvalidInputError, type Mat } from '@maxent/core';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag, numberFlag } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { emitResult, readInputBytes } from '../io.js';

interface MetricsFlags {
  weights: string;
  out?: string;
  gamma?: string;
  seed?: string;
  json?: boolean;
  quiet?: boolean;
}

const FIELD = '--weights';

/**
 * `maxent metrics` (interfaces.md, kind `weight-metrics`): the weight-matrix
 * measures of model.md §11 for a square matrix read from .npy or JSON.
 */
export const metricsCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return program
      .command('metrics')
      .description('Entropy, communicability entropy, directed modularity and spectrum of a square weight matrix (model.md §11)')
      .requiredOption(
        '--weights <file>',
        'square matrix: .npy (2-D, float32/float64, C order, little-endian) or JSON ({"matrix": [[...]]} or an array of rows)',
      )
      .option('--out <file>', 'write the weight-metrics result file (JSON) here')
      .option('--gamma <g>', 'modularity resolution gamma (finite, >= 0; default 1)')
      .option('--seed <S>', 'shuffle the node order with this seed before the modularity search, as MATLAB does (default: keep the order)')
      .option('--json', 'print the result as JSON instead of a summary')
      .option('--quiet', 'print nothing on success (with --out)')
      .action((flags: MetricsFlags) => runMetrics(io, flags));
  },
};

function runMetrics(io: CliIO, flags: MetricsFlags): void {
  const gamma = numberFlag(flags.gamma, '--gamma', { min: 0 }) ?? 1;
  const seed = integerFlag(flags.seed, '--seed');
  const matrix = readWeights(io, flags.weights);
  let metrics: WeightMetrics;
  try {
    metrics = weightMetrics(matrix, { gamma, rng: seed === undefined ? null : createRng(seed) }, FIELD);
  } catch (error) {
    throw inFile(error, flags.weights);
  }
  const config = { weights: flags.weights, gamma, permuteNodes: seed !== undefined };
  const result = {
    ...envelope('weight-metrics', config, seed),
    size: matrix.rows,
    shannonEntropy: metrics.shannonEntropy,
    communicabilityEntropy: metrics.communicabilityEntropy,
    modularity: { q: metrics.modularity.q, communities: Array.from(metrics.modularity.communities) },
    leadingEigenvalue: metrics.leadingEigenvalue,
    logLeadingEigenvalue: metrics.logLeadingEigenvalue,
    spectralRadius: metrics.spectralRadius,
    spectralEntropy: metrics.spectralEntropy,
    totalWeight: metrics.totalWeight,
  };
  emitResult(io, flags, result, () => formatSummary(flags.weights, matrix.rows, metrics, flags.out));
}

/** Reads the file; @maxent/core decodes a .npy (recognised by its magic string) or a JSON matrix. */
function readWeights(io: CliIO, path: string): Mat {
  const bytes = readInputBytes(io, path, FIELD);
  try {
    return decodeWeightMatrix(bytes, FIELD);
  } catch (error) {
    throw inFile(error, path);
  }
}

/** Adds the file name to an input error, so the message names both the flag and the file. */
function inFile(error: unknown, path: string): unknown {
  if (error instanceof InvalidInputError) return new InvalidInputError(error.field, `${error.message} (in ${path})`);
  return error;
}

function formatSummary(path: string, size: number, metrics: WeightMetrics, out: string | undefined): string {
  const number = (value: number | null) => (value === null ? 'undefined' : value.toPrecision(6));
  const communities = new Set(metrics.modularity.communities).size;
  const lines: [string, string][] = [
    ['Shannon entropy', `${number(metrics.shannonEntropy)} bits (mean row entropy of |W|)`],
    ['communicability entropy', `${number(metrics.communicabilityEntropy)} bits`],
    ['modularity Q', `${number(metrics.modularity.q)} (${communities} ${communities === 1 ? 'community' : 'communities'})`],
    ['leading eigenvalue', `${number(metrics.leadingEigenvalue)} (ln: ${number(metrics.logLeadingEigenvalue)})`],
    ['spectral radius', number(metrics.spectralRadius)],
    ['spectral entropy', `${number(metrics.spectralEntropy)} bits`],
    ['total weight', number(metrics.totalWeight)],
  ];
  const width = Math.max(...lines.map(([label]) => label.length));
  return [
    `${path}: ${size} x ${size} weight matrix`,
    ...lines.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    ...(out === undefined ? [] : [`wrote ${out}`]),
    '',
  ].join('\n');
}
