import { describe, expect, it } from 'vitest';
import { parseConfig } from '@maxent/constraints';
import { parseTrainingSettings } from '@maxent/trainer';
import { expectAllClose } from '#testing';
import { createInThreadExecutor, createMemoryStore, meanAndStderr, mergeSweep, runSweep, sweepPoints, type SweepSpec } from './index.js';

// K = 2, two weight decays, three seeds each: 2 max-ent points and 6 trained ones.
const spec: SweepSpec = {
  base: parseConfig({}),
  grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: [2] }, { field: 'weightScale', values: [0.5, 1] }], initScales: [0.3], weightDecays: [0, 1e-3] }],
  training: parseTrainingSettings({ neurons: 24, steps: 40 }),
  matchWeightScale: true,
  seed: 5,
  preset: null,
  replicates: 3,
};
const versions = { '@maxent/test': '0.0.0' };

describe('sweep replicates (--seeds)', () => {
  it('point order: each setting runs once per replicate, each with its own seed and the weight decay of its axis', () => {
    const trained = sweepPoints(spec).filter((point) => point.mode === 'trained');
    expect(trained.map((point) => [point.values.weightScale, point.training!.weightDecay, point.replicate])).toEqual([
      [0.5, 0, 0], [0.5, 0, 1], [0.5, 0, 2], [0.5, 1e-3, 0], [0.5, 1e-3, 1], [0.5, 1e-3, 2],
      [1, 0, 0], [1, 0, 1], [1, 0, 2], [1, 1e-3, 0], [1, 1e-3, 1], [1, 1e-3, 2],
    ]);
    expect(new Set(trained.map((point) => point.seed)).size).toBe(trained.length);
  });

  it('a spec without replicates or weight decays keeps the point keys of before (so older sweeps keep their hash)', () => {
    const { replicates: _dropped, ...single } = spec;
    const grid = { ...single.grids[0] };
    delete (grid as { weightDecays?: number[] }).weightDecays;
    const plain: SweepSpec = { ...single, grids: [grid] };
    const points = sweepPoints(plain);
    expect(points.every((point) => !('replicate' in point))).toBe(true);
    expect(Object.keys(points.at(-1)!)).toEqual(['index', 'grid', 'mode', 'values', 'config', 'initScale', 'training', 'matchWeightScale', 'seed']);
  });

  it('mean rows agree with the individual rows; resuming an interrupted sweep gives identical bytes', async () => {
    const whole = createMemoryStore();
    await runSweep(spec, { executor: createInThreadExecutor(), store: whole, resume: false });
    const { result, csv } = await mergeSweep(spec, whole, { versions, csvPath: 's.csv' });
    const rows = result.rows;
    const means = rows.filter((row) => row.mode === 'mean');
    expect(means).toHaveLength(4);
    expect(rows.slice(0, 14).every((row) => row.mode !== 'mean')).toBe(true);
    for (const mean of means) {
      const indices = String(mean.indices).split(' ').map(Number);
      expect(indices).toHaveLength(3);
      const replicates = indices.map((index) => rows[index]);
      expect(replicates.every((row) => row.weightDecay === mean.weightDecay && row.weightScale === mean.weightScale)).toBe(true);
      for (const column of ['r2', 'finalLoss', 'tvDistance', 'matchWeightScale', 'matchMismatch', 'matchTvDistance', 'matchSelectivityDifference']) {
        const values = replicates.map((row) => row[column] as number);
        // Independent route: the textbook two-pass formulas, written out here.
        const m = (values[0] + values[1] + values[2]) / 3;
        const se = Math.sqrt(((values[0] - m) ** 2 + (values[1] - m) ** 2 + (values[2] - m) ** 2) / 2 / 3);
        expectAllClose(mean[column] as number, m, { rtol: 1e-12 });
        expectAllClose(mean[`${column}Stderr`] as number, se, { rtol: 1e-9, atol: 1e-15 });
      }
      // Booleans: the fraction of replicates where they hold.
      expectAllClose(mean.matchAtRangeEnd as number, replicates.filter((row) => row.matchAtRangeEnd === true).length / 3, { atol: 0 });
    }

    const store = createMemoryStore();
    const controller = new AbortController();
    await expect(
      runSweep(spec, { executor: createInThreadExecutor(), store, resume: false, signal: controller.signal, onProgress: ({ done }) => done === 9 && controller.abort(new Error('stop')) }),
    ).rejects.toThrow('stop');
    await runSweep(spec, { executor: createInThreadExecutor(), store, resume: true });
    const resumed = await mergeSweep(spec, store, { versions, csvPath: 's.csv' });
    const { timing: _a, ...left } = result;
    const { timing: _b, ...right } = resumed.result;
    expect(JSON.stringify(right)).toBe(JSON.stringify(left));
    expect(resumed.csv).toBe(csv);
  }, 120_000);

  it('meanAndStderr: hand values and edges', () => {
    expect(meanAndStderr([])).toEqual({ mean: null, stderr: null });
    expect(meanAndStderr([2])).toEqual({ mean: 2, stderr: null });
    // mean 2, sample variance ((1)^2 + 0 + (1)^2) / 2 = 1, se = 1 / sqrt(3).
    const { mean, stderr } = meanAndStderr([1, 2, 3]);
    expect(mean).toBe(2);
    expectAllClose(stderr!, 1 / Math.sqrt(3), { rtol: 1e-15 });
  });
});
