import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { evaluateCommand } from './evaluate.js';
import { analyzeCommand } from './analyze.js';

/** One subcommand of `maxent`: adds itself to the program and returns its Command. */
export interface CommandModule {
  register(program: Command, io: CliIO): Command;
}

// Each command lives in its own file; add one line here per command.
export const commands: readonly CommandModule[] = [
  evaluateCommand,
  analyzeCommand,
];
