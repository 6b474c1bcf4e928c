import { encodeWorkerError, type WorkerError } from '@maxent/core';
import { runSweepPoint, type SweepRow } from './runPoint.js';
import type { SweepPoint } from './spec.js';

/**
 * Executors run sweep points somewhere: in this thread, on worker threads
 * (`@maxent/experiments/node`), in a Web Worker, as the tasks of a cluster job
 * array. A point is plain data (structured-cloneable and JSON-safe, its seed
 * included) and its row a pure function of it, so the rows do not depend on the
 * executor, only the order in which they arrive does; the sweep sorts by index.
 */
export interface PointResult {
  readonly index: number;
  /** Wall-clock seconds the point took where it ran (not part of the result's identity). */
  readonly seconds: number;
  readonly row: SweepRow;
}

export interface ExecutorRunOptions {
  /**
   * Called with each finished point, in completion order. May return a promise
   * (e.g. writing the point file); `run` settles only after every such promise has.
   */
  readonly onResult: (result: PointResult) => void | Promise<void>;
  /**
   * Aborting starts no new point and stops running ones where the executor can;
   * `run` then rejects with the signal's reason, after every finished point has
   * been reported.
   */
  readonly signal?: AbortSignal;
}

export interface Executor {
  /** Runs `points` and resolves when all are done and reported; rejects on the first failing point. */
  run(points: readonly SweepPoint[], options: ExecutorRunOptions): Promise<void>;
}

/** What a worker sends back for one point: the result, or the error as data (its class rebuilt by the receiver). */
export type PointOutcome = ({ readonly ok: true } & PointResult) | { readonly ok: false; readonly index: number; readonly error: WorkerError };

/**
 * Runs one point and returns its outcome as plain data: the body of every
 * worker (a worker thread, a Web Worker, a cluster task). Errors are returned,
 * not thrown, because crossing a thread or a process drops their class, and
 * what happens next depends on it (core's `rebuildWorkerError` restores it).
 */
export function runPointTask(point: SweepPoint, signal?: AbortSignal): PointOutcome {
  const start = performance.now();
  try {
    const row = runSweepPoint(point, signal);
    return { ok: true, index: point.index, seconds: (performance.now() - start) / 1000, row };
  } catch (error) {
    return { ok: false, index: point.index, error: encodeWorkerError(error) };
  }
}
