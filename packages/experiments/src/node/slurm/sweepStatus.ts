import type { WorkerError } from '@maxent/core';
import type { PointStore } from '../../pointStore.js';
import { belongsTo } from '../../runSweep.js';
import type { FailureRecords } from './failureRecords.js';
import type { SubmittedJobs } from './layout.js';
import type { SweepManifest } from './manifest.js';
import { ACTIVE_STATES, type SlurmClient } from './slurmClient.js';

/**
 * Where a point is: `done` (a point file of this sweep), `running` or `pending`
 * (its array task is in the queue), `failed` (a failure record, nothing queued),
 * `missing` (none of these: never run, or its task died without a word, e.g.
 * killed at its time limit; `scheduler` then says what the scheduler saw).
 */
export type PointState = 'done' | 'running' | 'pending' | 'failed' | 'missing';

export interface PointStatus {
  readonly index: number;
  readonly state: PointState;
  /** The array task that ran or runs it, `<job>_<task>`, null if never submitted (or by hand). */
  readonly job: string | null;
  /** The scheduler's state of that task (squeue/sacct), null where unknown. */
  readonly scheduler: string | null;
  /** `failed`: the recorded error. */
  readonly error?: WorkerError;
}

export interface SweepStatus {
  readonly total: number;
  readonly counts: Readonly<Record<PointState, number>>;
  readonly points: readonly PointStatus[];
  /** What the states come from: the queue and the files, or the files alone (no squeue here). */
  readonly source: 'scheduler' | 'files';
}

export interface StatusOptions {
  readonly sweepHash: string;
  readonly total: number;
  readonly store: PointStore;
  readonly failures: FailureRecords;
  /** The SLURM submissions of the sweep (none for a local sweep). */
  readonly manifests: readonly SweepManifest[];
  readonly jobs: readonly SubmittedJobs[];
  /** null: read the files only. */
  readonly client: SlurmClient | null;
}

/** The state of every point of a sweep, from the files and, for a SLURM sweep where squeue is there, the queue. */
export async function sweepStatus(options: StatusOptions): Promise<SweepStatus> {
  const { total, sweepHash } = options;
  const arrayJobs = options.jobs.map((job) => job.arrayJob).filter((id): id is string => id !== null);
  const states = options.client === null || arrayJobs.length === 0 ? null : await options.client.jobStates(arrayJobs);
  const failures = new Map((await options.failures.list()).filter((failure) => failure.sweep === sweepHash).map((failure) => [failure.index, failure]));
  const taskOf = lastTaskOfEachPoint(options.manifests, options.jobs);
  const counts: Record<PointState, number> = { done: 0, running: 0, pending: 0, failed: 0, missing: 0 };
  const points: PointStatus[] = [];
  for (let index = 0; index < total; index++) {
    const record = await options.store.read(index);
    const job = taskOf.get(index) ?? null;
    const scheduler = job === null || states === null ? null : (states.get(job) ?? null);
    let state: PointState;
    if (record !== undefined && belongsTo(record, index, total, sweepHash)) state = 'done';
    else if (scheduler !== null && ACTIVE_STATES.has(scheduler)) state = scheduler === 'RUNNING' || scheduler === 'COMPLETING' ? 'running' : 'pending';
    else if (failures.has(index)) state = 'failed';
    else state = 'missing';
    counts[state]++;
    const error = state === 'failed' ? failures.get(index)!.error : undefined;
    points.push({ index, state, job, scheduler, ...(error === undefined ? {} : { error }) });
  }
  return { total, counts, points, source: states === null ? 'files' : 'scheduler' };
}

/** For each point, `<array job>_<task>` of the last submitted array that ran it. */
function lastTaskOfEachPoint(manifests: readonly SweepManifest[], jobs: readonly SubmittedJobs[]): Map<number, string> {
  const taskOf = new Map<number, string>();
  for (const manifest of manifests) {
    const arrayJob = jobs.find((job) => job.submission === manifest.submission)?.arrayJob ?? null;
    if (arrayJob === null) continue;
    manifest.todo.forEach((index, position) => taskOf.set(index, `${arrayJob}_${Math.floor(position / manifest.chunk)}`));
  }
  return taskOf;
}
