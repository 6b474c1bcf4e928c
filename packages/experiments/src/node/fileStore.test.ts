import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileStore, pointsFolderOf } from './index.js';

const folder = () => join(mkdtempSync(join(tmpdir(), 'maxent-points-')), pointsFolderOf('s.json'));

describe('createFileStore', () => {
  it('writes one JSON file per point, lists and reads them back, and clears the folder', async () => {
    const path = folder();
    const store = createFileStore(path);
    expect(await store.list()).toEqual([]);
    await store.write({ sweep: 'h', index: 10, seconds: 0.5, row: { index: 10, x: Number.NaN } });
    await store.write({ sweep: 'h', index: 2, seconds: 0.25, row: { index: 2 } });
    expect(readdirSync(path).sort()).toEqual(['10.json', '2.json']);
    expect(readFileSync(join(path, '10.json'), 'utf8')).toBe('{"sweep":"h","index":10,"seconds":0.5,"row":{"index":10,"x":null}}\n');
    expect(await store.list()).toEqual([2, 10]);
    expect(await store.read(2)).toEqual({ sweep: 'h', index: 2, seconds: 0.25, row: { index: 2 } });
    expect(await store.has(3)).toBe(false);
    expect(store.locate(2)).toBe(join(path, '2.json'));
    await store.clear();
    expect(() => readdirSync(path)).toThrow();
    expect(await store.list()).toEqual([]);
  });

  it('ignores temporary files, reads a cut-short file as missing, and replaces a file whole', async () => {
    const path = folder();
    const store = createFileStore(path);
    await store.write({ sweep: 'h', index: 0, seconds: 1, row: {} });
    writeFileSync(join(path, '.1.json.0a1b2c.tmp'), '{"sweep":"h","ind');
    writeFileSync(join(path, '3.json'), '{"sweep":"h","ind');
    expect(await store.list()).toEqual([0, 3]);
    expect(await store.read(3)).toBeUndefined();
    expect(await store.has(3)).toBe(false);
    await store.write({ sweep: 'h', index: 3, seconds: 2, row: { index: 3 } });
    expect(await store.read(3)).toEqual({ sweep: 'h', index: 3, seconds: 2, row: { index: 3 } });
    // No temporary file of ours is left behind.
    expect(readdirSync(path).filter((name) => name.endsWith('.tmp'))).toEqual(['.1.json.0a1b2c.tmp']);
  });
});
