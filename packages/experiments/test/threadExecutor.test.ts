import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { parseConfig } from '@maxent/constraints';
import { parseTrainingSettings } from '@maxent/trainer';
import { createInThreadExecutor, createMemoryStore, mergeSweep, runPointTask, runSweep, sweepPoints, type Executor, type SweepSpec } from '@maxent/experiments';
import { createThreadExecutor, workerExecArgv } from '@maxent/experiments/node';

/**
 * The worker-thread executor. Worker threads load built JavaScript
 * (dist/node/worker.js and the packages' dist), so this test builds first; turbo's
 * cache makes that quick when nothing changed. The root `pnpm test` builds anyway.
 */
const root = fileURLToPath(new URL('../../..', import.meta.url));

beforeAll(() => {
  const turbo = ['turbo', 'run', 'build', '--filter=@maxent/experiments...', '--output-logs=errors-only'];
  const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
  let hasFlock = true;
  try {
    execFileSync('flock', ['--version'], { stdio: 'ignore' });
  } catch {
    hasFlock = false;
  }
  if (hasFlock) execFileSync('flock', ['/tmp/build.lock', 'pnpm', ...turbo], { cwd: root, env, stdio: 'pipe' });
  else execFileSync('pnpm', turbo, { cwd: root, env, stdio: 'pipe' });
}, 300_000);

// 2 x 2 configs solved, each trained at 2 init scales with the weight-scale search: 12 points.
const spec: SweepSpec = {
  base: parseConfig({}),
  grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: [2, 3] }, { field: 'weightScale', values: [0.5, 2] }], initScales: [0.05, 2] }],
  training: parseTrainingSettings({ neurons: 24, steps: 40 }),
  matchWeightScale: true,
  seed: 1,
  preset: null,
};

async function resultOf(executor: Executor): Promise<{ json: string; csv: string }> {
  const store = createMemoryStore();
  await runSweep(spec, { executor, store, resume: false });
  const { result, csv } = await mergeSweep(spec, store, { versions: { '@maxent/test': '0.0.0' }, csvPath: 's.csv' });
  const { timing: _timing, ...rest } = result;
  return { json: JSON.stringify(rest, null, 2), csv };
}

describe('worker-thread executor', () => {
  it('gives the same merged result, byte for byte apart from timing, as the in-thread executor, on 1 and 2 threads', async () => {
    const inThread = await resultOf(createInThreadExecutor());
    expect(JSON.parse(inThread.json).rows).toHaveLength(12);
    expect(await resultOf(createThreadExecutor({ workers: 1 }))).toEqual(inThread);
    expect(await resultOf(createThreadExecutor({ workers: 2 }))).toEqual(inThread);
  }, 180_000);

  it("rejects with the failing point's error, its class rebuilt across the thread", async () => {
    const point = sweepPoints(spec)[4];
    const bad = { ...point, training: { ...point.training!, neurons: 0 } };
    // In this thread the same point gives the same error as data.
    expect(runPointTask(bad)).toMatchObject({ ok: false, error: { name: 'InvalidInputError', field: 'neurons' } });
    const failure = createThreadExecutor({ workers: 1 }).run([bad], { onResult: () => {} });
    await expect(failure).rejects.toBeInstanceOf(InvalidInputError);
    await expect(failure).rejects.toThrow('invalid `neurons`: must be an integer >= 1, got 0');
  }, 60_000);

  it('stops on abort and rejects with the reason after reporting the finished points', async () => {
    const points = sweepPoints(spec).filter((point) => point.mode === 'trained');
    const controller = new AbortController();
    const reported: number[] = [];
    const run = createThreadExecutor({ workers: 1 }).run(points, {
      signal: controller.signal,
      onResult: ({ index }) => {
        reported.push(index);
        if (reported.length === 2) controller.abort(new Error('stop'));
      },
    });
    await expect(run).rejects.toThrow('stop');
    expect(reported.length).toBeGreaterThanOrEqual(2);
    expect(reported.length).toBeLessThan(points.length);
  }, 60_000);

  it('refuses a worker count below 1, and drops --conditions from the workers\' Node flags', () => {
    expect(() => createThreadExecutor({ workers: 0 })).toThrow(/invalid `workers`: must be an integer >= 1/);
    expect(workerExecArgv(['--conditions', 'development', '--inspect', '-C', 'x', '--conditions=y', '-Cz', '--max-old-space-size=100'])).toEqual([
      '--inspect',
      '--max-old-space-size=100',
    ]);
  });
});
