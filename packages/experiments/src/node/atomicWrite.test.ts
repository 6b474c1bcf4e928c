import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTextAtomic } from './atomicWrite.js';

describe('writeTextAtomic', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'atomic-'));
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('replaces the target whole and leaves no temporary behind', async () => {
    const target = join(folder, 'a', 'b.json');
    await writeTextAtomic(target, 'old\n');
    await writeTextAtomic(target, 'new\n');
    expect(await readFile(target, 'utf8')).toBe('new\n');
    expect(await readdir(join(folder, 'a'))).toEqual(['b.json']);
  });

  it('leaves the old file and no temporary when the rename fails', async () => {
    // A directory in the target's place: the write of the temporary succeeds, the rename over it fails.
    const target = join(folder, 'taken');
    await writeTextAtomic(join(target, 'inside'), 'kept\n');
    await expect(writeTextAtomic(target, 'lost\n')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['taken']);
    expect(await readFile(join(target, 'inside'), 'utf8')).toBe('kept\n');
  });

  it('fails without writing when the folder cannot exist', async () => {
    const file = join(folder, 'file');
    await writeFile(file, 'x');
    await expect(writeTextAtomic(join(file, 'under'), 'y')).rejects.toThrow();
    expect(await readdir(folder)).toEqual(['file']);
  });
});
