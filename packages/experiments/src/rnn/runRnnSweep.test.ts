import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '@maxent/core';
import { createInThreadExecutor } from '../inThreadExecutor.js';
import { createMemoryStore } from '../pointStore.js';
import { rnnSweepPoints, type RnnSweepSpec } from './rnnSweep.js';
import { mergeRnnSweep, runRnnSweep } from './runRnnSweep.js';

const spec: RnnSweepSpec = {
  groups: [
    { regularizer: 'l1', gammas: [0.001, 0.01] },
    { regularizer: 'sernn', gammas: [0.1] },
  ],
  seeds: [1, 2],
  settings: { grid: [2, 2, 2], trialsPerEpoch: 64, testTrials: 32, epochs: 1 },
  preset: null,
};

describe('runRnnSweep', () => {
  it('lists regularizer x gamma x seed, seeds fastest, each point with its own settings', () => {
    const points = rnnSweepPoints(spec);
    expect(points.map((point) => [point.regularizer, point.gamma, point.seed])).toEqual([
      ['l1', 0.001, 1],
      ['l1', 0.001, 2],
      ['l1', 0.01, 1],
      ['l1', 0.01, 2],
      ['sernn', 0.1, 1],
      ['sernn', 0.1, 2],
    ]);
    expect(points[4].settings).toMatchObject({ regularizer: 'sernn', gamma: 0.1, seed: 1, epochs: 1 });
  });

  it('resumes from the store: an interrupted sweep finishes with the rows of an uninterrupted one', async () => {
    const whole = createMemoryStore();
    await runRnnSweep(spec, { executor: createInThreadExecutor(), store: whole, resume: false });
    const expected = await mergeRnnSweep(spec, whole);

    const partial = createMemoryStore();
    const controller = new AbortController();
    await expect(
      runRnnSweep(spec, {
        executor: createInThreadExecutor(),
        store: partial,
        resume: false,
        signal: controller.signal,
        onProgress: ({ done }) => {
          if (done === 2) controller.abort(new Error('stop'));
        },
      }),
    ).rejects.toThrow('stop');
    expect((await partial.list()).length).toBe(2);
    await expect(runRnnSweep(spec, { executor: createInThreadExecutor(), store: partial, resume: false })).rejects.toThrow(InvalidInputError);
    const resumed = await runRnnSweep(spec, { executor: createInThreadExecutor(), store: partial, resume: true });
    expect(resumed.ran).toBe(4);
    const merged = await mergeRnnSweep(spec, partial);
    expect(merged.rows).toEqual(expected.rows);
    expect(merged.rows[5].epochs).toHaveLength(2);
  });

  it('rejects an unknown regulariser and an empty gamma list, naming the flag', () => {
    expect(() => rnnSweepPoints({ ...spec, groups: [{ regularizer: 'l2' as 'l1', gammas: [1] }] })).toThrow(/invalid `--regularizers`/);
    expect(() => rnnSweepPoints({ ...spec, groups: [{ regularizer: 'l1', gammas: [] }] })).toThrow(/invalid `--gammas`/);
  });
});
