import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Piscina } from 'piscina';
import { InvalidInputError, rebuildWorkerError } from '@maxent/core';
import type { Executor, PointOutcome } from '../executor.js';

export interface ThreadExecutorOptions {
  /** Worker threads (>= 1); fewer when a phase has fewer points. */
  readonly workers: number;
  /** Node flags of the workers; default: this process's without `--conditions` (see {@link workerExecArgv}). */
  readonly execArgv?: readonly string[];
}

/**
 * Runs points on a pool of worker threads (piscina: maintained, handles task
 * queues, an AbortSignal per task and thread teardown, which node:worker_threads
 * alone leaves to us). A pool lives for one `run`. Rows do not depend on the
 * thread that ran them (each point carries its own seed), only their completion
 * order does. On abort, no new point starts and running ones are stopped (their
 * threads terminated); `run` rejects with the signal's reason after every
 * finished point has been reported.
 */
export function createThreadExecutor(options: ThreadExecutorOptions): Executor {
  if (!(Number.isInteger(options.workers) && options.workers >= 1)) {
    throw new InvalidInputError('workers', `invalid \`workers\`: must be an integer >= 1, got ${options.workers}`);
  }
  return {
    async run(points, { onResult, signal }) {
      if (points.length === 0) return;
      signal?.throwIfAborted();
      const threads = Math.min(options.workers, points.length);
      const pool = new Piscina({
        filename: pathToFileURL(workerFile()).href,
        maxThreads: threads,
        minThreads: threads,
        idleTimeout: 1000,
        execArgv: [...(options.execArgv ?? workerExecArgv(process.execArgv))],
      });
      // A worker that fails outside a task (e.g. its module cannot load) is reported on
      // the pool, not on a task: turn that into a failure of the run instead of a hang.
      let poolFailed: (error: unknown) => void = () => {};
      const poolFailure = new Promise<never>((_, reject) => (poolFailed = reject));
      poolFailure.catch(() => {});
      pool.on('error', (error: unknown) => poolFailed(error));
      // If the event loop empties while tasks are pending (no live worker left to
      // settle them), Node would exit silently with the sweep unfinished: fail loudly
      // instead; the finished points are already stored.
      const onBeforeExit = () =>
        poolFailed(new Error('the worker threads stopped before the sweep finished; finished points are saved, rerun with --resume'));
      process.once('beforeExit', onBeforeExit);
      try {
        const outcomes = Promise.allSettled(
          points.map(async (point) => {
            const outcome = (await pool.run(point, signal === undefined ? {} : { signal })) as PointOutcome;
            if (!outcome.ok) throw rebuildWorkerError(outcome.error);
            await onResult({ index: outcome.index, seconds: outcome.seconds, row: outcome.row });
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
    },
  };
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
 * TypeScript: from dist/node/threadExecutor.js it is the sibling worker.js; from
 * the sources (tests) it is packages/experiments/dist/node/worker.js, so tests of
 * the worker path need `pnpm build` first.
 */
export function workerFile(): string {
  const here = fileURLToPath(import.meta.url);
  const file = here.endsWith('.ts') ? resolve(dirname(here), '../../dist/node/worker.js') : resolve(dirname(here), 'worker.js');
  if (!existsSync(file)) {
    throw new InvalidInputError(
      '--workers',
      `invalid \`--workers\`: worker threads load the built JavaScript ${file}, which is missing; run \`pnpm build\` first, or pass --workers 0 to run in this thread`,
    );
  }
  return file;
}
