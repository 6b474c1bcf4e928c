import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { parseConfig } from '@maxent/constraints';
import { createInThreadExecutor } from '../../inThreadExecutor.js';
import type { PointResult } from '../../executor.js';
import { sweepPoints, type SweepSpec } from '../../spec.js';
import { createFileStore } from '../fileStore.js';
import { createFailureRecords } from './failureRecords.js';
import { createManifest, type SweepManifest } from './manifest.js';
import type { SlurmClient } from './slurmClient.js';
import { sweepStatus } from './sweepStatus.js';
import { runSweepTask } from './sweepTask.js';

const spec: SweepSpec = {
  base: parseConfig({}),
  grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: [2, 3] }, { field: 'weightScale', values: [0.5, 1, 2] }], initScales: [] }],
  training: null,
  matchWeightScale: false,
  seed: 3,
  preset: null,
};

function setup(chunk = 2) {
  const folder = join(mkdtempSync(join(tmpdir(), 'maxent-task-')), 's.json.points');
  const manifest = createManifest(spec, {
    submission: 0,
    out: 's.json',
    cwd: '/tmp',
    pointsFolder: folder,
    versions: {},
    chunk,
    command: { node: 'node', main: 'main.js' },
    scheduler: { maxArray: null, sbatchOptions: [], sbatchFileText: null },
  });
  return { folder, manifest, store: createFileStore(folder), failures: createFailureRecords(folder) };
}

/** The manifest with point `index` listed under another seed (what an edit or corruption would do). */
function withWrongSeed(manifest: SweepManifest, index: number): SweepManifest {
  return { ...manifest, points: manifest.points.map((point) => (point.index === index ? { ...point, seed: 'edited' } : point)) };
}

describe('runSweepTask', () => {
  it('runs its chunk into point files; a point listed with a wrong seed fails alone, with a record; a rerun completes it', async () => {
    const { folder, manifest, store, failures } = setup();
    const sabotaged = withWrongSeed(manifest, 3);
    const options = { store, failures, job: '12_1', host: 'node7' };
    expect(await runSweepTask(sabotaged, 'm.json', 1, options)).toEqual({ done: [2], skipped: [], failed: [3] });
    expect(readdirSync(folder).sort()).toEqual(['2.json', '3.failed.json']);
    const failure = JSON.parse(readFileSync(join(folder, '3.failed.json'), 'utf8'));
    expect(failure).toMatchObject({ kind: 'sweep-point-failure', sweep: manifest.sweepHash, index: 3, job: '12_1', host: 'node7', error: { name: 'InvalidInputError', field: '--manifest' } });
    expect(failure.error.message).toContain('point 3 is listed with seed "edited", but the spec derives seed "3/3"');

    // The rows are those of the in-thread executor for the same points.
    const inThread: PointResult[] = [];
    await createInThreadExecutor().run(sweepPoints(spec).slice(2, 4), { onResult: (result) => void inThread.push(result) });
    expect((await store.read(2))!.row).toEqual(JSON.parse(JSON.stringify(inThread[0].row)));

    // Rerun with the right manifest: point 2 is kept, point 3 runs and its failure record goes.
    expect(await runSweepTask(manifest, 'm.json', 1, options)).toEqual({ done: [3], skipped: [2], failed: [] });
    expect(readdirSync(folder).sort()).toEqual(['2.json', '3.json']);
    expect((await store.read(3))!.row).toEqual(JSON.parse(JSON.stringify(inThread[1].row)));
    expect(await failures.list()).toEqual([]);
  });

  it('refuses a manifest whose spec gives another sweep, before running anything', async () => {
    const { folder, manifest, store, failures } = setup();
    const edited = { ...manifest, spec: { ...manifest.spec, seed: 4 } };
    await expect(runSweepTask(edited, 'm.json', 0, { store, failures, job: null, host: null })).rejects.toThrow(InvalidInputError);
    await expect(runSweepTask(edited, 'm.json', 0, { store, failures, job: null, host: null })).rejects.toThrow(/was written for sweep [0-9a-f]{16}, but its spec gives sweep/);
    expect(() => readdirSync(folder)).toThrow();
  });
});

describe('sweepStatus', () => {
  /** A scheduler that knows the given task states (what squeue -r -t all would print). */
  const client = (states: Record<string, string>): SlurmClient => ({
    sbatch: async () => '0',
    jobStates: async (ids) => new Map(Object.entries(states).filter(([id]) => ids.some((job) => id.startsWith(`${job}_`)))),
    cancel: async () => {},
    maxArraySize: async () => 1001,
  });

  it('done from the point files, failed from the records, running/pending from the queue, missing otherwise', async () => {
    const { manifest, store, failures } = setup();
    await runSweepTask(withWrongSeed(manifest, 3), 'm.json', 1, { store, failures, job: '12_1', host: null });
    await runSweepTask(manifest, 'm.json', 0, { store, failures, job: '12_0', host: null });
    const options = { sweepHash: manifest.sweepHash, total: 6, store, failures, manifests: [manifest], jobs: [{ submission: 0, arrayJob: '12', mergeJob: '13' }] };
    const status = await sweepStatus({ ...options, client: client({ '12_0': 'COMPLETED', '12_1': 'FAILED', '12_2': 'RUNNING' }) });
    expect(status.source).toBe('scheduler');
    expect(status.counts).toEqual({ done: 3, running: 2, pending: 0, failed: 1, missing: 0 });
    expect(status.points.map((point) => [point.index, point.state, point.job, point.scheduler])).toEqual([
      [0, 'done', '12_0', 'COMPLETED'],
      [1, 'done', '12_0', 'COMPLETED'],
      [2, 'done', '12_1', 'FAILED'],
      [3, 'failed', '12_1', 'FAILED'],
      [4, 'running', '12_2', 'RUNNING'],
      [5, 'running', '12_2', 'RUNNING'],
    ]);
    expect(status.points[3].error?.message).toContain('point 3 is listed with seed');

    // A resubmission of points 3..5 (job 20): its pending tasks win over the old failure record.
    const resumed = createManifest(spec, { ...manifest, submission: 1, todo: [3, 4, 5], chunk: 1 });
    const later = await sweepStatus({
      ...options,
      manifests: [manifest, resumed],
      jobs: [...options.jobs, { submission: 1, arrayJob: '20', mergeJob: '21' }],
      client: client({ '12_1': 'FAILED', '12_2': 'CANCELLED', '20_0': 'PENDING', '20_1': 'RUNNING' }),
    });
    expect(later.points.slice(3).map((point) => [point.state, point.job, point.scheduler])).toEqual([
      ['pending', '20_0', 'PENDING'],
      ['running', '20_1', 'RUNNING'],
      ['missing', '20_2', null],
    ]);

    // Without a scheduler: the files alone.
    const files = await sweepStatus({ ...options, client: null });
    expect([files.source, files.counts]).toEqual(['files', { done: 3, running: 0, pending: 0, failed: 1, missing: 2 }]);
  });
});
