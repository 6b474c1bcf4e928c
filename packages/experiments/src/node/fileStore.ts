import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { folderNames } from './folderNames.js';
import { writeTextAtomic } from './atomicWrite.js';
import { parseJsonInput } from '@maxent/core';
import type { PointRecord, PointStore } from '../pointStore.js';

/** The folder of a sweep's point files: `<out>.points` beside the result file. */
export function pointsFolderOf(out: string): string {
  return `${out}.points`;
}

const RECORD_FILE = /^(\d+)\.json$/;

/**
 * Point records as files `<folder>/<index>.json`, one JSON object each. Each is
 * written to a temporary file in the same folder and renamed over its name, so
 * a file is either whole or absent, even when the process is killed mid-write
 * (a rename within one folder is atomic). Left-over temporary files are ignored.
 * A file that does not parse reads as missing (its point runs again).
 */
export function createFileStore(folder: string): PointStore {
  const path = (index: number) => join(folder, `${index}.json`);
  const read = async (index: number): Promise<PointRecord | undefined> => {
    let text: string;
    try {
      text = await readFile(path(index), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    try {
      // With @maxent/core's input limits: a forged file cannot overflow the stack or smuggle __proto__.
      return parseJsonInput(text, 'point file') as PointRecord;
    } catch {
      return undefined;
    }
  };
  return {
    location: folder,
    locate: path,
    has: async (index) => (await read(index)) !== undefined,
    read,
    async write(record) {
      await writeTextAtomic(path(record.index), `${JSON.stringify(record)}\n`);
    },
    async list() {
      const names = await folderNames(folder);
      const indices: number[] = [];
      for (const name of names) {
        const match = RECORD_FILE.exec(name);
        if (match !== null) indices.push(Number(match[1]));
      }
      return indices.sort((a, b) => a - b);
    },
    clear: () => rm(folder, { recursive: true, force: true }),
  };
}
