import { mkdir, rm } from 'node:fs/promises';
import { resolve } from 'node:path';
import { InvalidInputError } from '@maxent/core';
import { belongsTo } from '../../runSweep.js';
import { sweepHash } from '../../sweepHash.js';
import { sweepPoints, type SweepSpec } from '../../spec.js';
import { createFileStore, pointsFolderOf } from '../fileStore.js';
import { readManifests, readSubmittedJobs, slurmFolderOf, submissionFiles, writeSubmittedJobs, type SubmissionFiles } from './layout.js';
import { writeTextAtomic } from '../atomicWrite.js';
import { createManifest, type SchedulerSettings, type SweepManifest, type TaskCommand } from './manifest.js';
import { arrayScript, mergeScript } from './sbatchScripts.js';
import { ACTIVE_STATES, type SlurmClient } from './slurmClient.js';

export interface SlurmSubmitOptions {
  /** `--out` as given; relative paths are from `cwd`. */
  readonly out: string;
  /** Absolute folder the jobs run in. */
  readonly cwd: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly command: TaskCommand;
  readonly chunk: number;
  readonly scheduler: SchedulerSettings;
  /** Run only the points without a point file, as a new submission beside the earlier ones. */
  readonly resume: boolean;
  /** Write the manifest and scripts, submit nothing. */
  readonly dryRun: boolean;
  readonly client: SlurmClient;
}

export interface SlurmSubmission {
  readonly manifest: SweepManifest;
  readonly files: SubmissionFiles;
  /** null with dryRun, or when nothing was left to run. */
  readonly arrayJob: string | null;
  readonly mergeJob: string | null;
  /** Merge jobs of earlier submissions cancelled by this resume (they wait on a failed array forever on clusters without kill_invalid_depend). */
  readonly cancelled: string[];
}

/**
 * Hands a sweep to SLURM: writes the manifest, the array job script and the
 * aggregation job script under `<out>.slurm/`, then (unless dryRun) submits the
 * array with `sbatch --parsable` and the merge with `--dependency=afterok:<array>`.
 * With `resume`, only the points without a point file run; the sweep must be the
 * one submitted before, and none of its array tasks may still be queued (their
 * points would run twice). With nothing left to run, nothing is submitted
 * (`todo` is empty) and the caller merges.
 */
export async function submitSlurmSweep(spec: SweepSpec, options: SlurmSubmitOptions): Promise<SlurmSubmission> {
  const outPath = resolve(options.cwd, options.out);
  const slurmFolder = slurmFolderOf(outPath);
  const pointsFolder = pointsFolderOf(outPath);
  const store = createFileStore(pointsFolder);
  const points = sweepPoints(spec);
  const hash = sweepHash(points);
  const jobs = await readSubmittedJobs(slurmFolder);
  await refuseWhileQueued(jobs, options.client, slurmFolder);

  let submission = 0;
  let todo = points.map((point) => point.index);
  const cancelled: string[] = [];
  if (options.resume) {
    const manifests = await readManifests(slurmFolder);
    const latest = manifests[manifests.length - 1]?.manifest;
    if (latest !== undefined && latest.sweepHash !== hash) {
      throw new InvalidInputError('--resume', `invalid \`--resume\`: ${slurmFolder} holds sweep ${latest.sweepHash}, these flags give sweep ${hash}; rerun with the same flags, or delete it to start over`);
    }
    submission = latest === undefined ? 0 : latest.submission + 1;
    const done = new Set<number>();
    for (const index of await store.list()) {
      const record = await store.read(index);
      if (record === undefined) continue;
      if (!belongsTo(record, index, points.length, hash)) {
        throw new InvalidInputError('--resume', `invalid \`--resume\`: the point file ${store.locate(index)} belongs to a different sweep (other settings, values or seed); rerun with the same flags, or delete ${pointsFolder} to start over`);
      }
      done.add(index);
    }
    todo = todo.filter((index) => !done.has(index));
    const waiting = jobs.map((job) => job.mergeJob).filter((id): id is string => id !== null);
    if (!options.dryRun && waiting.length > 0) {
      const states = await options.client.jobStates(waiting);
      const stuck = waiting.filter((id) => states !== null && ACTIVE_STATES.has(states.get(id) ?? ''));
      await options.client.cancel(stuck);
      cancelled.push(...stuck);
    }
  } else {
    if ((await store.list()).length > 0) {
      throw new InvalidInputError('--resume', `invalid \`--resume\`: an unfinished sweep's point files exist in ${pointsFolder}; pass --resume to continue it, or delete them to start over`);
    }
    await rm(slurmFolder, { recursive: true, force: true });
  }

  const manifest = createManifest(spec, {
    submission,
    out: options.out,
    cwd: options.cwd,
    pointsFolder,
    versions: options.versions,
    chunk: options.chunk,
    todo,
    command: options.command,
    scheduler: options.scheduler,
  });
  const files = submissionFiles(slurmFolder, submission);
  if (todo.length === 0) return { manifest, files, arrayJob: null, mergeJob: null, cancelled };
  await checkArraySize(manifest, options.client, options.dryRun);

  const scriptOptions = { manifest, manifestPath: files.manifest, logsFolder: files.logs };
  const array = arrayScript(scriptOptions);
  const merge = mergeScript(scriptOptions);
  await mkdir(files.logs, { recursive: true });
  await writeTextAtomic(files.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
  await writeTextAtomic(files.arrayScript, array);
  await writeTextAtomic(files.mergeScript, merge);
  if (options.dryRun) return { manifest, files, arrayJob: null, mergeJob: null, cancelled };

  const arrayJob = await options.client.sbatch([files.arrayScript]);
  const record = { submission, arrayJob, mergeJob: null as string | null };
  await writeSubmittedJobs(slurmFolder, [...jobs, record]);
  record.mergeJob = await options.client.sbatch([`--dependency=afterok:${arrayJob}`, files.mergeScript]);
  await writeSubmittedJobs(slurmFolder, [...jobs, record]);
  return { manifest, files, arrayJob, mergeJob: record.mergeJob, cancelled };
}

/** Array tasks of earlier submissions still queued or running would run points twice (or race the resume). */
async function refuseWhileQueued(jobs: readonly { arrayJob: string | null }[], client: SlurmClient, slurmFolder: string): Promise<void> {
  const arrays = jobs.map((job) => job.arrayJob).filter((id): id is string => id !== null);
  if (arrays.length === 0) return;
  const states = await client.jobStates(arrays);
  if (states === null) return;
  const active = [...states].filter(([id, state]) => arrays.some((job) => id === job || id.startsWith(`${job}_`)) && ACTIVE_STATES.has(state)).map(([id]) => id);
  if (active.length > 0) {
    throw new InvalidInputError(
      '--resume',
      `invalid \`--resume\`: array tasks of this sweep are still queued or running (${active.slice(0, 5).join(', ')}${active.length > 5 ? ', ...' : ''}; see ${slurmFolder}/jobs.json); wait for them (maxent sweep --status) or scancel them first`,
    );
  }
}

/**
 * SLURM numbers array tasks 0..MaxArraySize-1: a submission needing more tasks
 * is refused by sbatch with a terse message, so say which --chunk fits.
 */
async function checkArraySize(manifest: SweepManifest, client: SlurmClient, dryRun: boolean): Promise<void> {
  const max = dryRun ? null : await client.maxArraySize();
  if (max === null || manifest.tasks <= max) return;
  throw new InvalidInputError(
    '--chunk',
    `invalid \`--chunk\`: ${manifest.todo.length} points at ${manifest.chunk} per task need ${manifest.tasks} array tasks, but this cluster's MaxArraySize is ${max}; pass --chunk ${Math.ceil(manifest.todo.length / max)} or more`,
  );
}
