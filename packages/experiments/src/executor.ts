import { encodeWorkerError, type WorkerError } from '@maxent/core';
import { runSweepPoint, type SweepRow } from './runPoint.js';
import { runRnnSweepPoint, type RnnSweepPoint, type RnnSweepRow } from './rnn/rnnSweep.js';
import type { SweepPoint } from './spec.js';

/** Any unit of sweep work: a max-ent or trained point of `maxent sweep`, or an RNN run of `maxent rnn sweep`. */
export type AnyPoint = SweepPoint | RnnSweepPoint;
/** The row of any point. */
export type PointRow = SweepRow | RnnSweepRow;

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
  readonly row: PointRow;
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
  run(points: readonly AnyPoint[], options: ExecutorRunOptions): Promise<void>;
}

/** What a worker sends back for one point: the result, or the error as data (its class rebuilt by the receiver). */
export type PointOutcome = ({ readonly ok: true } & PointResult) | { readonly ok: false; readonly index: number; readonly error: WorkerError };

/**
 * Runs one point and returns its outcome as plain data: the body of every
 * worker (a worker thread, a Web Worker, a cluster task). Errors are returned,
 * not thrown, because crossing a thread or a process drops their class, and
 * what happens next depends on it (core's `rebuildWorkerError` restores it).
 */
export function runPointTask(point: AnyPoint, signal?: AbortSignal): PointOutcome {
  const start = performance.now();
  try {
    const row = runAnyPoint(point, signal);
    return { ok: true, index: point.index, seconds: (performance.now() - start) / 1000, row };
  } catch (error) {
    return { ok: false, index: point.index, error: encodeWorkerError(error) };
  }
}

/** Runs one point of either kind (the body every executor shares). */
export function runAnyPoint(point: AnyPoint, signal?: AbortSignal): PointRow {
  return point.mode === 'rnn' ? runRnnSweepPoint(point, signal) : runSweepPoint(point, signal);
}
