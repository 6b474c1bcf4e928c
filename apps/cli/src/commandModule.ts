import type { Command } from 'commander';
import type { CliIO } from './context.js';

/**
 * One subcommand of `maxent`: adds itself to the program and returns its Command.
 * Its own module, so commands that run other commands (`maxent demo`) import
 * neither the command list nor each other's registration through it.
 */
export interface CommandModule {
  register(program: Command, io: CliIO): Command;
}
