import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

/**
 * `maxent sweep --executor slurm` without a cluster: flag checks, --dry-run, and
 * --status / --merge over point files. The scripts name the built CLI, so this
 * builds first (turbo's cache makes that quick). The real cluster run is
 * slurm.e2e.test.ts.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const SPEC = ['sweep', '--contexts', '2,3', '--weight-scale', '0.5,1,2'];

beforeAll(() => {
  const turbo = ['turbo', 'run', 'build', '--filter=@maxent/cli...', '--output-logs=errors-only'];
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  try {
    execFileSync('flock', ['/tmp/build.lock', 'pnpm', ...turbo], { cwd: root, env, stdio: 'pipe' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    execFileSync('pnpm', turbo, { cwd: root, env, stdio: 'pipe' });
  }
}, 300_000);

describe('maxent sweep --executor slurm: flags', () => {
  it.each([
    [['--chunk', '2'], 'invalid `--chunk`: only applies with --executor slurm'],
    [['--dry-run'], 'invalid `--dry-run`: only applies with --executor slurm'],
    [['--executor', 'pbs'], 'invalid `--executor`: must be one of thread, workers, slurm, got "pbs"'],
    [['--executor', 'slurm', '--workers', '2'], 'invalid `--workers`: does not apply with --executor slurm'],
    [['--executor', 'slurm', '--chunk', '0', '--dry-run'], 'invalid `--chunk`: must be an integer >= 1, got "0"'],
    [['--executor', 'slurm', '--sbatch', '--array=0-9', '--dry-run'], 'invalid `--sbatch`: --array is set by maxent itself'],
    [['--executor', 'slurm', '--sbatch-file', 'nope.sh', '--dry-run'], 'invalid `--sbatch-file`: nope.sh: no such file'],
    [['--status', '--merge'], 'invalid `--status`: give --status or --merge, not both'],
  ])('%j: exit 2 naming the flag', async (flags, message) => {
    const dir = temporaryFolder();
    const run = await runMaxent([...SPEC, ...flags, '--out', 's.json'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 's.json.slurm'))).toBe(false);
  });
});

describe('maxent sweep --executor slurm --dry-run', () => {
  it('writes the manifest and both scripts in a folder with spaces, and prints the sbatch commands', async () => {
    const dir = join(temporaryFolder(), 'my sweeps');
    mkdirSync(dir);
    const run = await runMaxent([...SPEC, '--seed', '5', '--executor', 'slurm', '--chunk', '4', '--max-array', '2', '--dry-run', '--out', 's.json'], dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const folder = join(dir, 's.json.slurm');
    expect(run.stdout).toContain(`6 of 6 points in 2 array tasks of up to 4 (--array=0-1%2); nothing submitted`);
    expect(run.stdout).toContain(`  sbatch --parsable '${join(folder, 'array-0.sbatch')}'\n`);
    expect(run.stdout).toContain(`  sbatch --parsable --dependency=afterok:<array job id> '${join(folder, 'merge-0.sbatch')}'\n`);
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest-0.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'sweep-manifest', out: 's.json', cwd: dir, chunk: 4, tasks: 2, todo: [0, 1, 2, 3, 4, 5] });
    expect(manifest.points.map((point: { seed: string }) => point.seed)).toEqual(['5/0', '5/1', '5/2', '5/3', '5/4', '5/5']);
    expect(Object.keys(manifest.versions)).toContain('@maxent/experiments');
    expect(manifest.command).toEqual({ node: process.execPath, main: join(root, 'apps/cli/dist/main.js') });
    const script = readFileSync(join(folder, 'array-0.sbatch'), 'utf8');
    expect(script).toContain(`#SBATCH --chdir="${dir}"\n`);
    expect(script).toContain(`--manifest '${join(folder, 'manifest-0.json')}' --index "$SLURM_ARRAY_TASK_ID"\n`);
    // Nothing ran: every point is missing, and a fresh submission replaces the dry run.
    expect((await runMaxent(['sweep', '--status', '--out', 's.json'], dir)).stdout).toBe(
      's.json: 6 points: 0 done, 0 running, 0 pending, 0 failed, 6 missing (from the point files)\n  missing: points 0-5\n',
    );
    const again = await runMaxent([...SPEC, '--seed', '5', '--executor', 'slurm', '--dry-run', '--out', 's.json'], dir);
    expect(again.stdout).toContain('6 of 6 points in 6 array tasks of up to 1 (--array=0-5)');
    // Other sweep flags than the submitted sweep's are refused.
    const other = await runMaxent(['sweep', '--contexts', '2', '--status', '--out', 's.json'], dir);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/invalid `--out`: s\.json is sweep [0-9a-f]{16} \(submitted to SLURM\), these flags give sweep [0-9a-f]{16}/);
  });
});

describe('maxent sweep --status and --merge over point files', () => {
  it('--merge of an incomplete sweep lists the missing points and exits 4; once complete it writes the local bytes', async () => {
    const dir = temporaryFolder();
    expect((await runMaxent([...SPEC, '--workers', '0', '--out', 'ref.json', '--quiet'], dir)).code).toBe(0);
    const reference = readFileSync(join(dir, 'ref.json'), 'utf8');
    // A submission written but not submitted; its array tasks run here by hand, two of them left out.
    const partial = await runMaxent([...SPEC, '--executor', 'slurm', '--dry-run', '--out', 's.json'], dir);
    expect(partial.code).toBe(0);
    const manifest = join(dir, 's.json.slurm/manifest-0.json');
    for (const index of ['0', '2', '3', '5']) expect((await runMaxent(['sweep-task', '--manifest', manifest, '--index', index], dir)).code).toBe(0);

    const status = await runMaxent(['sweep', '--status', '--out', 's.json'], dir);
    expect(status.stdout).toBe('s.json: 6 points: 4 done, 0 running, 0 pending, 0 failed, 2 missing (from the point files)\n  missing: points 1, 4\n');
    const incomplete = await runMaxent(['sweep', '--merge', '--out', 's.json'], dir);
    expect(incomplete.code).toBe(4);
    expect(incomplete.stderr).toContain('maxent: sweep incomplete: 2 of 6 points are not done; nothing written.');
    expect(incomplete.stderr).toContain('  missing: points 1, 4');
    expect(existsSync(join(dir, 's.json'))).toBe(false);

    for (const index of ['1', '4']) expect((await runMaxent(['sweep-task', '--manifest', manifest, '--index', index], dir)).code).toBe(0);
    expect(await runMaxent(['sweep', '--merge', '--out', 's.json'], dir)).toEqual({ code: 0, stdout: 'wrote s.json and s.csv: 6 points merged\n', stderr: '' });
    const strip = (text: string) => text.replace(/"timing": \{[^}]*\}/, '').replace(/"csv": "[^"]*"/, '');
    expect(strip(readFileSync(join(dir, 's.json'), 'utf8'))).toBe(strip(reference));
    expect(existsSync(join(dir, 's.json.points'))).toBe(false);
    expect((await runMaxent(['sweep', '--status', '--out', 's.json'], dir)).stdout).toBe('s.json: merged, 6 points\n');
    expect((await runMaxent(['sweep-task', '--manifest', manifest, '--index', '6'], dir)).stderr).toContain('invalid `--index`: must be an array task index 0..5 of this manifest, got 6');
  }, 120_000);
});
