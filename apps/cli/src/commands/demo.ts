import { join } from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_SEED } from '@maxent/core';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag } from '../configOptions.js';
import { createProgram } from '../program.js';
import { analyzeCommand } from './analyze.js';
import { evaluateCommand } from './evaluate.js';
import { sampleCommand } from './sample.js';
import { solveCommand } from './solve.js';
import { trainCommand } from './train.js';

interface DemoFlags {
  dir: string;
  contexts: string;
  neurons: string;
  seed: string;
  quiet?: boolean;
}

const DEFAULTS = Object.freeze({ dir: 'maxent-demo', contexts: '3', neurons: '20000', seed: String(DEFAULT_SEED) });

/**
 * `maxent demo`: the main job end to end, by running the real subcommands in
 * sequence (so the demo shows exactly what a user would type): solve the select
 * task, sample a finite network from the solution, evaluate it, train a network
 * with gradient descent in the rich regime, and analyse both against the solution.
 * Every result file lands in one folder.
 */
export const demoCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return program
      .command('demo')
      .description('solve, sample, evaluate, train and analyse the select task end to end; files go to --dir')
      .option('--dir <folder>', 'folder for the result files', DEFAULTS.dir)
      .option('--contexts <K>', 'contexts of the select task (integer >= 1)', DEFAULTS.contexts)
      .option('--neurons <N>', 'neurons of the sampled network (integer >= 1)', DEFAULTS.neurons)
      .option('--seed <S>', 'seed of every random step (integer)', DEFAULTS.seed)
      .option('--quiet', 'print nothing on success')
      .action((flags: DemoFlags) => runDemo(io, flags));
  },
};

async function runDemo(io: CliIO, flags: DemoFlags): Promise<void> {
  // Validate up front, so a typo fails before any file is written.
  const contexts = integerFlag(flags.contexts, '--contexts', { min: 1 });
  const neurons = integerFlag(flags.neurons, '--neurons', { min: 1 });
  const seed = integerFlag(flags.seed, '--seed');
  const file = (name: string) => join(flags.dir, name);
  const quiet = flags.quiet === true ? ['--quiet'] : [];
  const steps: { title: string; argv: string[] }[] = [
    {
      title: `1. The maximum-entropy solution of the ${contexts}-context select task (relu, weight scale 1)`,
      argv: ['solve', '--contexts', `${contexts}`, '--out', file('solution.json')],
    },
    {
      title: `2. A finite network of ${neurons} neurons drawn exactly from it`,
      argv: ['sample', '--solution', file('solution.json'), '--neurons', `${neurons}`, '--method', 'exact', '--seed', `${seed}`, '--out', file('sampled-network.json')],
    },
    {
      title: '3. Does the sampled network solve the task? (real nonlinear network vs its gain-modulated linear model)',
      argv: ['evaluate', '--network', file('sampled-network.json'), '--seed', `${seed}`, '--out', file('sampled-evaluation.json')],
    },
    {
      title: '4. Its populations, compared with the solution',
      argv: ['analyze', '--network', file('sampled-network.json'), '--solution', file('solution.json'), '--out', file('sampled-analysis.json')],
    },
    {
      title: '5. The same task learned by gradient descent in the rich regime (small initial weights)',
      argv: ['train', '--contexts', `${contexts}`, '--init-scale', '0.05', '--seed', `${seed}`, '--out', file('trained-network.json')],
    },
    {
      title: '6. The trained network\'s populations, compared with the max-ent solution',
      argv: ['analyze', '--network', file('trained-network.json'), '--solution', file('solution.json'), '--out', file('trained-analysis.json')],
    },
  ];
  for (const step of steps) {
    const argv = [...step.argv, ...quiet];
    if (quiet.length === 0) io.stdout(`\n== ${step.title}\n$ maxent ${argv.join(' ')}\n\n`);
    // A fresh program per step: commander keeps parsed option values on its commands.
    await createProgram(io, [solveCommand, sampleCommand, evaluateCommand, trainCommand, analyzeCommand]).parseAsync(argv, { from: 'user' });
  }
  if (quiet.length === 0) io.stdout(`\nAll result files are in ${flags.dir}/ (JSON result files; the README lists their keys).\n`);
}
