import { createInThreadExecutor, mergeSweep, runSweep, type SweepRow, type SweepSpec, type SweepTiming } from '@maxent/experiments';
import { createFileStore, createThreadExecutor, pointsFolderOf } from '@maxent/experiments/node';
import type { CliIO } from '../context.js';
import { VERSIONS } from '../envelope.js';
import { rootIO } from '../context.js';
import { resolvePath, writeFileAtomic, writeJsonAtomic } from '../io.js';
import { flushOutputBatch } from '../outputBatch.js';
import { checkOutputTarget } from '../outputTarget.js';
import { lockSweep } from './sweepLock.js';
import { createProgress } from '../progress.js';

export interface ExecuteSweepOptions {
  /** Result file (JSON); the CSV goes beside it (`.csv` instead of `.json`) and the point files in `<out>.points/`. */
  readonly out: string;
  /** Worker threads; 0 runs the points in this thread. */
  readonly workers: number;
  readonly resume: boolean;
  readonly quiet: boolean;
  readonly signal?: AbortSignal;
  /** Called after each point this run finished (tests use it to interrupt a sweep). */
  readonly onPointDone?: (done: number, total: number) => void;
}

export interface SweepOutcome {
  readonly rows: SweepRow[];
  readonly timing: SweepTiming;
  /** Points this run executed (the others came from point files). */
  readonly ran: number;
}

export function csvPathOf(out: string): string {
  return out.endsWith('.json') ? `${out.slice(0, -'.json'.length)}.csv` : `${out}.csv`;
}

/**
 * Runs a sweep to its result file with @maxent/experiments: the missing points
 * (all of them, or with `resume` those without a point file) on the chosen
 * executor, each saved to `<out>.points/<index>.json` as it finishes, with a
 * progress bar; then the merge of all point files, written atomically as JSON and
 * CSV, and the points folder removed.
 */
export async function executeSweep(io: CliIO, spec: SweepSpec, options: ExecuteSweepOptions): Promise<SweepOutcome> {
  // The CSV beside --out is an output too: check it before any work.
  const csv = csvPathOf(options.out);
  checkOutputTarget(resolvePath(io, csv), csv, '--out', 'file', false);
  const release = lockSweep(`${resolvePath(io, options.out)}.lock`, options.out);
  try {
    return await lockedSweep(io, spec, options, csv);
  } finally {
    release();
  }
}

async function lockedSweep(io: CliIO, spec: SweepSpec, options: ExecuteSweepOptions, csv: string): Promise<SweepOutcome> {
  const store = createFileStore(resolvePath(io, pointsFolderOf(options.out)));
  const executor = options.workers === 0 ? createInThreadExecutor() : createThreadExecutor({ workers: options.workers });
  let progress: ReturnType<typeof createProgress> | undefined;
  let run;
  try {
    run = await runSweep(spec, {
      executor,
      store,
      resume: options.resume,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
      onWarning: (message) => io.stderr(`maxent: warning: ${message}\n`),
      onProgress: ({ done, total, index, fromStore }) => {
        if (index === null) {
          progress = createProgress(io, 'sweep', total, options.quiet);
          progress.update(done, `${fromStore} from the point files`);
          return;
        }
        progress?.update(done, `point ${index}`);
        options.onPointDone?.(done, total);
      },
    });
  } finally {
    progress?.stop();
  }
  const merged = await mergeSweep(spec, store, { versions: VERSIONS, csvPath: csv, maxentSeconds: run.maxentSeconds, trainingSeconds: run.trainingSeconds });
  writeFileAtomic(io, csv, merged.csv);
  writeJsonAtomic(io, options.out, merged.result);
  // The result must be in place before the point files it was merged from go.
  flushOutputBatch(rootIO(io));
  await store.clear();
  return { rows: merged.rows, timing: merged.result.timing, ran: run.ran };
}
