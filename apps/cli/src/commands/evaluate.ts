import { Command } from 'commander';
import { evaluateNetwork, EVALUATE_DEFAULTS, type Evaluation, type Fit } from '@maxent/trainer';
import { createRng, DEFAULT_SEED } from '@maxent/core';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag, numberFlag } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { emitResult } from '../io.js';
import { readNetworkInput } from '../networkInput.js';
import { assertMemory, assertWork } from '../resourceBudget.js';
import { tableLines } from '../table.js';

interface EvaluateFlags {
  network: string;
  trials?: string;
  seed?: string;
  stimulusStd?: string;
  out?: string;
  json?: boolean;
  quiet?: boolean;
}

/**
 * `maxent evaluate` (interfaces.md): simulates a network file's real nonlinear
 * network and its gain-modulated linearisation on fresh stimuli (model.md §9)
 * and prints per-context and overall R^2 and MSE; `--out` writes the
 * `evaluation` result file.
 */
export const evaluateCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return program
      .command('evaluate')
      .description('R^2 and MSE of a network on fresh stimuli, per context and overall, real and linearised (model.md §9)')
      .requiredOption('--network <file>', 'network file (kind "network", from maxent sample or maxent train)')
      .option('--trials <T>', `stimuli drawn per context (integer >= 2, default ${EVALUATE_DEFAULTS.trials})`)
      .option('--seed <S>', `seed of the stimuli (integer, default ${DEFAULT_SEED})`)
      .option(
        '--stimulus-std <s>',
        `stimulus standard deviation (default: the network file's config.stimulusStd, else ${EVALUATE_DEFAULTS.stimulusStd})`,
      )
      .option('--out <file>', 'write the evaluation result file (JSON) here')
      .option('--json', 'print the evaluation as JSON instead of a table')
      .option('--quiet', 'print nothing on success (with --out)')
      .action((flags: EvaluateFlags) => runEvaluate(io, flags));
  },
};

function runEvaluate(io: CliIO, flags: EvaluateFlags): void {
  const trials = integerFlag(flags.trials, '--trials', { min: 2 }) ?? EVALUATE_DEFAULTS.trials;
  const seed = integerFlag(flags.seed, '--seed') ?? DEFAULT_SEED;
  const { file, network } = readNetworkInput(io, flags.network, '--network');
  // Each trial runs the real and the linearised network: K contexts x N neurons x (P + K) multiply-adds, twice.
  const { rows: K, cols: P } = network.task;
  assertWork(trials * K * network.neurons * (P + K) * 4, '--trials', `${trials} trials per context on ${network.neurons} neurons`);
  assertMemory(Math.min(trials, 4096) * K * network.neurons * 8 * 4, '--trials', `batches of ${trials} trials on ${network.neurons} neurons`);
  const stimulusStd =
    numberFlag(flags.stimulusStd, '--stimulus-std', { min: 0, exclusiveMin: true }) ?? stimulusStdOf(file) ?? EVALUATE_DEFAULTS.stimulusStd;
  const evaluation = evaluateNetwork(network, { trials, stimulusStd, rng: createRng(seed) });
  const config = { network: flags.network, trials, stimulusStd };
  const result = {
    ...envelope('evaluation', config, seed),
    neurons: network.neurons,
    nonlinearity: network.nonlinearity,
    r2: evaluation.r2,
    mse: evaluation.mse,
    perContext: evaluation.perContext,
    linearized: evaluation.linearized,
  };
  emitResult(io, flags, result, () => formatTable(flags.network, network.neurons, evaluation, seed));
}

/** The stimulus spread the network was made for, when its file records one (model.md §13 config). */
function stimulusStdOf(file: Record<string, unknown>): number | undefined {
  const config = file.config;
  if (typeof config !== 'object' || config === null) return undefined;
  const value = (config as Record<string, unknown>).stimulusStd;
  return typeof value === 'number' && value > 0 && Number.isFinite(value) ? value : undefined;
}

function formatTable(path: string, neurons: number, evaluation: Evaluation, seed: number): string {
  const r2 = (fit: Fit) => (Number.isNaN(fit.r2) ? 'n/a' : fit.r2.toFixed(5));
  const mse = (fit: Fit) => fit.mse.toExponential(3);
  const header = ['context', 'R^2', 'MSE', 'R^2 linearised', 'MSE linearised'];
  const rows = evaluation.perContext.map((fit, k) => {
    const linear = evaluation.linearized.perContext[k];
    return [String(fit.context), r2(fit), mse(fit), r2(linear), mse(linear)];
  });
  rows.push(['all', r2(evaluation), mse(evaluation), r2(evaluation.linearized), mse(evaluation.linearized)]);
  return [
    `${path}: N = ${neurons}, ${evaluation.trials} trials per context, stimulusStd ${evaluation.stimulusStd}, seed ${seed}`,
    ...tableLines(header, rows),
    '',
  ].join('\n');
}
