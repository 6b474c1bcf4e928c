import { readdir } from 'node:fs/promises';

/** The names in `folder`, none when it does not exist yet (a sweep that has written nothing). */
export async function folderNames(folder: string): Promise<string[]> {
  try {
    return await readdir(folder);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
