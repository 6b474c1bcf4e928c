import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { DEFAULT_SEED, InvalidInputError } from '@maxent/core';
import {
  assertSweepSize,
  parseAxisValues,
  PRESET_NAMES,
  PRESET_REPLICATES,
  PRESET_TRAINING,
  PRESETS,
  QUICK_PRESETS,
  SWEEP_FIELDS,
  TRAINING_SETTINGS,
  type InitScale,
  type SweepAxis,
  type SweepField,
  type SweepRow,
  type SweepSpec,
  type TrainingSetting,
} from '@maxent/experiments';
import { TRAINING_DEFAULTS } from '@maxent/trainer';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag, resolveConfig, trainingFromFlags } from '../configOptions.js';
import { csvPathOf, executeSweep } from '../sweep/executeSweep.js';
import { mergeSweepFiles, statusReport, submitSweepToSlurm, sweepOnDisk } from '../sweep/slurmSweep.js';
import { tableLines } from '../table.js';

type AxisFlags = Partial<Record<SweepField, string>>;

interface SweepFlags extends AxisFlags {
  config?: string;
  preset?: string;
  train?: boolean;
  maxentOnly?: boolean;
  initScales?: string;
  neurons?: string;
  steps?: string;
  lr?: string;
  batch?: string;
  optimizer?: string;
  weightDecay?: string;
  weightDecays?: string;
  seeds?: string;
  quick?: boolean;
  weightScaleSearch: boolean;
  seed?: string;
  out: string;
  workers?: string;
  resume?: boolean;
  quiet?: boolean;
  executor?: string;
  chunk?: string;
  maxArray?: string;
  sbatch?: string;
  sbatchFile?: string;
  dryRun?: boolean;
  status?: boolean;
  merge?: boolean;
}

/** Where the points run (interfaces.md `maxent sweep`): this thread, worker threads, or SLURM job arrays. */
const EXECUTORS = ['thread', 'workers', 'slurm'] as const;
type ExecutorName = (typeof EXECUTORS)[number];
/** Flags that only mean something with `--executor slurm`. */
const SLURM_FLAGS = { chunk: '--chunk', maxArray: '--max-array', sbatch: '--sbatch', sbatchFile: '--sbatch-file', dryRun: '--dry-run' } as const;

const DEFAULT_INIT_SCALES = '0.05,2';
/** Rows printed on stdout; the files hold all. */
const TABLE_ROWS = 40;

/**
 * `maxent sweep` (kind `sweep`): solves (and with --train, trains and analyses)
 * every point of a grid of config values, on worker threads, resumable. The
 * work is @maxent/experiments'; this file turns flags into a sweep spec and
 * prints the table.
 */
export const sweepCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    const command = program
      .command('sweep')
      .description('solve (and train, analyse) over lists or ranges of config values; one JSON file plus a CSV, resumable')
      .requiredOption('--out <file>', 'result file (JSON, kind "sweep"); the CSV is written beside it')
      .option('--config <file>', 'base config file (JSON, interfaces.md); swept flags override it')
      .option('--preset <name>', `built-in sweep: ${PRESET_NAMES.join(', ')}`);
    for (const [field, { flag, kind }] of Object.entries(SWEEP_FIELDS)) {
      const names: Record<string, string> = { task: 'select,select-of', nonlinearity: 'relu,tanh', estimator: 'exact,quadrature,montecarlo' };
      const text =
        kind === 'name'
          ? `one value or a list (${names[field]})`
          : `one value, a list or a range (${kind === 'integer' ? '1..10 or 1,2,5' : '0.25,0.5,1 or 0.25..4*2 or 0.1..1:0.1'})`;
      command.option(`${flag} <values>`, `${field}: ${text}`);
    }
    return command
      .option('--train', 'also train networks at every point (at each --init-scales) and analyse them')
      .option('--maxent-only', 'with --preset: skip the training part')
      .option('--init-scales <values>', `init scales of the trained networks, or "match" for initScale = weightScale (default ${DEFAULT_INIT_SCALES}; presets set their own)`)
      .option('--neurons <N>', `trained networks: neurons (default ${TRAINING_DEFAULTS.neurons})`)
      .option('--steps <n>', `trained networks: optimiser steps (default ${TRAINING_DEFAULTS.steps})`)
      .option('--lr <rate>', `trained networks: learning rate (default ${TRAINING_DEFAULTS.learningRate})`)
      .option('--batch <B>', `trained networks: trials per minibatch (default ${TRAINING_DEFAULTS.batch})`)
      .option('--optimizer <name>', `trained networks: sgd | adam (default ${TRAINING_DEFAULTS.optimizer})`)
      .option('--weight-decay <d>', `trained networks: L2 penalty on u and w (default ${TRAINING_DEFAULTS.weightDecay})`)
      .option('--weight-decays <values>', 'trained networks: a list or range of L2 weight decays, crossed with --init-scales (instead of --weight-decay)')
      .option('--seeds <S>', 'trained networks: S replicates per setting, each with its own seed; adds a row of means and standard errors per setting (default 1; gd-match 3)')
      .option('--quick', `with --preset: its reduced grid, for a first look (${Object.keys(QUICK_PRESETS).join(', ')})`)
      .option('--no-weight-scale-search', 'trained networks: skip the search for the best-matching weight scale')
      .option('--seed <S>', `master seed; point i uses deriveSeed(seed, i) (integer, default ${DEFAULT_SEED})`)
      .option('--workers <n>', 'worker threads (0 = run in this thread; default: available cores - 1, at least 1)')
      .option('--resume', 'continue an interrupted sweep: run only the points without a point file (<out>.points/)')
      .option('--executor <name>', `where the points run: ${EXECUTORS.join(' | ')} (default: workers, or thread with --workers 0)`)
      .option('--chunk <C>', 'slurm: points per array task (default 1; more for grids above the site\'s MaxArraySize)')
      .option('--max-array <M>', 'slurm: at most M array tasks at once (--array=0-(n-1)%M)')
      .option('--sbatch <options>', 'slurm: extra sbatch options, e.g. "--partition=x --time=1:00:00" (one #SBATCH line each)')
      .option('--sbatch-file <file>', 'slurm: site lines copied into the job scripts (#SBATCH lines, then commands such as module load)')
      .option('--dry-run', 'slurm: write the manifest and job scripts under <out>.slurm/, submit nothing')
      .option('--status', 'report which points are done, running, pending, failed or missing (squeue/sacct for a SLURM sweep) and exit')
      .option('--merge', 'merge the point files into --out; with points missing or failed, list them, write nothing, exit 4')
      .option('--quiet', 'no progress bar and no table')
      .action((flags: SweepFlags) => runSweepCommand(io, flags));
  },
};

async function runSweepCommand(io: CliIO, flags: SweepFlags): Promise<void> {
  const executor = executorOf(flags);
  if (flags.status === true && flags.merge === true) throw new InvalidInputError('--status', 'invalid `--status`: give --status or --merge, not both');
  if (flags.status === true || flags.merge === true || executor === 'slurm') {
    const disk = await sweepOnDisk(io, flags.out, flagsDefineSweep(flags), () => sweepSpecFromFlags(io, flags));
    if (flags.status === true) {
      io.stdout(await statusReport(io, flags.out, disk));
      return;
    }
    if (flags.merge === true) {
      const { rows } = await mergeSweepFiles(io, flags.out, disk);
      if (flags.quiet !== true) io.stdout(`wrote ${flags.out} and ${csvPathOf(flags.out)}: ${rows} points merged\n`);
      return;
    }
    await submitSweepToSlurm(io, disk, { out: flags.out, resume: flags.resume === true, flags });
    return;
  }
  const spec = sweepSpecFromFlags(io, flags);
  assertSweepSize(spec);
  const workers = executor === 'thread' ? 0 : (integerFlag(flags.workers, '--workers', { min: executor === 'workers' ? 1 : 0 }) ?? Math.max(1, availableParallelism() - 1));
  const result = await executeSweep(io, spec, { out: flags.out, workers, resume: flags.resume === true, quiet: flags.quiet === true });
  if (flags.quiet === true) return;
  const matched = matchTable(result.rows);
  io.stdout(matched ?? formatRows(result.rows));
  const { maxentSeconds, trainingSeconds } = result.timing;
  io.stdout(
    `wrote ${flags.out} and ${csvPathOf(flags.out)}: ${pointsLine(result.rows)}; max-ent part ${maxentSeconds.toFixed(1)} s` +
      (spec.training === null ? '' : `, training part ${trainingSeconds.toFixed(1)} s`) +
      ` (${workers === 0 ? 'in this thread' : `${workers} worker threads`})\n`,
  );
}

/** The executor of `--executor` (and `--workers 0`); SLURM-only flags without it are an error naming the flag. */
function executorOf(flags: SweepFlags): ExecutorName | null {
  const name = flags.executor;
  if (name !== undefined && !(EXECUTORS as readonly string[]).includes(name)) {
    throw new InvalidInputError('--executor', `invalid \`--executor\`: must be one of ${EXECUTORS.join(', ')}, got ${JSON.stringify(name)}`);
  }
  if (name !== 'slurm') {
    for (const [key, flag] of Object.entries(SLURM_FLAGS)) {
      if (flags[key as keyof typeof SLURM_FLAGS] !== undefined) throw new InvalidInputError(flag, `invalid \`${flag}\`: only applies with --executor slurm`);
    }
  }
  if (name === 'slurm' && flags.workers !== undefined) throw new InvalidInputError('--workers', 'invalid `--workers`: does not apply with --executor slurm (each array task runs its points in order)');
  if (name === 'thread' && flags.workers !== undefined && flags.workers !== '0') throw new InvalidInputError('--workers', 'invalid `--workers`: --executor thread runs in this thread; drop --workers');
  return (name as ExecutorName | undefined) ?? null;
}

/** Whether the flags say what to sweep (else --status, --merge and a SLURM --resume take the submitted sweep). */
function flagsDefineSweep(flags: SweepFlags): boolean {
  const defining = [flags.config, flags.preset, flags.train, flags.maxentOnly, flags.initScales, flags.seed, flags.neurons, flags.steps, flags.lr, flags.batch, flags.optimizer, flags.weightDecay, flags.weightDecays, flags.seeds, flags.quick];
  return defining.some((value) => value !== undefined) || Object.keys(SWEEP_FIELDS).some((field) => flags[field as SweepField] !== undefined) || !flags.weightScaleSearch;
}

/** "N points", and the mean rows of replicates when there are any. */
function pointsLine(rows: readonly SweepRow[]): string {
  const means = rows.filter((row) => row.mode === 'mean').length;
  return `${rows.length - means} points${means > 0 ? ` and ${means} rows of means over the seeds` : ''}`;
}

/** The sweep spec of the flags (and config file), validated; errors name the flag. */
export function sweepSpecFromFlags(io: CliIO, flags: SweepFlags): SweepSpec {
  const seed = integerFlag(flags.seed, '--seed') ?? DEFAULT_SEED;
  const base = resolveConfig(io, { config: flags.config });
  const axes: SweepAxis[] = [];
  for (const [field, { flag, kind }] of Object.entries(SWEEP_FIELDS) as [SweepField, (typeof SWEEP_FIELDS)[SweepField]][]) {
    const text = flags[field];
    if (text !== undefined) axes.push({ field, values: parseAxisValues(text, flag, kind) });
  }
  const trainingFlags: Partial<Record<TrainingSetting, string>> = {
    neurons: flags.neurons,
    steps: flags.steps,
    learningRate: flags.lr,
    batch: flags.batch,
    optimizer: flags.optimizer,
    weightDecay: flags.weightDecay,
  };
  const given = (Object.keys(trainingFlags) as TrainingSetting[]).filter((setting) => trainingFlags[setting] !== undefined);
  const initScales = flags.initScales === undefined ? undefined : parseInitScales(flags.initScales);
  if (flags.weightDecays !== undefined && flags.weightDecay !== undefined) {
    throw new InvalidInputError('--weight-decays', 'invalid `--weight-decays`: give either --weight-decay (one value) or --weight-decays (an axis), not both');
  }
  const weightDecays = flags.weightDecays === undefined ? undefined : parseWeightDecays(flags.weightDecays);
  const seeds = integerFlag(flags.seeds, '--seeds', { min: 1 });
  if (flags.quick === true && (flags.preset === undefined || QUICK_PRESETS[flags.preset] === undefined)) {
    throw new InvalidInputError('--quick', `invalid \`--quick\`: only applies with --preset ${Object.keys(QUICK_PRESETS).join(' | ')}`);
  }

  if (flags.preset !== undefined) {
    const quick = flags.quick === true ? QUICK_PRESETS[flags.preset] : undefined;
    const grids = quick?.grids ?? PRESETS[flags.preset];
    if (grids === undefined) throw new InvalidInputError('--preset', `invalid \`--preset\`: must be one of ${PRESET_NAMES.join(', ')}, got ${JSON.stringify(flags.preset)}`);
    if (axes.length > 0) {
      const drop = axes.map((axis) => SWEEP_FIELDS[axis.field].flag).join(', ');
      throw new InvalidInputError('--preset', `invalid \`--preset\`: the preset sets its own grids; drop ${drop} (use --config for the other settings)`);
    }
    const train = flags.maxentOnly !== true;
    const replicates = train ? (seeds ?? quick?.replicates ?? PRESET_REPLICATES[flags.preset] ?? 1) : 1;
    return {
      base,
      grids: grids.map((grid) => ({
        ...grid,
        axes: grid.axes.map((axis) => ({ ...axis, values: [...axis.values] })),
        initScales: train ? (initScales ?? [...grid.initScales]) : [],
        ...(weightDecays !== undefined ? { weightDecays } : grid.weightDecays === undefined ? {} : { weightDecays: [...grid.weightDecays] }),
      })),
      training: train ? trainingFromFlags({ ...(PRESET_TRAINING[flags.preset] ?? {}), ...(quick?.training ?? {}) }, trainingFlags) : null,
      matchWeightScale: flags.weightScaleSearch,
      seed,
      preset: flags.preset,
      ...(replicates > 1 ? { replicates } : {}),
    };
  }
  if (flags.maxentOnly === true) throw new InvalidInputError('--maxent-only', 'invalid `--maxent-only`: only applies with --preset (a plain sweep trains only with --train)');
  const train = flags.train === true;
  if (!train) {
    const unused: string[] = given.map((setting) => TRAINING_SETTINGS[setting].flag);
    if (flags.initScales !== undefined) unused.push('--init-scales');
    if (flags.weightDecays !== undefined) unused.push('--weight-decays');
    if (flags.seeds !== undefined) unused.push('--seeds');
    if (unused.length > 0) throw new InvalidInputError(unused[0], `invalid \`${unused[0]}\`: training settings need --train`);
  }
  return {
    base,
    grids: [{ name: 'sweep', axes, initScales: train ? (initScales ?? parseInitScales(DEFAULT_INIT_SCALES)) : [], ...(weightDecays === undefined ? {} : { weightDecays }) }],
    training: train ? trainingFromFlags({}, trainingFlags) : null,
    matchWeightScale: flags.weightScaleSearch,
    seed,
    preset: null,
    ...(seeds !== undefined && seeds > 1 ? { replicates: seeds } : {}),
  };
}

function parseInitScales(text: string): InitScale[] {
  return text.split(',').map((part) => {
    const trimmed = part.trim();
    if (trimmed === 'match') return 'match';
    const value = Number(trimmed);
    if (trimmed === '' || !(value > 0) || !Number.isFinite(value)) {
      throw new InvalidInputError('--init-scales', `invalid \`--init-scales\`: must be positive numbers or "match" (initScale = weightScale), comma-separated, got ${JSON.stringify(text)}`);
    }
    return value;
  });
}

/** Weight decays: finite numbers >= 0, as a list or a range (0,1e-4,1e-3 or 0..1e-3:2.5e-4). */
function parseWeightDecays(text: string): number[] {
  const values = parseAxisValues(text, '--weight-decays', 'number') as number[];
  const bad = values.find((value) => !(value >= 0));
  if (bad !== undefined) throw new InvalidInputError('--weight-decays', `invalid \`--weight-decays\`: must be numbers >= 0, got ${bad}`);
  return values;
}

/**
 * The study's table (model.md §15), when trained rows carry the joint match: per
 * regime (grid), K and training setting, trained R^2, the best-matching sigma, TV and
 * selectivity difference there, and the fraction of runs whose minimiser sits at
 * an end of the range; with replicates the means ± standard errors of the mean rows.
 */
function matchTable(rows: readonly SweepRow[]): string | null {
  const means = rows.filter((row) => row.mode === 'mean');
  const shown = means.length > 0 ? means : rows.filter((row) => row.mode === 'trained');
  if (!shown.some((row) => typeof row.matchWeightScale === 'number')) return null;
  const plain = (value: SweepRow[string] | undefined) => (typeof value === 'number' ? String(Number(value.toPrecision(3))) : value === undefined || value === null ? '' : String(value));
  const withError = (row: SweepRow, column: string, digits = 3) => {
    const value = row[column];
    if (typeof value !== 'number') return '';
    const error = row[`${column}Stderr`];
    return typeof error === 'number' ? `${value.toFixed(digits)} ± ${error.toFixed(digits)}` : value.toFixed(digits);
  };
  const end = (row: SweepRow) => {
    const value = row.matchAtRangeEnd;
    if (typeof value === 'boolean') return value ? String(row.matchRangeEnd) : 'no';
    return typeof value === 'number' ? `${Math.round(value * 100)}%` : '';
  };
  const header = ['regime', 'K', 'initScale', 'weightDecay', 'runs', 'R2', 'best sigma', 'TV', 'chi difference', 'at range end'];
  const cells = shown.map((row) => [
    plain(row.grid), plain(row.contexts), plain(row.initScale), plain(row.weightDecay), plain(row.replicates ?? 1),
    withError(row, 'r2', 4), withError(row, 'matchWeightScale'), withError(row, 'matchTvDistance'), withError(row, 'matchSelectivityDifference'), end(row),
  ]);
  const lines = [`joint match over sigma in 1/64..64 (model.md §15)${means.length > 0 ? ', mean ± standard error over the seeds' : ''}:`, ...tableLines(header, cells, { firstColumnLeft: true })];
  return `${lines.join('\n')}\n`;
}

function formatRows(rows: readonly SweepRow[]): string {
  const columns = ['index', 'grid', 'mode', 'contexts', 'weightScale', 'initScale', 'specialization', 'specializationPrior', 'selectivity', 'r2', 'tvDistance', 'bestWeightScale'];
  const present = columns.filter((column) => rows.some((row) => row[column] !== undefined && row[column] !== null));
  const cell = (value: SweepRow[string] | undefined) =>
    value === undefined || value === null ? '' : typeof value === 'number' ? String(Number(value.toPrecision(4))) : String(value);
  const shown = rows.slice(0, TABLE_ROWS).map((row) => present.map((column) => cell(row[column])));
  const lines = tableLines(present, shown, { firstColumnLeft: false });
  if (rows.length > TABLE_ROWS) lines.push(`(${rows.length - TABLE_ROWS} more rows in the files)`);
  return `${lines.join('\n')}\n`;
}
