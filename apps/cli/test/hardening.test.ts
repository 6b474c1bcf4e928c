// Issue 17 beyond the hostile grid: the streaming JSON writer against JSON.stringify
// (the independent route), a forged point file on --resume, the one-writer lock,
// and all outputs of a run committing together.
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { MatrixRows, writeJsonChunks } from '../src/jsonStream.js';
import { runMaxent, temporaryFolder } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const streamed = (value: unknown) => {
  let text = '';
  writeJsonChunks(value, (chunk) => void (text += chunk));
  return text;
};

describe('the streaming JSON writer', () => {
  it('writes the bytes of JSON.stringify(value, null, 2) + newline', () => {
    const cases: unknown[] = [
      {},
      [],
      { a: [], b: {}, c: [[]], d: null, e: undefined, f: 'x\u0001"\\', g: -0, h: 1e-300, i: 123456789.125, j: true, k: [undefined, 1] },
      [1, [2, [3, { x: [4] }]]],
      { nested: { deeper: { list: [0.1, 0.2, 0.30000000000000004] } } },
    ];
    for (const value of cases) expect(streamed(value)).toBe(`${JSON.stringify(value, null, 2)}\n`);
  });

  it('writes typed arrays and MatrixRows as the arrays they stand for', () => {
    const data = Float64Array.from([1, -2.5, 3e-17, 4, 5, 6]);
    const rows = [[1, -2.5, 3e-17], [4, 5, 6]];
    expect(streamed({ u: new MatrixRows(data, 2, 3), w: data })).toBe(`${JSON.stringify({ u: rows, w: Array.from(data) }, null, 2)}\n`);
    expect(streamed(new MatrixRows(new Float64Array(0), 3, 0))).toBe(`${JSON.stringify([[], [], []], null, 2)}\n`);
  });

  it('cuts long output into chunks of about a mebibyte', () => {
    const chunks: string[] = [];
    writeJsonChunks({ w: new Float64Array(400_000).fill(0.123456789) }, (chunk) => void chunks.push(chunk));
    expect(chunks.length).toBeGreaterThan(2);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(2 * 1024 * 1024);
  });
});

const SMALL = ['--contexts', '1,2', '--workers', '0', '--quiet'];

describe('files read back and sweep writers', () => {
  it('a forged point file is named in a warning, its point runs again, and the result equals an uninterrupted run', async () => {
    const dir = temporaryFolder('maxent-forged-');
    expect((await runMaxent(['sweep', ...SMALL, '--out', 'whole.json'], dir)).code).toBe(0);
    const folder = join(dir, 'part.json.points');
    // A point file that parses but is no record: its row is not a row.
    mkdirSync(folder);
    writeFileSync(join(folder, '0.json'), JSON.stringify({ sweep: 'forged', index: 0, seconds: 1, row: 'not a row' }));
    const resumed = await runMaxent(['sweep', ...SMALL.filter((a) => a !== '--quiet'), '--out', 'part.json', '--resume'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/maxent: warning: the point file .*part\.json\.points.0\.json is not a valid point record \(`row` is not an object\); its point runs again/);
    const strip = (text: string) => text.replace(/"timing": \{[^}]*\}/, '');
    expect(strip(readFileSync(join(dir, 'part.json'), 'utf8'))).toBe(strip(readFileSync(join(dir, 'whole.json'), 'utf8')).replaceAll('whole.csv', 'part.csv'));
  });

  it('a second writer of the same sweep is refused while the first lives; a stale lock is taken over', async () => {
    const dir = temporaryFolder('maxent-lock-');
    // This process holds the lock for a moment: pid 1 (init) is alive and not us.
    writeFileSync(join(dir, 's.json.lock'), '1\n');
    const refused = await runMaxent(['sweep', ...SMALL, '--out', 's.json'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^maxent: invalid `--out`: another maxent sweep \(process 1\) is writing s\.json; wait for it to finish, or stop it and continue with --resume\n$/);
    // A dead writer's lock (no such pid) is stale.
    writeFileSync(join(dir, 's.json.lock'), '2147483646\n');
    const taken = await runMaxent(['sweep', ...SMALL, '--out', 's.json'], dir);
    expect(taken.code, taken.stderr).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['s.csv', 's.json']);
  });

  it('sample writes --npy and --out together and leaves no temporaries', async () => {
    const dir = temporaryFolder('maxent-together-');
    expect((await runMaxent(['solve', '--contexts', '2', '--out', 'sol.json', '--quiet'], dir)).code).toBe(0);
    const ok = await runMaxent(['sample', '--solution', 'sol.json', '--neurons', '20', '--out', 'net.json', '--npy', 'npy', '--quiet'], dir);
    expect(ok.code, ok.stderr).toBe(0);
    expect(readdirSync(join(dir, 'npy')).sort()).toEqual(['network-npy.json', 'u.npy', 'v.npy', 'w.npy']);
    expect(readdirSync(dir).filter((name) => name.includes('maxent-tmp'))).toEqual([]);
  });
});
