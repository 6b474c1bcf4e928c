import type { CommandModule } from '../commandModule.js';
import { evaluateCommand } from './evaluate.js';
import { trainCommand } from './train.js';
import { analyzeCommand } from './analyze.js';
import { sweepCommand } from './sweep.js';
import { sweepTaskCommand } from './sweepTask.js';
import { solveCommand } from './solve.js';
import { sampleCommand } from './sample.js';
import { metricsCommand } from './metrics.js';
import { demoCommand } from './demo.js';
import { reportCommand } from './report.js';
import { rnnCommand } from './rnn.js';
import { lowrankCommand } from './lowrank.js';

// Each command lives in its own file; add one line here per command.
export const commands: readonly CommandModule[] = [
  solveCommand,
  sampleCommand,
  evaluateCommand,
  trainCommand,
  analyzeCommand,
  sweepCommand,
  sweepTaskCommand,
  metricsCommand,
  reportCommand,
  rnnCommand,
  demoCommand,
  lowrankCommand,
];
