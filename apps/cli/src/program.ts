import { Command } from 'commander';
import { commandIO, rootIO, type CliIO } from './context.js';
import type { CommandModule } from './commandModule.js';
import { commitOutputBatch, openOutputBatch } from './outputBatch.js';
import { checkOutputFlags } from './outputFlags.js';

/**
 * A `maxent` program with `modules` as subcommands, writing to `io` and throwing
 * instead of exiting (so runCli can map errors to exit codes). A fresh one per
 * parse: commander keeps parsed option values on its commands. `--debug` and
 * `--follow-symlinks` are global options, accepted before or after any
 * subcommand (runCli reads --debug). Before each action the output flags are
 * checked and the run's output batch is opened; after it the batch commits
 * (runCli discards it when the action fails).
 */
export function createProgram(io: CliIO, modules: readonly CommandModule[]): Command {
  let stdoutTaken = false;
  const routed = commandIO(io, () => stdoutTaken);
  const program = new Command('maxent')
    .option('--debug', 'print stack traces on errors')
    .option('--follow-symlinks', 'let output flags name symbolic links (their targets are written); refused by default')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  program.hook('preAction', (root, action) => {
    const follow = root.opts().followSymlinks === true;
    stdoutTaken = checkOutputFlags(io, action, follow);
    openOutputBatch(rootIO(io), follow);
  });
  program.hook('postAction', () => commitOutputBatch(rootIO(io)));
  for (const module of modules) {
    const sub = module.register(program, routed);
    sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    sub.showHelpAfterError('(run with --help for usage)');
    sub.configureHelp({ showGlobalOptions: true });
  }
  return program;
}
