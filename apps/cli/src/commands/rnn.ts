import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { encodeNpy, InvalidInputError } from '@maxent/core';
import {
  COMMUNICABILITY_GRADIENTS,
  REGULARIZERS,
  RNN_DEFAULTS,
  resolveRnnSettings,
  type Regularizer,
  type RnnSettings,
} from '@maxent/trainer';
import {
  createInThreadExecutor,
  epochColumns,
  mergeRnnSweep,
  RNN_PRESET_NAMES,
  RNN_PRESETS,
  rnnTrainingToFile,
  runRnnSweep,
  trainTrackedRnn,
  type RnnSweepGroup,
  type RnnSweepRow,
  type RnnSweepSpec,
} from '@maxent/experiments';
import { createFileStore, createThreadExecutor, pointsFolderOf } from '@maxent/experiments/node';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag, numberFlag } from '../configOptions.js';
import { envelope } from '../envelope.js';
import { readJsonFile, resolvePath, writeFileAtomic, writeJsonAtomic } from '../io.js';
import { createProgress } from '../progress.js';
import { tableLines } from '../table.js';

interface TrainFlags {
  config?: string;
  regularizer?: string;
  gamma?: string;
  epochs?: string;
  seed?: string;
  communicabilityGradient?: string;
  out?: string;
  npy?: string;
  json?: boolean;
  quiet?: boolean;
}

interface SweepFlags {
  config?: string;
  preset?: string;
  quick?: boolean;
  gammas?: string;
  seeds?: string;
  epochs?: string;
  out: string;
  workers?: string;
  resume?: boolean;
  quiet?: boolean;
}

/**
 * `maxent rnn train` (kind `rnn-training`) and `maxent rnn sweep` (kind
 * `rnn-sweep`): the spatially embedded recurrent networks of model.md §12,
 * measured after every epoch (§11). The work is @maxent/trainer's and
 * @maxent/experiments'; this file turns flags into settings and writes files.
 */
export const rnnCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    const rnn = program.command('rnn').description('spatially embedded recurrent networks (model.md §12): train one, or sweep the study');
    rnn
      .command('train')
      .description('train a rate RNN under a penalty and measure W after every epoch; writes an rnn-training file')
      .option('--config <file>', 'RNN settings (JSON; keys of model.md §12: task, grid, epochs, batch, learningRate, ...); flags override it')
      .option('--regularizer <name>', `${REGULARIZERS.join(' | ')} (default ${RNN_DEFAULTS.regularizer})`)
      .option('--gamma <g>', `penalty strength, >= 0 (default ${RNN_DEFAULTS.gamma})`)
      .option('--epochs <E>', `epochs of ${RNN_DEFAULTS.trialsPerEpoch} trials (default ${RNN_DEFAULTS.epochs})`)
      .option('--seed <S>', `seed of initialisation and training trials (integer, default ${RNN_DEFAULTS.seed})`)
      .option('--communicability-gradient <mode>', `${COMMUNICABILITY_GRADIENTS.join(' | ')}: through expm, or C held fixed within a step (default frechet)`)
      .option('--out <file>', 'write the rnn-training result file (JSON) here')
      .option('--npy <dir>', 'also write w-epoch-EEE.npy per epoch, w_in.npy, w.npy, b.npy, w_out.npy, b_out.npy, positions.npy, distances.npy')
      .option('--json', 'print the result as JSON instead of the epoch table')
      .option('--quiet', 'no progress bar and no table (with --out)')
      .action((flags: TrainFlags) => runTrain(io, flags));
    rnn
      .command('sweep')
      .description('the study: regularizer x gamma x seed, on worker threads, resumable; writes an rnn-sweep file and a CSV')
      .requiredOption('--out <file>', 'result file (JSON, kind "rnn-sweep"); the CSV is written beside it')
      .option('--preset <name>', `built-in study: ${RNN_PRESET_NAMES.join(', ')}`)
      .option('--quick', 'with --preset: the small version (fewer gammas and seeds)')
      .option('--gammas <groups>', 'groups and their gammas, e.g. "l1=0.001,0.01;sernn=0.03,0.3" (each regulariser its own range)')
      .option('--seeds <list>', 'seeds, e.g. 1,2,3 (default 1)')
      .option('--epochs <E>', `epochs per run (default ${RNN_DEFAULTS.epochs})`)
      .option('--config <file>', 'settings every run shares (JSON, as for rnn train)')
      .option('--workers <n>', 'worker threads (0 = run in this thread; default: available cores - 1, at least 1)')
      .option('--resume', 'continue an interrupted sweep from its point files (<out>.points/)')
      .option('--quiet', 'no progress bar and no summary')
      .action((flags: SweepFlags) => runSweepCommand(io, flags));
    return rnn;
  },
};

/** The config file's settings with the flags laid over them, validated (errors name the key or flag). */
function settingsFromFlags(io: CliIO, flags: { config?: string; epochs?: string }, extra: Record<string, unknown>): RnnSettings {
  const base = flags.config === undefined ? {} : readJsonFile(io, flags.config, '--config');
  if (typeof base !== 'object' || base === null || Array.isArray(base)) throw new InvalidInputError('--config', 'invalid `--config`: must hold a JSON object of RNN settings');
  const epochs = integerFlag(flags.epochs, '--epochs', { min: 0 });
  const merged: Record<string, unknown> = { ...(base as Record<string, unknown>), ...(epochs === undefined ? {} : { epochs }) };
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) merged[key] = value;
  return resolveRnnSettings(merged);
}

function choice<T extends string>(text: string | undefined, flag: string, allowed: readonly T[]): T | undefined {
  if (text === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(text)) throw new InvalidInputError(flag, `invalid \`${flag}\`: must be one of ${allowed.join(', ')}, got ${JSON.stringify(text)}`);
  return text as T;
}

function runTrain(io: CliIO, flags: TrainFlags): void {
  const settings = settingsFromFlags(io, flags, {
    regularizer: choice(flags.regularizer, '--regularizer', REGULARIZERS),
    gamma: numberFlag(flags.gamma, '--gamma', { min: 0 }),
    seed: integerFlag(flags.seed, '--seed', { min: -Number.MAX_SAFE_INTEGER }),
    communicabilityGradient: choice(flags.communicabilityGradient, '--communicability-gradient', COMMUNICABILITY_GRADIENTS),
  });
  const resolved = resolveRnnSettings(settings);
  const quiet = flags.quiet === true || flags.json === true;
  const batches = Math.ceil(resolved.trialsPerEpoch / resolved.batch) * resolved.epochs;
  const progress = createProgress(io, 'rnn train', batches, quiet);
  let tracked;
  try {
    tracked = trainTrackedRnn(resolved, { onProgress: ({ done, epoch, loss }) => progress.update(done, `epoch ${epoch} loss ${loss.toFixed(4)}`) });
  } finally {
    progress.stop();
  }
  const result = { ...envelope('rnn-training', resolved, resolved.seed), ...rnnTrainingToFile(tracked) };
  if (flags.npy !== undefined) {
    const n = tracked.result.units;
    const write = (name: string, data: Float64Array, shape: number[]) => writeFileAtomic(io, join(flags.npy!, name), encodeNpy(data, shape));
    for (const epoch of tracked.epochs) write(`w-epoch-${String(epoch.epoch).padStart(3, '0')}.npy`, epoch.w, [n, n]);
    const p = tracked.result.parameters;
    write('w_in.npy', p.wIn, [p.wIn.length / n, n]);
    write('w.npy', p.w, [n, n]);
    write('b.npy', p.b, [n]);
    write('w_out.npy', p.wOut, [n, p.bOut.length]);
    write('b_out.npy', p.bOut, [p.bOut.length]);
    write('positions.npy', tracked.result.positions, [n, resolved.grid.length]);
    write('distances.npy', tracked.result.distances, [n, n]);
  }
  if (flags.out !== undefined) writeJsonAtomic(io, flags.out, result);
  if (flags.json === true) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (flags.quiet === true && flags.out !== undefined) return;
  const columns = ['epoch', 'loss', 'testAccuracy', 'problemAccuracy', 'shannonEntropy', 'modularity', 'leadingEigenvalue', 'spectralEntropy', 'totalWeight', 'distanceCorrelation'];
  const rows = tracked.epochs.map((epoch) => {
    const values = epochColumns(epoch);
    return columns.map((column) => formatCell(values[column]));
  });
  io.stdout(
    [
      `rnn train: ${resolved.regularizer} gamma ${resolved.gamma}, seed ${resolved.seed}, ${tracked.result.units} units; stopped by ${tracked.result.stoppedBy}`,
      ...tableLines(columns, rows),
      ...(flags.out === undefined ? [] : [`wrote ${flags.out}`]),
      '',
    ].join('\n'),
  );
}

function formatCell(value: number | null | undefined): string {
  if (value === null || value === undefined) return '-';
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

/** "l1=0.001,0.01;sernn=0.03,0.3" -> groups. */
function parseGroups(text: string): RnnSweepGroup[] {
  return text.split(';').filter((part) => part.trim() !== '').map((part) => {
    const [name, values] = part.split('=');
    const regularizer = choice(name?.trim(), '--gammas', REGULARIZERS);
    if (regularizer === undefined || values === undefined) throw new InvalidInputError('--gammas', `invalid \`--gammas\`: each group is regularizer=g1,g2,..., got ${JSON.stringify(part)}`);
    const gammas = values.split(',').map((value) => numberFlag(value.trim(), '--gammas', { min: 0 })!);
    return { regularizer: regularizer as Regularizer, gammas };
  });
}

function parseSeeds(text: string): number[] {
  return text.split(',').map((value) => integerFlag(value.trim(), '--seeds', { min: -Number.MAX_SAFE_INTEGER })!);
}

export function rnnSweepSpecFromFlags(io: CliIO, flags: SweepFlags): RnnSweepSpec {
  if (flags.preset !== undefined) {
    const preset = RNN_PRESETS[flags.preset];
    if (preset === undefined) throw new InvalidInputError('--preset', `invalid \`--preset\`: must be one of ${RNN_PRESET_NAMES.join(', ')}, got ${JSON.stringify(flags.preset)}`);
    const chosen = flags.quick === true ? preset.quick : preset.full;
    const settings = settingsFromFlags(io, { ...flags, epochs: flags.epochs ?? String(chosen.epochs) }, {});
    return {
      groups: flags.gammas === undefined ? chosen.groups : parseGroups(flags.gammas),
      seeds: flags.seeds === undefined ? chosen.seeds : parseSeeds(flags.seeds),
      settings,
      preset: flags.quick === true ? `${flags.preset} (quick)` : flags.preset,
    };
  }
  if (flags.quick === true) throw new InvalidInputError('--quick', 'invalid `--quick`: only applies with --preset');
  if (flags.gammas === undefined) throw new InvalidInputError('--gammas', 'invalid `--gammas`: give the groups (e.g. "l1=0.001,0.01;sernn=0.03,0.3") or a --preset');
  return { groups: parseGroups(flags.gammas), seeds: flags.seeds === undefined ? [1] : parseSeeds(flags.seeds), settings: settingsFromFlags(io, flags, {}), preset: null };
}

const CSV_COLUMNS = ['index', 'regularizer', 'gamma', 'seed', 'learnt', 'stoppedBy', 'testAccuracy', 'problemAccuracy', 'shannonEntropy', 'communicabilityEntropy', 'modularity', 'communities', 'leadingEigenvalue', 'logLeadingEigenvalue', 'spectralRadius', 'spectralEntropy', 'totalWeight', 'distanceCorrelation'];

function csvOf(rows: readonly RnnSweepRow[]): string {
  const cell = (value: unknown) => (value === null || value === undefined ? '' : String(value));
  const lines = rows.map((row) => {
    const flat: Record<string, unknown> = { ...row.final, index: row.index, regularizer: row.regularizer, gamma: row.gamma, seed: row.seed, learnt: row.learnt, stoppedBy: row.stoppedBy };
    return CSV_COLUMNS.map((column) => cell(flat[column])).join(',');
  });
  return `${[CSV_COLUMNS.join(','), ...lines].join('\n')}\n`;
}

async function runSweepCommand(io: CliIO, flags: SweepFlags): Promise<void> {
  const spec = rnnSweepSpecFromFlags(io, flags);
  const workers = integerFlag(flags.workers, '--workers', { min: 0 }) ?? Math.max(1, availableParallelism() - 1);
  const store = createFileStore(resolvePath(io, pointsFolderOf(flags.out)));
  const executor = workers === 0 ? createInThreadExecutor() : createThreadExecutor({ workers });
  let progress: ReturnType<typeof createProgress> | undefined;
  let run;
  try {
    run = await runRnnSweep(spec, {
      executor,
      store,
      resume: flags.resume === true,
      onProgress: ({ done, total, index, fromStore }) => {
        if (index === null) {
          progress = createProgress(io, 'rnn sweep', total, flags.quiet === true);
          progress.update(done, `${fromStore} from the point files`);
        } else progress?.update(done, `point ${index}`);
      },
    });
  } finally {
    progress?.stop();
  }
  const merged = await mergeRnnSweep(spec, store);
  const csv = flags.out.endsWith('.json') ? `${flags.out.slice(0, -5)}.csv` : `${flags.out}.csv`;
  const result = {
    ...envelope('rnn-sweep', { groups: spec.groups, seeds: spec.seeds, settings: spec.settings, preset: spec.preset }),
    sweepHash: merged.hash,
    points: merged.rows.length,
    csv,
    seconds: run.seconds,
    summary: merged.summary,
    rows: merged.rows,
  };
  writeFileAtomic(io, csv, csvOf(merged.rows));
  writeJsonAtomic(io, flags.out, result);
  await store.clear();
  if (flags.quiet === true) return;
  const cells = merged.summary.cells.map((cell) => [
    cell.regularizer,
    String(cell.gamma),
    `${cell.learnt}/${cell.runs}`,
    formatCell(cell.mean.totalWeight),
    formatCell(cell.mean.shannonEntropy),
    formatCell(cell.mean.modularity),
    formatCell(cell.mean.leadingEigenvalue),
    formatCell(cell.mean.spectralEntropy),
  ]);
  const m = merged.summary.matched;
  io.stdout(
    [
      ...tableLines(['regularizer', 'gamma', 'learnt', 'totalWeight', 'entropy', 'Q', 'leadingEig', 'spectralEntropy'], cells),
      `matched by total weight (within x${1.25}): ${m.pairs} pairs; seRNN higher Q ${formatCell(m.seRnnHigherModularity)}, lower entropy ${formatCell(m.seRnnLowerEntropy)}, smaller leading eigenvalue ${formatCell(m.seRnnSmallerLeadingEigenvalue)}, higher spectral entropy ${formatCell(m.seRnnHigherSpectralEntropy)}`,
      `wrote ${flags.out} and ${csv}: ${merged.rows.length} runs in ${run.seconds.toFixed(1)} s (${workers === 0 ? 'in this thread' : `${workers} worker threads`})`,
      '',
    ].join('\n'),
  );
}
