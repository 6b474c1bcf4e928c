import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { parseConfig } from '@maxent/constraints';
import { parseTrainingSettings } from '@maxent/trainer';
import {
  createInThreadExecutor,
  createMemoryStore,
  mergeSweep,
  runSweep,
  sweepPoints,
  type Executor,
  type PointStore,
  type SweepSpec,
} from './index.js';

// 3 x 2 configs solved, then each trained at one init scale: 12 points, a few seconds in all.
const spec: SweepSpec = {
  base: parseConfig({}),
  grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: [1, 2, 3] }, { field: 'weightScale', values: [0.5, 1] }], initScales: [0.5] }],
  training: parseTrainingSettings({ neurons: 16, steps: 20 }),
  matchWeightScale: false,
  seed: 1,
  preset: null,
};
const versions = { '@maxent/test': '0.0.0' };

/** The in-thread executor, counting the points it is given to run. */
function countingExecutor(): Executor & { ran: number[] } {
  const inner = createInThreadExecutor();
  const ran: number[] = [];
  return {
    ran,
    run: (points, options) => inner.run(points, { ...options, onResult: (result) => (ran.push(result.index), options.onResult(result)) }),
  };
}

async function merged(store: PointStore): Promise<string> {
  const { result } = await mergeSweep(spec, store, { versions, csvPath: 's.csv' });
  const { timing, ...rest } = result;
  expect(timing.pointSeconds).toBeGreaterThan(0);
  return JSON.stringify(rest);
}

describe('runSweep and mergeSweep', () => {
  it('an interrupted sweep resumed runs only the missing points, and merges to the same result as an uninterrupted one', async () => {
    const total = sweepPoints(spec).length;
    expect(total).toBe(12);
    const whole = createMemoryStore();
    await runSweep(spec, { executor: createInThreadExecutor(), store: whole, resume: false });

    const store = createMemoryStore();
    const controller = new AbortController();
    const first = countingExecutor();
    await expect(
      runSweep(spec, {
        executor: first,
        store,
        resume: false,
        signal: controller.signal,
        onProgress: ({ done }) => done === 8 && controller.abort(new Error('stop')),
      }),
    ).rejects.toThrow('stop');
    expect(first.ran).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    const kept = await Promise.all((await store.list()).map((index) => store.read(index)));
    await expect(mergeSweep(spec, store, { versions, csvPath: 's.csv' })).rejects.toThrow(
      /the sweep is unfinished: 4 of 12 points have no point file in memory \(first: point 8\); run the sweep again with --resume/,
    );

    const second = countingExecutor();
    const run = await runSweep(spec, { executor: second, store, resume: true });
    expect(second.ran).toEqual([8, 9, 10, 11]);
    expect(run.ran).toBe(4);
    // The first run's records are untouched.
    for (const record of kept) expect(await store.read(record!.index)).toEqual(record);
    expect(await merged(store)).toBe(await merged(whole));
  }, 60_000);

  it('refuses records without --resume, and records of another sweep with it', async () => {
    const store = createMemoryStore();
    await store.write({ sweep: 'another sweep', index: 0, seconds: 0, row: {} });
    const run = (resume: boolean) => runSweep(spec, { executor: createInThreadExecutor(), store, resume });
    await expect(run(false)).rejects.toThrow(new InvalidInputError('--resume', "invalid `--resume`: an unfinished sweep's point files exist in memory; pass --resume to continue it, or delete them to start over"));
    await expect(run(true)).rejects.toThrow(/the point file memory point 0 belongs to a different sweep/);
    await expect(mergeSweep(spec, store, { versions, csvPath: 's.csv' })).rejects.toThrow(/belongs to a different sweep/);
  });

  it('the result file has its keys in the fixed order, the CSV one line per point', async () => {
    const store = createMemoryStore();
    const maxentOnly: SweepSpec = { ...spec, training: null };
    await runSweep(maxentOnly, { executor: createInThreadExecutor(), store, resume: false });
    const { result, csv } = await mergeSweep(maxentOnly, store, { versions, csvPath: 's.csv', maxentSeconds: 1 });
    expect(Object.keys(result)).toEqual(['schemaVersion', 'kind', 'config', 'seed', 'versions', 'preset', 'sweepHash', 'points', 'columns', 'rows', 'csv', 'timing']);
    expect(result.rows.map((row) => row.index)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(result.timing.maxentSeconds).toBe(1);
    expect(csv.split('\r\n')).toHaveLength(1 + 6 + 1);
  });
});
