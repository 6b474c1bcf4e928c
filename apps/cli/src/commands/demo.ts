import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SEED } from '@maxent/core';
import type { SweepSpec } from '@maxent/experiments';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag } from '../configOptions.js';
import { demoFolder } from '../demo/outputFolder.js';
import { summaryCsv, summaryRow, summaryText } from '../demo/summary.js';
import { readJsonFile, resolvePath, writeFileAtomic } from '../io.js';
import { trackTemporaryFolder } from '../outputBatch.js';
import { declareOutputs } from '../outputFlags.js';
import { createProgram } from '../program.js';
import { csvPathOf, executeSweep } from '../sweep/executeSweep.js';
import { analyzeCommand } from './analyze.js';
import { evaluateCommand } from './evaluate.js';
import { sampleCommand } from './sample.js';
import { solveCommand } from './solve.js';
import { sweepSpecFromFlags } from './sweep.js';
import { trainCommand } from './train.js';

interface DemoFlags {
  out?: string;
  dir?: string;
  quick?: boolean;
  contexts: string;
  neurons?: string;
  seed: string;
  quiet?: boolean;
}

const DEFAULTS = Object.freeze({ out: 'maxent-demo', contexts: '3', neurons: '20000', quickNeurons: '5000', seed: String(DEFAULT_SEED) });

/** Initial weight scales of the two trained networks: small (rich regime) and large (lazy regime), model.md §10. */
const RICH_INIT = '0.05';
const LAZY_INIT = '2';

/**
 * `--quick`: the transitions sweep on fewer points (K = 1..5, five sigmas) with
 * shorter, smaller training runs, so the whole demo takes well under a minute.
 */
const QUICK_SWEEP = Object.freeze({
  contexts: [1, 2, 3, 4, 5],
  weightScales: [0.25, 0.5, 1, 2, 4],
  training: { steps: '300', neurons: '500' },
});

/**
 * `maxent demo`: the study end to end, by running the real subcommands in
 * sequence (so the demo shows exactly what a user would type): solve the select
 * task, sample a finite network from the solution and evaluate it, train
 * networks in the rich and the lazy regime, evaluate and analyse all three
 * against the solution, run the transitions sweep, and write the report. Every
 * file lands in one folder, which is never one that already holds files.
 */
export const demoCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    const command = program
      .command('demo')
      .description('the study end to end: solve, sample, train (rich and lazy), evaluate, analyse, sweep; ends in report.html')
      .option('--out <folder>', `folder for every file (default ${DEFAULTS.out}; a non-empty folder gets a new timestamped name)`)
      .option('--dir <folder>', 'same as --out (older name)')
      .option('--quick', 'a reduced transitions sweep (K = 1..5, five sigmas, short training): under a minute')
      .option('--contexts <K>', 'contexts of the select task (integer >= 1)', DEFAULTS.contexts)
      .option('--neurons <N>', `neurons of the sampled network (integer >= 1; default ${DEFAULTS.neurons}, ${DEFAULTS.quickNeurons} with --quick)`)
      .option('--seed <S>', 'seed of every random step (integer)', DEFAULTS.seed)
      .option('--quiet', 'print nothing on success but the path of the report')
      .action((flags: DemoFlags) => runDemo(io, flags));
    // Its --out names the folder of every file.
    return declareOutputs(command, { '--out': 'folder' });
  },
};

async function runDemo(io: CliIO, flags: DemoFlags): Promise<void> {
  // Validate up front, so a typo fails before any file is written.
  const quick = flags.quick === true;
  const contexts = integerFlag(flags.contexts, '--contexts', { min: 1 });
  const neurons = integerFlag(flags.neurons ?? (quick ? DEFAULTS.quickNeurons : DEFAULTS.neurons), '--neurons', { min: 1 });
  const seed = integerFlag(flags.seed, '--seed');
  const requested = flags.out ?? flags.dir ?? DEFAULTS.out;
  const { folder, renamed } = demoFolder(io, requested);
  // The folder is new or empty (demoFolder): an interrupted demo (Ctrl-C) removes what it wrote there.
  const release = trackTemporaryFolder(resolvePath(io, folder), existsSync(resolvePath(io, folder)));
  try {
    await runDemoSteps(io, flags, { quick, contexts, neurons, seed, requested, folder, renamed });
  } finally {
    release();
  }
}

async function runDemoSteps(
  io: CliIO,
  flags: DemoFlags,
  settings: { quick: boolean; contexts: number | undefined; neurons: number | undefined; seed: number | undefined; requested: string; folder: string; renamed: boolean },
): Promise<void> {
  const { quick, contexts, neurons, seed, requested, folder, renamed } = settings;
  const quiet = flags.quiet === true;
  const say = (text: string) => {
    if (!quiet) io.stdout(text);
  };
  if (renamed) say(`${requested}/ already holds files, so this demo writes to ${folder}/ instead.\n`);
  const file = (name: string) => join(folder, name);
  const quietFlag = quiet ? ['--quiet'] : [];

  const train = (regime: string, initScale: string) => [
    {
      title: `Gradient descent in the ${regime} regime (initial weight scale ${initScale})`,
      argv: ['train', '--contexts', `${contexts}`, '--init-scale', initScale, '--seed', `${seed}`, '--out', file(`${regime}-network.json`)],
    },
    {
      title: `Does the ${regime} network solve the task?`,
      argv: ['evaluate', '--network', file(`${regime}-network.json`), '--seed', `${seed}`, '--out', file(`${regime}-evaluation.json`)],
    },
    {
      title: `The ${regime} network's populations, compared with the max-ent solution`,
      argv: ['analyze', '--network', file(`${regime}-network.json`), '--solution', file('solution.json'), '--out', file(`${regime}-analysis.json`)],
    },
  ];
  const steps: { title: string; argv: string[] }[] = [
    {
      title: `The maximum-entropy solution of the ${contexts}-context select task (relu, weight scale 1)`,
      argv: ['solve', '--contexts', `${contexts}`, '--out', file('solution.json')],
    },
    {
      title: `A finite network of ${neurons} neurons drawn exactly from it`,
      argv: ['sample', '--solution', file('solution.json'), '--neurons', `${neurons}`, '--method', 'exact', '--seed', `${seed}`, '--out', file('sampled-network.json')],
    },
    {
      title: 'Does the sampled network solve the task? (real nonlinear network vs its gain-modulated linear model)',
      argv: ['evaluate', '--network', file('sampled-network.json'), '--seed', `${seed}`, '--out', file('sampled-evaluation.json')],
    },
    {
      title: 'Its populations, compared with the solution',
      argv: ['analyze', '--network', file('sampled-network.json'), '--solution', file('solution.json'), '--out', file('sampled-analysis.json')],
    },
    ...train('rich', RICH_INIT),
    ...train('lazy', LAZY_INIT),
  ];
  const total = steps.length + 2;
  for (const [index, step] of steps.entries()) {
    const argv = [...step.argv, ...quietFlag];
    say(`\n== ${index + 1}/${total}. ${step.title}\n$ maxent ${argv.join(' ')}\n\n`);
    // A fresh program per step: commander keeps parsed option values on its commands.
    await createProgram(io, [solveCommand, sampleCommand, evaluateCommand, trainCommand, analyzeCommand]).parseAsync(argv, { from: 'user' });
  }

  const sweepFile = file('sweep.json');
  say(`\n== ${total - 1}/${total}. The two transitions of model.md §6 across K and sigma, max-ent and trained${quick ? ' (reduced for --quick)' : ''}\n` +
    `$ maxent sweep --preset transitions${quick ? ' (fewer points, shorter training)' : ''} --out ${sweepFile}\n\n`);
  const workers = Math.max(1, availableParallelism() - 1);
  const sweep = await executeSweep(io, demoSweepSpec(io, quick, seed ?? DEFAULT_SEED), { out: sweepFile, workers, resume: false, quiet });
  say(`${sweep.rows.length} points in ${(sweep.timing.maxentSeconds + sweep.timing.trainingSeconds).toFixed(1)} s of work; rows in ${csvPathOf(sweepFile)}\n`);

  const read = (name: string) => readJsonFile(io, file(name), name);
  const rows = [
    summaryRow('solution', { analysis: read('solution.json') }),
    ...['sampled', 'rich', 'lazy'].map((name) => summaryRow(`${name} network`, { evaluation: read(`${name}-evaluation.json`), analysis: read(`${name}-analysis.json`) })),
  ];
  writeFileAtomic(io, file('summary.csv'), summaryCsv(rows));

  const report = file('report.html');
  say(`\n== ${total}/${total}. The report\n$ maxent report ${folder} --out ${report} --svg ${file('figures')}\n\n`);
  const order = ['solution', 'sampled-network', 'sampled-evaluation', 'sampled-analysis', 'rich-network', 'rich-evaluation', 'rich-analysis', 'lazy-network', 'lazy-evaluation', 'lazy-analysis', 'sweep'];
  const { writeReport } = await import('../report/writeReport.js');
  const written = writeReport(io, order.map((name) => ({ name: `${name}.json`, data: read(`${name}.json`) })), {
    out: report,
    svgFolder: file('figures'),
    title: `maxent demo: the ${contexts}-context select task`,
    subtitle: `maxent demo${quick ? ' --quick' : ''} --contexts ${contexts} --neurons ${neurons} --seed ${seed}`,
  });
  say(`${summaryText(rows)}\n(summary.csv; ${written.figures.length} figures in ${file('figures')}/)\n\nOpen the report: ${report}\n`);
  if (quiet) io.stdout(`${report}\n`);
}

/** The transitions preset, or with --quick a reduced copy of it (same grids, fewer values, shorter training). */
function demoSweepSpec(io: CliIO, quick: boolean, seed: number): SweepSpec {
  const spec = sweepSpecFromFlags(io, {
    preset: 'transitions',
    out: 'sweep.json',
    weightScaleSearch: true,
    seed: String(seed),
    ...(quick ? QUICK_SWEEP.training : {}),
  });
  if (!quick) return spec;
  const reduced = { contexts: QUICK_SWEEP.contexts, weightScale: QUICK_SWEEP.weightScales };
  return {
    ...spec,
    preset: null,
    grids: spec.grids.map((grid) => ({
      ...grid,
      axes: grid.axes.map((axis) => {
        // Keep the grid's single values (sigma = 0.5 of "contexts", K = 3 of "weightScale"); thin its swept axis.
        if (axis.values.length === 1) return axis;
        return { ...axis, values: reduced[axis.field as keyof typeof reduced] ?? axis.values };
      }),
    })),
  };
}
