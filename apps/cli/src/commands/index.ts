import type { Command } from 'commander';
import type { CliIO } from '../context.js';
import { evaluateCommand } from './evaluate.js';
import { trainCommand } from './train.js';
import { analyzeCommand } from './analyze.js';
import { sweepCommand } from './sweep.js';
import { solveCommand } from './solve.js';
import { sampleCommand } from './sample.js';
import { metricsCommand } from './metrics.js';
import { demoCommand } from './demo.js';

/** One subcommand of `maxent`: adds itself to the program and returns its Command. */
export interface CommandModule {
  register(program: Command, io: CliIO): Command;
}

// Each command lives in its own file; add one line here per command.
export const commands: readonly CommandModule[] = [
  solveCommand,
  sampleCommand,
  evaluateCommand,
  trainCommand,
  analyzeCommand,
  sweepCommand,
  metricsCommand,
  demoCommand,
];
