import { Command } from 'commander';
import { createRng, DEFAULT_SEED, InvalidInputError } from '@maxent/core';
import { networkField } from '@maxent/constraints';
import { sampleSolutionNetwork } from '@maxent/sampler';
import type { CliIO } from '../../context.js';
import { integerFlag, numberFlag } from '../../configOptions.js';
import { envelope } from '../../envelope.js';
import { emitResult, readResultFile } from '../../io.js';
import { rows, writeLoadingsNpy } from './files.js';
import { meanFieldSummary } from './meanField.js';
import { lowrankSettings, textSetting } from './settings.js';
import { loadingPointsOf, problemOf, runSolve, type LowRankSolveConfig } from './solveProblem.js';
import { formatMeanField } from './teacher.js';

const KEYS = ['solution', 'neurons', 'alpha', 'seed', 'out', 'npy'] as const;

/** `maxent lowrank sample`: N neurons from a solution (kind lowrank-network). */
export function registerSample(parent: Command, io: CliIO): Command {
  return parent
    .command('sample')
    .description('N neurons from a low-rank solution: m from p(m), then n | m Gaussian (model.md §14)')
    .option('--config <file>', 'JSON settings (keys: the flags in camelCase); flags override')
    .requiredOption('--solution <file>', 'lowrank-solution file (re-solved from its config: the file holds no multipliers)')
    .option('--neurons <N>', 'number of neurons (default 20000)')
    .option('--alpha <a>', 'dt / tau recorded in the file (default 0.05)')
    .option('--seed <S>', 'seed of the draw')
    .option('--out <file>', 'write the lowrank-network file here')
    .option('--npy <dir>', 'also write m.npy and n.npy')
    .option('--json', 'print the result as JSON')
    .option('--quiet', 'print nothing on success (with --out)')
    .action((flags: Record<string, unknown>) => runSample(io, flags));
}

function runSample(io: CliIO, flags: Record<string, unknown>): void {
  const settings = lowrankSettings(io, flags, KEYS);
  const path = String(settings.solution);
  const file = readResultFile(io, path, '--solution', 'lowrank-solution');
  const config = file.config as LowRankSolveConfig | undefined;
  if (config === undefined || typeof config !== 'object' || typeof config.constraints !== 'string') {
    throw new InvalidInputError('--solution', `invalid \`--solution\`: ${path} has no solve config`);
  }
  const neurons = integerFlag(textSetting(settings, 'neurons'), '--neurons', { min: 1 }) ?? 20_000;
  const alpha = numberFlag(textSetting(settings, 'alpha'), '--alpha', { min: 0, exclusiveMin: true }) ?? 0.05;
  const seed = integerFlag(textSetting(settings, 'seed'), '--seed') ?? DEFAULT_SEED;
  const problem = problemOf(io, config);
  const solution = runSolve(problem, loadingPointsOf(io, config, problem.rank), config.mode);
  const network = sampleSolutionNetwork(solution, neurons, createRng(seed));
  const meanField = meanFieldSummary(networkField(network));
  const result = {
    ...envelope('lowrank-network', { solution: path, neurons, alpha }, seed),
    rank: network.rank,
    nonlinearity: network.nonlinearity,
    alpha,
    neurons,
    teacher: null,
    meanField,
    m: rows(network.m, network.rank),
    n: rows(network.n, network.rank),
  };
  if (settings.npy !== undefined) writeLoadingsNpy(io, String(settings.npy), network);
  emitResult(io, { out: textSetting(settings, 'out'), json: flags.json === true, quiet: flags.quiet === true }, result, () => formatMeanField(network.rank, meanField, textSetting(settings, 'out')));
}
