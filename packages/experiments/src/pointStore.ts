import type { PointRow } from './executor.js';

/**
 * What a sweep keeps of one finished point: one record per point, written once
 * when the point finishes, so an interrupted sweep keeps every finished point
 * and points run anywhere (threads, a browser, cluster tasks) need no shared
 * file to append to. `sweep` is the sweep's hash: a record belongs to one sweep.
 */
export interface PointRecord {
  readonly sweep: string;
  readonly index: number;
  readonly seconds: number;
  readonly row: PointRow;
}

/**
 * Where point records live: a folder of files (`@maxent/experiments/node`), memory,
 * later IndexedDB or a cluster's shared file system. Asynchronous, so stores
 * over asynchronous storage fit. A record that cannot be read back (a file
 * truncated by a crash) reads as missing: its point simply runs again.
 */
export interface PointStore {
  /** Where the records are, for messages (a folder path, "memory"). */
  readonly location: string;
  /** Where one point's record is, for messages. */
  locate(index: number): string;
  has(index: number): Promise<boolean>;
  read(index: number): Promise<PointRecord | undefined>;
  /** Writes (or replaces) the record of `record.index`, all or nothing. */
  write(record: PointRecord): Promise<void>;
  /** Indices of the records present, ascending. */
  list(): Promise<number[]>;
  /** Removes every record (after the merged result is written). */
  clear(): Promise<void>;
}

/**
 * A store in memory. Records are kept as JSON text, as a file store keeps them,
 * so what is read back is what a file would give (NaN as null, fresh objects),
 * and a merge gives the same bytes whichever store held the points.
 */
export function createMemoryStore(): PointStore {
  const texts = new Map<number, string>();
  return {
    location: 'memory',
    locate: (index) => `memory point ${index}`,
    has: async (index) => texts.has(index),
    read: async (index) => {
      const text = texts.get(index);
      return text === undefined ? undefined : (JSON.parse(text) as PointRecord);
    },
    write: async (record) => void texts.set(record.index, JSON.stringify(record)),
    list: async () => [...texts.keys()].sort((a, b) => a - b),
    clear: async () => texts.clear(),
  };
}

/**
 * Why `value`, read back from a store, is not a point record (issue 17, class 4),
 * or null when it is one: an object with `sweep` (a string), `index` (a
 * non-negative integer), `seconds` (a finite number >= 0) and `row` (an object of
 * numbers, strings, booleans and nulls). A bad record is reported by name and
 * its point runs again; it never reaches the merge.
 */
export function pointRecordProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'is not a JSON object';
  const record = value as Record<string, unknown>;
  if (typeof record.sweep !== 'string') return '`sweep` is not a string';
  if (typeof record.index !== 'number' || !Number.isSafeInteger(record.index) || record.index < 0) return '`index` is not a non-negative integer';
  if (typeof record.seconds !== 'number' || !(record.seconds >= 0) || !Number.isFinite(record.seconds)) return '`seconds` is not a finite number >= 0';
  const row = record.row;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return '`row` is not an object';
  return cellProblem(row, 'row');
}

/** A row's cells are JSON values with finite numbers; RNN rows nest objects and arrays (e.g. `final`). */
function cellProblem(cell: unknown, path: string): string | null {
  if (cell === null || typeof cell === 'string' || typeof cell === 'boolean') return null;
  if (typeof cell === 'number') return Number.isFinite(cell) ? null : `\`${path}\` is not finite`;
  if (typeof cell !== 'object') return `\`${path}\` is not a number, string, boolean, null, array or object`;
  for (const [key, value] of Object.entries(cell)) {
    const problem = cellProblem(value, Array.isArray(cell) ? `${path}[${key}]` : `${path}.${key}`);
    if (problem !== null) return problem;
  }
  return null;
}
