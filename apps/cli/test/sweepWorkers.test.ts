import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

/**
 * The real worker-thread path of `maxent sweep`. Worker threads load built
 * JavaScript (packages/experiments/dist/node/worker.js and the packages' dist), so this test
 * builds first; turbo's cache makes that quick when nothing changed. The root
 * `pnpm test` builds anyway.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

beforeAll(() => {
  const turbo = ['turbo', 'run', 'build', '--filter=@maxent/cli...', '--output-logs=errors-only'];
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  let hasFlock = true;
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
  } catch {
    hasFlock = false;
  }
  // Serialise with other builds in a shared checkout when flock is there.
  if (hasFlock) execFileSync('flock', ['/tmp/build.lock', 'pnpm', ...turbo], { cwd: root, env, stdio: 'pipe' });
  else execFileSync('pnpm', turbo, { cwd: root, env, stdio: 'pipe' });
}, 300_000);

/** A result file's text without its `timing` block, the only part allowed to differ between runs. */
function bytesWithoutTiming(path: string): string {
  const text = readFileSync(path, 'utf8');
  const timing = /,\n  "timing": \{[^}]*\}/;
  expect(text).toMatch(timing);
  return text.replace(timing, '');
}

describe('maxent sweep on worker threads', () => {
  it('writes the same bytes in this thread and on 1 and 2 worker threads (apart from timing)', async () => {
    const sweep = ['sweep', '--contexts', '2,3', '--weight-scale', '0.5,2', '--train', '--init-scales', '0.05,2', '--neurons', '24', '--steps', '40', '--quiet'];
    const files: Record<string, { json: string; csv: string }> = {};
    for (const workers of ['0', '1', '2']) {
      // Same relative --out in each folder, so the recorded CSV path is the same too.
      const dir = temporaryFolder(`maxent-sweep-workers-${workers}-`);
      const run = await runMaxent([...sweep, '--out', 's.json', '--workers', workers], dir);
      expect(run, `--workers ${workers}`).toEqual({ code: 0, stdout: '', stderr: '' });
      files[workers] = { json: bytesWithoutTiming(join(dir, 's.json')), csv: readFileSync(join(dir, 's.csv'), 'utf8') };
    }
    expect(JSON.parse(files['0'].json).rows).toHaveLength(4 + 8);
    expect(files['1']).toEqual(files['0']);
    expect(files['2']).toEqual(files['0']);
  }, 180_000);
});
