import { Command } from 'commander';
import type { CliIO } from './context.js';
import type { CommandModule } from './commandModule.js';

/**
 * A `maxent` program with `modules` as subcommands, writing to `io` and throwing
 * instead of exiting (so runCli can map errors to exit codes). A fresh one per
 * parse: commander keeps parsed option values on its commands. `--debug` is a
 * global option, accepted before or after any subcommand (runCli reads it).
 */
export function createProgram(io: CliIO, modules: readonly CommandModule[]): Command {
  const program = new Command('maxent')
    .option('--debug', 'print stack traces on errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  for (const module of modules) {
    const sub = module.register(program, io);
    sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    sub.showHelpAfterError('(run with --help for usage)');
    sub.configureHelp({ showGlobalOptions: true });
  }
  return program;
}
