import { Command } from 'commander';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { registerTeacher } from './lowrank/teacher.js';
import { registerConstraints } from './lowrank/constraints.js';
import { registerSolve } from './lowrank/solve.js';
import { registerSample } from './lowrank/sample.js';
import { registerAnalyze, registerSimulate } from './lowrank/analyze.js';

/**
 * `maxent lowrank teacher | constraints | solve | sample | simulate | analyze`
 * (interfaces.md, model.md §14): max-ent connectivity of low-rank RNNs from their dynamics.
 */
export const lowrankCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    const parent = program.command('lowrank').description('Low-rank recurrent networks: max-ent connectivity from dynamics (model.md §14)');
    for (const register of [registerTeacher, registerConstraints, registerSolve, registerSample, registerSimulate, registerAnalyze]) {
      register(parent, io).exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
    }
    return parent;
  },
};
