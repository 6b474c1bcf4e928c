import type { CliIO } from '../context.js';
import { envelope } from '../envelope.js';
import { resolvePath, writeFileAtomic, writeJsonAtomic } from '../io.js';
import { createProgress } from '../progress.js';
import { sweepColumns, sweepCsv } from './csv.js';
import { appendJournal, journalPath, openJournal, removeJournal, type JournalEntry } from './journal.js';
import { runPoints } from './runSweep.js';
import type { SweepRow } from './runPoint.js';
import { sweepHash, sweepPoints, type SweepSpec } from './spec.js';

export interface ExecuteSweepOptions {
  /** Result file (JSON); the CSV goes beside it (`.csv` instead of `.json`) and the journal at `<out>.journal`. */
  readonly out: string;
  readonly workers: number;
  readonly resume: boolean;
  readonly quiet: boolean;
  readonly signal?: AbortSignal;
  /** Called after each finished point (tests use it to interrupt a sweep). */
  readonly onPointDone?: (done: number, total: number) => void;
}

export interface SweepResult {
  readonly rows: SweepRow[];
  /** Wall-clock seconds of this run's max-ent phase and training phase (0 when resumed past them). */
  readonly timing: { readonly maxentSeconds: number; readonly trainingSeconds: number; readonly pointSeconds: number };
}

export function csvPathOf(out: string): string {
  return out.endsWith('.json') ? `${out.slice(0, -'.json'.length)}.csv` : `${out}.csv`;
}

/**
 * Runs a sweep to its result file: points from the spec, finished ones taken from
 * the journal when resuming, the rest run (max-ent points first, then trained
 * ones, so the two phases are timed apart), each appended to the journal as it
 * finishes. Then the JSON and CSV are written atomically and the journal removed.
 * Rows are ordered by point index, so the file is the same whatever the number of
 * workers and however often the sweep was interrupted (apart from `timing`).
 */
export async function executeSweep(io: CliIO, spec: SweepSpec, options: ExecuteSweepOptions): Promise<SweepResult> {
  const points = sweepPoints(spec);
  const hash = sweepHash(points);
  const journal = resolvePath(io, journalPath(options.out));
  const finished = openJournal(journal, hash, points.length, options.resume);
  const progress = createProgress(io, 'sweep', points.length, options.quiet);
  let done = finished.size;
  progress.update(done, `${finished.size} from the journal`);
  const record = (entry: JournalEntry) => {
    appendJournal(journal, entry);
    finished.set(entry.index, entry);
    done++;
    progress.update(done, `point ${entry.index}`);
    options.onPointDone?.(done, points.length);
  };
  const phase = async (mode: 'maxent' | 'trained'): Promise<number> => {
    const todo = points.filter((point) => point.mode === mode && !finished.has(point.index));
    const start = performance.now();
    await runPoints(todo, { workers: options.workers, onPointDone: record, ...(options.signal === undefined ? {} : { signal: options.signal }) });
    return todo.length === 0 ? 0 : (performance.now() - start) / 1000;
  };
  let maxentSeconds: number;
  let trainingSeconds: number;
  try {
    maxentSeconds = await phase('maxent');
    trainingSeconds = await phase('trained');
  } finally {
    progress.stop();
  }
  const entries = [...finished.values()].sort((a, b) => a.index - b.index);
  const rows = entries.map((entry) => entry.row);
  const pointSeconds = entries.reduce((sum, entry) => sum + entry.seconds, 0);
  const columns = sweepColumns(rows);
  const timing = { maxentSeconds, trainingSeconds, pointSeconds };
  const result = {
    ...envelope('sweep', { base: spec.base, grids: spec.grids, training: spec.training, matchWeightScale: spec.matchWeightScale }, spec.seed),
    preset: spec.preset,
    sweepHash: hash,
    points: points.length,
    columns,
    rows,
    csv: csvPathOf(options.out),
    timing,
  };
  writeFileAtomic(io, csvPathOf(options.out), sweepCsv(rows, columns));
  writeJsonAtomic(io, options.out, result);
  removeJournal(journal);
  return { rows, timing };
}
