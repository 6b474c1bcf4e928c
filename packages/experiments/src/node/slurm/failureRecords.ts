import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { folderNames } from '../folderNames.js';
import { writeTextAtomic } from '../atomicWrite.js';
import type { WorkerError } from '@maxent/core';

/**
 * What a point that failed leaves behind, beside the point files:
 * `<out>.points/<index>.failed.json` (kind `sweep-point-failure`). A merge or a
 * status report lists it with its error, so a failed point is never a silent
 * hole; the point file store ignores it (its name is not `<index>.json`), and a
 * later successful run of the point removes it.
 */
export interface PointFailure {
  readonly kind: 'sweep-point-failure';
  readonly sweep: string;
  readonly index: number;
  /** Where it ran: the SLURM job and array task, and the host (null where unknown). */
  readonly job: string | null;
  readonly host: string | null;
  readonly error: WorkerError;
}

const FAILURE_FILE = /^(\d+)\.failed\.json$/;

export interface FailureRecords {
  locate(index: number): string;
  /** Written atomically (temporary file renamed), like the point files. */
  write(failure: PointFailure): Promise<void>;
  remove(index: number): Promise<void>;
  /** Every readable failure record, by ascending index. */
  list(): Promise<PointFailure[]>;
}

export function createFailureRecords(folder: string): FailureRecords {
  const locate = (index: number) => join(folder, `${index}.failed.json`);
  return {
    locate,
    async write(failure) {
      await writeTextAtomic(locate(failure.index), `${JSON.stringify(failure, null, 2)}\n`);
    },
    remove: (index) => rm(locate(index), { force: true }),
    async list() {
      const names = await folderNames(folder);
      const failures: PointFailure[] = [];
      for (const name of names) {
        if (!FAILURE_FILE.test(name)) continue;
        try {
          failures.push(JSON.parse(await readFile(join(folder, name), 'utf8')) as PointFailure);
        } catch {
          // Cut short or removed meanwhile: the point counts as missing, which is reported too.
        }
      }
      return failures.sort((a, b) => a.index - b.index);
    },
  };
}
