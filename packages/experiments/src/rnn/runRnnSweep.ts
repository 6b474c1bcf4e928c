import type { Executor, PointResult } from '../executor.js';
import type { PointStore } from '../pointStore.js';
import { finishedPoints, type SweepProgress } from '../runSweep.js';
import { sweepHash } from '../sweepHash.js';
import { rnnSweepPoints, type RnnSweepPoint, type RnnSweepRow, type RnnSweepSpec } from './rnnSweep.js';
import { rnnStudySummary, type RnnStudySummary } from './rnnStudy.js';

export interface RunRnnSweepOptions {
  readonly executor: Executor;
  readonly store: PointStore;
  /** Continue from this sweep's records in the store (see runSweep). */
  readonly resume: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SweepProgress) => void;
}

export interface RnnSweepRun {
  readonly points: RnnSweepPoint[];
  readonly hash: string;
  readonly ran: number;
  readonly seconds: number;
}

/**
 * Runs the missing points of an RNN sweep into `store`, through the same
 * executors and stores as `maxent sweep` (parallel, resumable, one record per
 * point): {@link mergeRnnSweep} then builds the result.
 */
export async function runRnnSweep(spec: RnnSweepSpec, options: RunRnnSweepOptions): Promise<RnnSweepRun> {
  const { executor, store, signal } = options;
  const points = rnnSweepPoints(spec);
  const hash = sweepHash(points);
  const finished = await finishedPoints(store, points.length, hash, options.resume);
  const fromStore = finished.size;
  let done = fromStore;
  let ran = 0;
  options.onProgress?.({ done, total: points.length, index: null, fromStore });
  const onResult = async (result: PointResult) => {
    await store.write({ sweep: hash, index: result.index, seconds: result.seconds, row: result.row });
    finished.add(result.index);
    done++;
    ran++;
    options.onProgress?.({ done, total: points.length, index: result.index, fromStore });
  };
  const todo = points.filter((point) => !finished.has(point.index));
  const start = performance.now();
  if (todo.length > 0) await executor.run(todo, signal === undefined ? { onResult } : { onResult, signal });
  return { points, hash, ran, seconds: (performance.now() - start) / 1000 };
}

export interface MergedRnnSweep {
  readonly hash: string;
  readonly rows: RnnSweepRow[];
  readonly summary: RnnStudySummary;
}

/** Reads every point's record (all must be present) and builds the rows and the study summary. */
export async function mergeRnnSweep(spec: RnnSweepSpec, store: PointStore): Promise<MergedRnnSweep> {
  const points = rnnSweepPoints(spec);
  const hash = sweepHash(points);
  const rows: RnnSweepRow[] = [];
  for (const point of points) {
    const record = await store.read(point.index);
    if (record === undefined || record.sweep !== hash) throw new Error(`rnn sweep: the record of point ${point.index} is missing from ${store.location}`);
    rows.push(record.row as RnnSweepRow);
  }
  return { hash, rows, summary: rnnStudySummary(rows) };
}
