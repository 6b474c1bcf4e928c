import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidInputError } from '@maxent/core';
import type { SweepRow } from './runPoint.js';

/**
 * The append-only journal of an unfinished sweep, `<out>.journal` (JSON lines):
 * a header `{ "sweep": hash, "points": total }`, then one line per finished point
 * `{ "index", "seconds", "row" }`, appended as each point finishes. A sweep that is
 * interrupted (Ctrl-C, a killed job, an aborted signal) keeps every finished point;
 * `--resume` reads them back and runs only the rest. A torn last line (killed while
 * writing) is ignored. The journal is deleted once the result file is written.
 */
export interface JournalEntry {
  readonly index: number;
  readonly seconds: number;
  readonly row: SweepRow;
}

export function journalPath(out: string): string {
  return `${out}.journal`;
}

/**
 * Opens the journal for a sweep with this hash: returns the finished entries when
 * resuming, or starts a fresh journal. Without `resume`, an existing journal is an
 * error (it holds work that would be lost); with `resume`, a journal of another
 * sweep is an error (its rows would not belong to this one).
 */
export function openJournal(path: string, hash: string, total: number, resume: boolean): Map<number, JournalEntry> {
  const finished = new Map<number, JournalEntry>();
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, `${JSON.stringify({ sweep: hash, points: total })}\n`);
    return finished;
  }
  if (!resume) {
    throw new InvalidInputError(
      '--resume',
      `invalid \`--resume\`: an unfinished sweep's journal exists at ${path}; pass --resume to continue it, or delete the file to start over`,
    );
  }
  const lines = readFileSync(path, 'utf8').split('\n');
  let header: { sweep?: unknown } | undefined;
  try {
    header = JSON.parse(lines[0]) as { sweep?: unknown };
  } catch {
    header = undefined;
  }
  if (header?.sweep !== hash) {
    throw new InvalidInputError(
      '--resume',
      `invalid \`--resume\`: the journal ${path} belongs to a different sweep (other settings, values or seed); rerun with the same flags, or delete it to start over`,
    );
  }
  for (const line of lines.slice(1)) {
    if (line.trim() === '') continue;
    try {
      const entry = JSON.parse(line) as JournalEntry;
      if (Number.isInteger(entry.index) && entry.index >= 0 && entry.index < total) finished.set(entry.index, entry);
    } catch {
      // A torn final line from an interrupted write: that point simply runs again.
    }
  }
  // Rewrite the journal without any torn line, so further appends start on a fresh line.
  writeFileSync(path, [JSON.stringify({ sweep: hash, points: total }), ...[...finished.values()].map((entry) => JSON.stringify(entry))].join('\n') + '\n');
  return finished;
}

export function appendJournal(path: string, entry: JournalEntry): void {
  appendFileSync(path, `${JSON.stringify(entry)}\n`);
}

export function removeJournal(path: string): void {
  rmSync(path, { force: true });
}
