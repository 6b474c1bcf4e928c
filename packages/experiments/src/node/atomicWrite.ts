import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `text` to `path` whole or not at all: through a hidden temporary file in
 * the same folder (`.<name>.<random>.tmp`), renamed over the target, since a
 * rename within one folder is atomic. A reader (a resumed sweep, a SLURM task)
 * sees the old file or the new one, never half of it; a failed write removes
 * its temporary. Missing parent folders are created.
 */
export async function writeTextAtomic(path: string, text: string): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
