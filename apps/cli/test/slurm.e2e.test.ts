import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { runMaxent } from './harness.js';

/**
 * `maxent sweep --executor slurm` on a real single-node SLURM (Debian's slurmctld,
 * slurmd and munge, started by scripts/slurm-local.sh on 127.0.0.1 as in
 * docs/slurm-ci.md). Array tasks run the built CLI (apps/cli/dist/main.js), so
 * this test builds first. The daemons are stopped by their pid files in afterAll,
 * whatever happened. Skipped, with the reason printed, only when the packages are
 * missing and apt-get cannot install them.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));
const slurmLocal = join(root, 'scripts/slurm-local.sh');
/** 2 contexts x 3 weight scales, max-ent only: 6 points of a few milliseconds each. */
const SPEC = ['sweep', '--contexts', '2,3', '--weight-scale', '0.5,1,2', '--seed', '11'];
/** The wait for a job array and its merge job; the recipe's 3-task array takes ~4 s. */
const POLL_LIMIT_MS = 120_000;

const state = mkdtempSync(join(tmpdir(), 'maxent-slurm-state-'));
// A space in every path the jobs see: sbatch directives and the scripts must quote them.
const work = mkdtempSync(join(tmpdir(), 'maxent slurm e2e '));
const previousConf = process.env.SLURM_CONF;
let skipReason: string | null = null;
let started = false;
const startedAt = performance.now();

beforeAll(async () => {
  const turbo = ['turbo', 'run', 'build', '--filter=@maxent/cli...', '--output-logs=errors-only'];
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  try {
    execFileSync('flock', ['/tmp/build.lock', 'pnpm', ...turbo], { cwd: root, env, stdio: 'pipe' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    execFileSync('pnpm', turbo, { cwd: root, env, stdio: 'pipe' });
  }
  try {
    execFileSync(slurmLocal, ['install'], { stdio: 'pipe', encoding: 'utf8' });
  } catch (error) {
    const { status, stderr } = error as { status: number | null; stderr?: string };
    if (status !== 3) throw error;
    skipReason = `SLURM end-to-end test skipped: ${String(stderr).trim() || 'apt-get could not install slurmctld slurmd slurm-client munge'}`;
    console.log(skipReason);
    return;
  }
  const port = await freePortPair();
  started = true;
  execFileSync(slurmLocal, ['start', state], { stdio: 'pipe', env: { ...process.env, SLURM_LOCAL_PORT: String(port) } });
  // The client side of every sbatch/squeue call, and (exported by sbatch) of the jobs.
  process.env.SLURM_CONF = join(state, 'slurm.conf');
}, 300_000);

afterAll(() => {
  try {
    if (started) execFileSync(slurmLocal, ['stop', state], { stdio: 'pipe' });
  } finally {
    if (previousConf === undefined) delete process.env.SLURM_CONF;
    else process.env.SLURM_CONF = previousConf;
    rmSync(state, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
    console.log(`SLURM end-to-end test: ${((performance.now() - startedAt) / 1000).toFixed(1)} s wall time (build, daemons, three submissions)`);
  }
}, 60_000);

/** Two free consecutive ports on 127.0.0.1 (slurmctld's and slurmd's), so a SLURM already running elsewhere is not disturbed. */
async function freePortPair(): Promise<number> {
  const free = (port: number) =>
    new Promise<boolean>((resolve) => {
      const server = createServer();
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
    });
  for (let port = 16817 + 2 * Math.floor(Math.random() * 1000); ; port += 2) {
    if ((await free(port)) && (await free(port + 1))) return port;
  }
}

function skipUnlessStarted(context: TestContext): void {
  if (skipReason !== null) context.skip(skipReason);
}

function run(program: string, args: readonly string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, [...args], { encoding: 'utf8' }, (error, stdout, stderr) => (error === null ? resolve(stdout) : reject(new Error(`${program} ${args.join(' ')}: ${stderr}`))));
  });
}

/** Waits until none of the jobs is in the queue (squeue lists pending and running ones only). */
async function waitForJobs(jobs: readonly string[]): Promise<void> {
  const deadline = performance.now() + POLL_LIMIT_MS;
  while ((await run('squeue', ['-h', '-j', jobs.join(',')])).trim() !== '') {
    if (performance.now() > deadline) throw new Error(`jobs ${jobs.join(', ')} still queued after ${POLL_LIMIT_MS / 1000} s:\n${await run('squeue', ['-j', jobs.join(',')])}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** `ArrayTaskId` (or the job id) to `JobState` for every task of a job still known to the controller. */
async function jobStates(job: string): Promise<Record<string, string>> {
  const states: Record<string, string> = {};
  for (const line of (await run('scontrol', ['-o', 'show', 'job', job])).trim().split('\n')) {
    const task = /ArrayTaskId=(\d+)/.exec(line)?.[1] ?? job;
    states[task] = /JobState=([A-Z_]+)/.exec(line)![1];
  }
  return states;
}

function submittedJobs(stdout: string): { array: string; merge: string } {
  const array = /^array job (\d+)$/m.exec(stdout)?.[1];
  const merge = /^merge job (\d+) /m.exec(stdout)?.[1];
  expect(array, stdout).toBeDefined();
  expect(merge, stdout).toBeDefined();
  return { array: array!, merge: merge! };
}

/** A result file's text without its `timing` block, the only part allowed to differ between runs. */
function bytesWithoutTiming(path: string): string {
  const text = readFileSync(path, 'utf8');
  const timing = /,\n  "timing": \{\n    "maxentSeconds": [^,]+,\n    "trainingSeconds": [^,]+,\n    "pointSeconds": [^\n]+\n  \}/;
  expect(text).toMatch(timing);
  return text.replace(timing, '');
}

describe('maxent sweep --executor slurm on a real single-node SLURM', () => {
  const local = join(work, 'local');
  let reference = { json: '', csv: '' };

  it('runs the sweep in this thread for reference', async (context) => {
    skipUnlessStarted(context);
    execFileSync('mkdir', ['-p', local]);
    // The same relative --out everywhere, so the recorded CSV path is the same.
    expect(await runMaxent([...SPEC, '--workers', '0', '--out', 's.json', '--quiet'], local)).toEqual({ code: 0, stdout: '', stderr: '' });
    reference = { json: bytesWithoutTiming(join(local, 's.json')), csv: readFileSync(join(local, 's.csv'), 'utf8') };
    expect(JSON.parse(reference.json).rows).toHaveLength(6);
  }, 60_000);

  it('submits 3 array tasks of 2 points and a merge job; the merged files are the in-thread bytes (timing aside)', async (context) => {
    skipUnlessStarted(context);
    const dir = join(work, 'on slurm');
    execFileSync('mkdir', ['-p', dir]);
    const submitted = await runMaxent([...SPEC, '--executor', 'slurm', '--chunk', '2', '--sbatch', `--comment='maxent e2e' --time 10`, '--out', 's.json'], dir);
    expect(submitted.stderr).toBe('');
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toContain('6 of 6 points in 3 array tasks of up to 2 (--array=0-2)');
    const { array, merge } = submittedJobs(submitted.stdout);
    await waitForJobs([array, merge]);
    expect(await jobStates(array)).toEqual({ 0: 'COMPLETED', 1: 'COMPLETED', 2: 'COMPLETED' });
    expect(await jobStates(merge)).toEqual({ [merge]: 'COMPLETED' });
    expect(await run('scontrol', ['-o', 'show', 'job', merge])).toMatch(/Comment=maxent e2e .*TimeLimit=00:10:00|TimeLimit=00:10:00.*Comment=maxent e2e/);
    expect(bytesWithoutTiming(join(dir, 's.json'))).toBe(reference.json);
    expect(readFileSync(join(dir, 's.csv'), 'utf8')).toBe(reference.csv);
    expect(existsSync(join(dir, 's.json.points'))).toBe(false);
    expect(await runMaxent(['sweep', '--status', '--out', 's.json'], dir)).toEqual({ code: 0, stdout: 's.json: merged, 6 points\n', stderr: '' });
  }, 2 * POLL_LIMIT_MS);

  it('a failed task leaves a failure record; --merge reports it and exits 4; --resume reruns only that point', async (context) => {
    skipUnlessStarted(context);
    const dir = join(work, 'failing');
    execFileSync('mkdir', ['-p', dir]);
    const dry = await runMaxent([...SPEC, '--executor', 'slurm', '--chunk', '2', '--dry-run', '--out', 's.json'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('nothing submitted');
    // Sabotage: list point 3 with a seed the spec does not give it; the task running it refuses that point only.
    const manifestPath = join(dir, 's.json.slurm/manifest-0.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.points[3].seed = 'sabotaged';
    writeFileSync(manifestPath, JSON.stringify(manifest));
    // Submitted by hand, as the dry run says.
    const array = (await run('sbatch', ['--parsable', join(dir, 's.json.slurm/array-0.sbatch')])).trim();
    const merge = (await run('sbatch', ['--parsable', `--dependency=afterok:${array}`, join(dir, 's.json.slurm/merge-0.sbatch')])).trim();
    await waitForJobs([array, merge]);
    expect(await jobStates(array)).toEqual({ 0: 'COMPLETED', 1: 'FAILED', 2: 'COMPLETED' });
    // DependencyParameters=kill_invalid_depend: the merge never runs after a failed task.
    expect(await jobStates(merge)).toEqual({ [merge]: 'CANCELLED' });
    expect(existsSync(join(dir, 's.json'))).toBe(false);

    const status = await runMaxent(['sweep', '--status', '--out', 's.json'], dir);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/^s\.json: 6 points: 5 done, 0 running, 0 pending, 1 failed, 0 missing/);
    expect(status.stdout).toContain('point 3 failed: invalid `--manifest`: point 3 is listed with seed "sabotaged", but the spec derives seed "11/3"');

    const merged = await runMaxent(['sweep', '--merge', '--out', 's.json'], dir);
    expect(merged.code).toBe(4);
    expect(merged.stderr).toContain('maxent: sweep incomplete: 1 of 6 points are not done; nothing written.');
    expect(merged.stderr).toContain('point 3 failed: invalid `--manifest`: point 3 is listed with seed "sabotaged"');
    expect(existsSync(join(dir, 's.json'))).toBe(false);

    const resumed = await runMaxent(['sweep', '--resume', '--executor', 'slurm', '--out', 's.json'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain('1 of 6 points in 1 array tasks of up to 2 (--array=0-0)');
    const again = submittedJobs(resumed.stdout);
    await waitForJobs([again.array, again.merge]);
    expect(await jobStates(again.array)).toEqual({ 0: 'COMPLETED' });
    expect(JSON.parse(readFileSync(join(dir, 's.json.slurm/manifest-1.json'), 'utf8')).todo).toEqual([3]);
    expect(bytesWithoutTiming(join(dir, 's.json'))).toBe(reference.json);
    expect(readFileSync(join(dir, 's.csv'), 'utf8')).toBe(reference.csv);
  }, 3 * POLL_LIMIT_MS);
});
