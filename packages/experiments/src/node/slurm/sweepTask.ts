import { encodeWorkerError, type WorkerError } from '@maxent/core';
import { runPointTask } from '../../executor.js';
import type { PointStore } from '../../pointStore.js';
import { belongsTo } from '../../runSweep.js';
import type { FailureRecords } from './failureRecords.js';
import { checkManifestPoint, manifestSweepPoints, taskPoints, type SweepManifest } from './manifest.js';

export interface SweepTaskOptions {
  readonly store: PointStore;
  readonly failures: FailureRecords;
  /** The job and host the records name (SLURM_JOB_ID-style text), null where unknown. */
  readonly job: string | null;
  readonly host: string | null;
  /** Called after each point (a line in the task's log). */
  readonly onPoint?: (report: TaskPointReport) => void;
  readonly signal?: AbortSignal;
}

export type TaskPointReport =
  | { readonly index: number; readonly status: 'done'; readonly seconds: number }
  | { readonly index: number; readonly status: 'skipped' }
  | { readonly index: number; readonly status: 'failed'; readonly message: string };

export interface SweepTaskOutcome {
  readonly done: number[];
  /** Points with a point file already (a requeued or repeated task): not run again. */
  readonly skipped: number[];
  readonly failed: number[];
}

/**
 * Runs one array task of a manifest: its chunk of points, one after another,
 * each written as its point file (atomically) as it finishes. A point that
 * fails leaves a failure record with its error and the task goes on with the
 * next one, so one bad point costs only itself; the caller exits nonzero if any
 * failed. A task-level problem (wrong task index, a manifest whose spec no longer
 * gives its sweep) throws before any point runs.
 */
export async function runSweepTask(manifest: SweepManifest, manifestPath: string, task: number, options: SweepTaskOptions): Promise<SweepTaskOutcome> {
  const indices = taskPoints(manifest, task);
  const points = manifestSweepPoints(manifest, manifestPath);
  const outcome: SweepTaskOutcome = { done: [], skipped: [], failed: [] };
  const fail = async (index: number, encoded: WorkerError) => {
    await options.failures.write({ kind: 'sweep-point-failure', sweep: manifest.sweepHash, index, job: options.job, host: options.host, error: encoded });
    outcome.failed.push(index);
    options.onPoint?.({ index, status: 'failed', message: encoded.message });
  };
  for (const index of indices) {
    options.signal?.throwIfAborted();
    const existing = await options.store.read(index);
    if (existing !== undefined && belongsTo(existing, index, points.length, manifest.sweepHash)) {
      outcome.skipped.push(index);
      options.onPoint?.({ index, status: 'skipped' });
      continue;
    }
    const point = points[index];
    try {
      checkManifestPoint(manifest, point);
    } catch (error) {
      await fail(index, encodeWorkerError(error));
      continue;
    }
    const result = runPointTask(point, options.signal);
    if (!result.ok) {
      await fail(index, result.error);
      continue;
    }
    await options.store.write({ sweep: manifest.sweepHash, index, seconds: result.seconds, row: result.row });
    await options.failures.remove(index);
    outcome.done.push(index);
    options.onPoint?.({ index, status: 'done', seconds: result.seconds });
  }
  return outcome;
}
