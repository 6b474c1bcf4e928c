import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { InvalidInputError } from '@maxent/core';
import type { JournalEntry } from './journal.js';
import { runSweepPoint } from './runPoint.js';
import type { SweepPoint } from './spec.js';
import { rebuildWorkerError, type WorkerOutcome } from './worker.js';

export interface RunPointsOptions {
  /** Worker threads; 0 runs the points one after another in this thread. */
  readonly workers: number;
  readonly signal?: AbortSignal;
  /** Called with each finished point (in completion order), e.g. to append it to the journal. */
  readonly onPointDone: (entry: JournalEntry, point: SweepPoint) => void;
}

/**
 * Runs `points` and resolves when all are done. With workers > 0 they run on a
 * piscina pool of worker threads (piscina: maintained, handles task queues,
 * AbortSignal per task and thread teardown, which node:worker_threads alone leaves
 * to us). Rows do not depend on the thread that ran them (each point carries its own
 * seed), only their completion order does, and the caller sorts by index.
 * On abort, no new point starts; running ones are stopped; the promise rejects
 * with the signal's reason after every finished point has been reported.
 */
export async function runPoints(points: readonly SweepPoint[], options: RunPointsOptions): Promise<void> {
  const { workers, signal, onPointDone } = options;
  if (points.length === 0) return;
  if (workers === 0) {
    for (const point of points) {
      signal?.throwIfAborted();
      const start = performance.now();
      const row = runSweepPoint(point, signal);
      onPointDone({ index: point.index, seconds: (performance.now() - start) / 1000, row }, point);
    }
    return;
  }
  const pool = new Piscina({
    filename: pathToFileURL(workerFile()).href,
    maxThreads: Math.min(workers, points.length),
    minThreads: Math.min(workers, points.length),
    idleTimeout: 1000,
    execArgv: workerExecArgv(process.execArgv),
  });
  // A worker that fails outside a task (e.g. its module cannot load) is reported on
  // the pool, not on a task: turn that into a failure of the sweep instead of a hang.
  let poolFailed: (error: unknown) => void = () => {};
  const poolFailure = new Promise<never>((_, reject) => (poolFailed = reject));
  poolFailure.catch(() => {});
  pool.on('error', (error: unknown) => poolFailed(error));
  // If the event loop empties while tasks are pending (no live worker left to
  // settle them), Node would exit silently with the sweep unfinished: fail loudly
  // instead; the journal keeps the finished points for --resume.
  const onBeforeExit = () =>
    poolFailed(new Error('the worker threads stopped before the sweep finished; finished points are in the journal, rerun with --resume'));
  process.once('beforeExit', onBeforeExit);
  try {
    const outcomes = Promise.allSettled(
      points.map(async (point) => {
        const outcome = (await pool.run(point, signal === undefined ? {} : { signal })) as WorkerOutcome;
        if (!outcome.ok) throw rebuildWorkerError(outcome.error);
        onPointDone({ index: point.index, seconds: outcome.seconds, row: outcome.row }, point);
      }),
    );
    const settled = await Promise.race([outcomes, poolFailure]);
    signal?.throwIfAborted();
    const failed = settled.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw (failed as PromiseRejectedResult).reason;
  } finally {
    process.removeListener('beforeExit', onBeforeExit);
    await pool.destroy();
  }
}

/**
 * The parent's Node flags without `--conditions`: a test runner may resolve
 * packages to their TypeScript sources through a `development` condition, which
 * plain worker threads cannot load; workers must resolve to the built `dist`.
 */
export function workerExecArgv(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i];
    if (arg === '--conditions' || arg === '-C') {
      i++;
      continue;
    }
    if (arg.startsWith('--conditions=') || (arg.startsWith('-C') && arg.length > 2)) continue;
    out.push(arg);
  }
  return out;
}

/**
 * The built worker module. Worker threads run plain Node, which cannot load
 * TypeScript: from dist/sweep/runSweep.js it is the sibling worker.js; from the
 * sources (tests) it is apps/cli/dist/sweep/worker.js, so tests of the worker path
 * need `pnpm build` first.
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts') ? resolve(dirname(here), '../../dist/sweep/worker.js') : resolve(dirname(here), 'worker.js');
  if (!existsSync(file)) {
    throw new InvalidInputError(
      '--workers',
      `invalid \`--workers\`: worker threads load the built JavaScript ${file}, which is missing; run \`pnpm build\` first, or pass --workers 0 to run in this thread`,
    );
  }
  return file;
}
