import { InvalidInputError } from '@maxent/core';
import type { AnyPoint, Executor, PointResult } from './executor.js';
import { pointRecordProblem, type PointRecord, type PointStore } from './pointStore.js';
import { sweepHash } from './sweepHash.js';
import { sweepPoints, type SweepPoint, type SweepSpec } from './spec.js';

export interface SweepProgress {
  /** Points finished, those found in the store included. */
  readonly done: number;
  readonly total: number;
  /** The point that just finished; null for the first report (after reading the store). */
  readonly index: number | null;
  /** Points taken from the store instead of run. */
  readonly fromStore: number;
}

export interface RunSweepOptions {
  readonly executor: Executor;
  readonly store: PointStore;
  /**
   * Continue from the records in the store, running only the missing points.
   * Without it, records in the store are an error: they hold work that a fresh
   * run would silently mix with its own.
   */
  readonly resume: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: SweepProgress) => void;
  /** A point record that could not be used (it is named; its point runs again). */
  readonly onWarning?: (message: string) => void;
}

export interface SweepRun {
  readonly points: SweepPoint[];
  readonly hash: string;
  /** Points this run executed (not taken from the store). */
  readonly ran: number;
  /** Wall-clock seconds of this run's max-ent phase and training phase (0 for a phase with nothing to run). */
  readonly maxentSeconds: number;
  readonly trainingSeconds: number;
}

/**
 * Runs a sweep's missing points into `store`: the points from the spec, those
 * with a record of this sweep skipped (resume), the rest run by `executor`
 * (max-ent points first, then trained ones, so the two phases are timed apart),
 * each written to the store as it finishes. {@link mergeSweep} then builds the
 * result from the store.
 */
export async function runSweep(spec: SweepSpec, options: RunSweepOptions): Promise<SweepRun> {
  const points = sweepPoints(spec);
  const hash = sweepHash(points);
  const { ran, phaseSeconds } = await runMissingPoints(points, hash, options, [(point) => point.mode === 'maxent', (point) => point.mode === 'trained']);
  return { points, hash, ran, maxentSeconds: phaseSeconds[0], trainingSeconds: phaseSeconds[1] };
}

/**
 * The loop every sweep kind shares: the points of `hash` with a record in the
 * store are skipped (resume), the rest run by the executor phase by phase (each
 * phase the points its predicate picks, timed apart), each written to the store
 * as it finishes, with progress counted over all points.
 */
export async function runMissingPoints<P extends AnyPoint>(
  points: readonly P[],
  hash: string,
  options: RunSweepOptions,
  phases: readonly ((point: P) => boolean)[] = [() => true],
): Promise<{ ran: number; phaseSeconds: number[] }> {
  const { executor, store, signal } = options;
  const finished = await finishedPoints(store, points.length, hash, options.resume, options.onWarning);
  const fromStore = finished.size;
  let done = fromStore;
  options.onProgress?.({ done, total: points.length, index: null, fromStore });
  let ran = 0;
  const onResult = async (result: PointResult) => {
    await store.write({ sweep: hash, index: result.index, seconds: result.seconds, row: result.row });
    finished.add(result.index);
    done++;
    ran++;
    options.onProgress?.({ done, total: points.length, index: result.index, fromStore });
  };
  const phaseSeconds: number[] = [];
  for (const inPhase of phases) {
    const todo = points.filter((point) => inPhase(point) && !finished.has(point.index));
    if (todo.length === 0) {
      phaseSeconds.push(0);
      continue;
    }
    const start = performance.now();
    await executor.run(todo, signal === undefined ? { onResult } : { onResult, signal });
    phaseSeconds.push((performance.now() - start) / 1000);
  }
  return { ran, phaseSeconds };
}

/**
 * Indices of the points with a record of this sweep. A record of another sweep
 * (other settings, values or seed) is an error: its row would not belong here.
 */
export async function finishedPoints(store: PointStore, total: number, hash: string, resume: boolean, onWarning?: (message: string) => void): Promise<Set<number>> {
  const finished = new Set<number>();
  const present = await store.list();
  if (present.length === 0) return finished;
  if (!resume) {
    throw new InvalidInputError(
      '--resume',
      `invalid \`--resume\`: an unfinished sweep's point files exist in ${store.location}; pass --resume to continue it, or delete them to start over`,
    );
  }
  for (const index of present) {
    const record = await store.read(index);
    // Unreadable (e.g. cut short by a crash): the point runs again.
    if (record === undefined) continue;
    // Readable but not a record (edited, forged): named, skipped, and overwritten when its point runs again.
    const problem = pointRecordProblem(record);
    if (problem !== null) {
      onWarning?.(`the point file ${store.locate(index)} is not a valid point record (${problem}); its point runs again`);
      continue;
    }
    if (!belongsTo(record, index, total, hash)) {
      throw new InvalidInputError(
        '--resume',
        `invalid \`--resume\`: the point file ${store.locate(index)} belongs to a different sweep (other settings, values or seed); rerun with the same flags, or delete ${store.location} to start over`,
      );
    }
    finished.add(index);
  }
  return finished;
}

export function belongsTo(record: PointRecord, index: number, total: number, hash: string): boolean {
  return record.sweep === hash && record.index === index && Number.isInteger(index) && index >= 0 && index < total;
}
