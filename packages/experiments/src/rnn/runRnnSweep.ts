import type { PointStore } from '../pointStore.js';
import { runMissingPoints, type RunSweepOptions } from '../runSweep.js';
import { sweepHash } from '../sweepHash.js';
import { rnnSweepPoints, type RnnSweepPoint, type RnnSweepRow, type RnnSweepSpec } from './rnnSweep.js';
import { rnnStudySummary, type RnnStudySummary } from './rnnStudy.js';

/** As for `maxent sweep` (see RunSweepOptions): executor, store, resume, signal, progress. */
export type RunRnnSweepOptions = RunSweepOptions;

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
  const points = rnnSweepPoints(spec);
  const hash = sweepHash(points);
  const { ran, phaseSeconds } = await runMissingPoints(points, hash, options);
  return { points, hash, ran, seconds: phaseSeconds[0] };
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
