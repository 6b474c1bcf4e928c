import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InvalidInputError } from '@maxent/core';
import { displayText } from '../displayText.js';
import { trackTemporary, untrackTemporary } from '../outputBatch.js';

/**
 * One writer per sweep (issue 17, class 4): `<out>.lock`, created exclusively,
 * holds the pid of the process running the sweep. A second `maxent sweep` with
 * the same --out is refused while that process lives; a lock left by a process
 * that died (SIGKILL) is taken over. Returns the release function.
 */
export function lockSweep(lockPath: string, shown: string): () => void {
  // The result's folder may not exist yet (--out sub/s.json); the point files need it anyway.
  mkdirSync(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = lockHolder(lockPath);
      if (holder !== null && holder !== process.pid && isAlive(holder)) {
        throw new InvalidInputError(
          '--out',
          `invalid \`--out\`: another maxent sweep (process ${holder}) is writing ${displayText(shown)}; wait for it to finish, or stop it and continue with --resume`,
        );
      }
      rmSync(lockPath, { force: true }); // stale: its process is gone
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    trackTemporary(lockPath);
    return () => {
      rmSync(lockPath, { force: true });
      untrackTemporary(lockPath);
    };
  }
  throw new InvalidInputError('--out', `invalid \`--out\`: cannot take the lock ${displayText(lockPath)} of the sweep`);
}

function lockHolder(lockPath: string): number | null {
  try {
    const pid = Number(readFileSync(lockPath, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
