import { hostname } from 'node:os';
import type { Command } from 'commander';
import { encodeWorkerError, InvalidInputError } from '@maxent/core';
import { createFailureRecords, createFileStore, parseManifest, runSweepTask, taskPoints } from '@maxent/experiments/node';
import type { CliIO } from '../context.js';
import type { CommandModule } from '../commandModule.js';
import { integerFlag } from '../configOptions.js';
import { VERSIONS } from '../envelope.js';
import { readInputBytes, resolvePath } from '../io.js';
import { SweepIncompleteError } from '../sweep/sweepIncompleteError.js';

interface SweepTaskFlags {
  manifest: string;
  index: string;
}

/**
 * `maxent sweep-task --manifest M --index I`: what one SLURM array task runs
 * (the scripts of `maxent sweep --executor slurm` call it with
 * `$SLURM_ARRAY_TASK_ID`). Runs the task's chunk of points, writing each point
 * file atomically; a failed point leaves `<i>.failed.json` with its error and
 * the task exits 4 after the rest of its chunk. A manifest written by other
 * package versions is refused (exit 2) with a failure record for each of its
 * points, so the merge names the cause.
 */
export const sweepTaskCommand: CommandModule = {
  register(program: Command, io: CliIO): Command {
    return program
      .command('sweep-task')
      .description('run one array task of a sweep submitted to SLURM (called by the generated sbatch script)')
      .requiredOption('--manifest <file>', 'the submission manifest (<out>.slurm/manifest-<n>.json)')
      .requiredOption('--index <i>', 'array task index ($SLURM_ARRAY_TASK_ID)')
      .action((flags: SweepTaskFlags) => runSweepTaskCommand(io, flags));
  },
};

async function runSweepTaskCommand(io: CliIO, flags: SweepTaskFlags): Promise<void> {
  const path = resolvePath(io, flags.manifest);
  const manifest = parseManifest(new TextDecoder().decode(readInputBytes(io, flags.manifest, '--manifest')), path, '--manifest');
  const task = integerFlag(flags.index, '--index', { min: 0 }) ?? 0;
  const store = createFileStore(manifest.pointsFolder);
  const failures = createFailureRecords(manifest.pointsFolder);
  const job = process.env.SLURM_ARRAY_JOB_ID === undefined ? (process.env.SLURM_JOB_ID ?? null) : `${process.env.SLURM_ARRAY_JOB_ID}_${process.env.SLURM_ARRAY_TASK_ID ?? task}`;
  const host = hostname();
  const indices = taskPoints(manifest, task);
  if (JSON.stringify(manifest.versions) !== JSON.stringify(VERSIONS)) {
    const error = new InvalidInputError(
      '--manifest',
      `invalid \`--manifest\`: written by ${JSON.stringify(manifest.versions)}, but this maxent is ${JSON.stringify(VERSIONS)}; submit again with this version (rows could differ)`,
    );
    for (const index of indices) await failures.write({ kind: 'sweep-point-failure', sweep: manifest.sweepHash, index, job, host, error: encodeWorkerError(error) });
    throw error;
  }
  io.stdout(`sweep-task ${task} of ${manifest.tasks} (${path}): points ${indices.join(', ')} on ${host}\n`);
  const outcome = await runSweepTask(manifest, path, task, {
    store,
    failures,
    job,
    host,
    onPoint: (report) => {
      if (report.status === 'done') io.stdout(`point ${report.index} done in ${report.seconds.toFixed(2)} s\n`);
      else if (report.status === 'skipped') io.stdout(`point ${report.index} already has its point file\n`);
      else io.stderr(`point ${report.index} failed: ${report.message}\n`);
    },
  });
  if (outcome.failed.length > 0) {
    throw new SweepIncompleteError(`sweep-task ${task}: ${outcome.failed.length} of ${indices.length} points failed (${outcome.failed.join(', ')}); see ${failures.locate(outcome.failed[0])}`);
  }
}
