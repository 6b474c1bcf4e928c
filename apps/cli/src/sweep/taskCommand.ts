import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InvalidInputError } from '@maxent/core';
import type { TaskCommand } from '@maxent/experiments/node';

/**
 * The command cluster jobs run: this Node (process.execPath) and this CLI's built
 * main.js, both absolute and resolved at submit time, so every task runs the same
 * code as the submission, whatever PATH a compute node has. From the sources
 * (tests) it is apps/cli/dist/main.js, which `pnpm build` makes.
 */
export function taskCommand(): TaskCommand {
  const here = fileURLToPath(import.meta.url);
  const main = here.endsWith('.ts') ? resolve(dirname(here), '../../dist/main.js') : resolve(dirname(here), '../main.js');
  if (!existsSync(main)) {
    throw new InvalidInputError('--executor', `invalid \`--executor\`: slurm jobs run the built CLI ${main}, which is missing; run \`pnpm build\` first`);
  }
  return { node: process.execPath, main };
}
