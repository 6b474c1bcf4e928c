import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

/**
 * The real worker-thread path of `maxent sweep`. Worker threads load built
 * JavaScript (apps/cli/dist/sweep/worker.js and the packages' dist), so this test
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

function withoutTiming(path: string): unknown {
  const result = JSON.parse(readFileSync(path, 'utf8'));
  delete result.timing;
  delete result.csv;
  return result;
}

describe('maxent sweep on worker threads', () => {
  it('gives the same file with 2 worker threads as in this thread', async () => {
    const dir = temporaryFolder('maxent-sweep-workers-');
    const sweep = ['sweep', '--contexts', '2,3', '--weight-scale', '0.5,2', '--train', '--init-scales', '0.05,2', '--neurons', '24', '--steps', '40', '--quiet'];
    const inThread = await runMaxent([...sweep, '--out', 'zero.json', '--workers', '0'], dir);
    const threads = await runMaxent([...sweep, '--out', 'two.json', '--workers', '2'], dir);
    expect(inThread).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(threads).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(withoutTiming(join(dir, 'two.json'))).toEqual(withoutTiming(join(dir, 'zero.json')));
    expect(readFileSync(join(dir, 'two.csv'), 'utf8')).toBe(readFileSync(join(dir, 'zero.csv'), 'utf8'));
  }, 120_000);
});
