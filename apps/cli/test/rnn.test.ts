import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightMetrics } from '@maxent/analysis';
import { decodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

// A tiny network (8 units, short epochs): the command's plumbing is under test.
const SMALL = { grid: [2, 2, 2], trialsPerEpoch: 128, testTrials: 64 };

function folderWithConfig(): string {
  const dir = temporaryFolder('maxent-rnn-');
  writeFileSync(join(dir, 'small.json'), JSON.stringify(SMALL));
  return dir;
}

describe('maxent rnn train', () => {
  it('writes an rnn-training file whose per-epoch measures are those of its stored matrices, and the .npy files', async () => {
    const dir = folderWithConfig();
    const result = await runMaxent(['rnn', 'train', '--config', 'small.json', '--regularizer', 'sernn', '--gamma', '0.1', '--epochs', '2', '--seed', '3', '--out', 'rnn.json', '--npy', 'npy', '--quiet'], dir);
    expect(result.code, result.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'rnn.json'), 'utf8'));
    expect(file.kind).toBe('rnn-training');
    expect(file.config).toMatchObject({ regularizer: 'sernn', gamma: 0.1, epochs: 2, seed: 3, grid: [2, 2, 2] });
    expect(file.epochs.map((e: { epoch: number }) => e.epoch)).toEqual([0, 1, 2]);
    for (const epoch of file.epochs) {
      const metrics = weightMetrics({ rows: 8, cols: 8, data: Float64Array.from(epoch.w.flat()) });
      expect(epoch.measures.shannonEntropy).toBe(metrics.shannonEntropy);
      expect(epoch.measures.modularity.q).toBe(metrics.modularity.q);
      expect(epoch.measures.totalWeight).toBe(metrics.totalWeight);
    }
    expect(file.recurrent).toEqual(file.epochs[2].w);
    expect(file.coordinates).toHaveLength(8);
    const w1 = decodeNpy(readFileSync(join(dir, 'npy', 'w-epoch-001.npy')));
    expect(w1.shape).toEqual([8, 8]);
    expect(Array.from(w1.data as ArrayLike<number>)).toEqual(file.epochs[1].w.flat());
  });

  it('is reproducible: the same seed writes the same bytes', async () => {
    const dir = folderWithConfig();
    for (const out of ['a.json', 'b.json']) {
      expect((await runMaxent(['rnn', 'train', '--config', 'small.json', '--regularizer', 'l1', '--gamma', '0.01', '--epochs', '1', '--out', out, '--quiet'], dir)).code).toBe(0);
    }
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
  });

  it('rejects bad flags with exit 2 naming the flag', async () => {
    const dir = folderWithConfig();
    const bad = await runMaxent(['rnn', 'train', '--regularizer', 'l2'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/invalid `--regularizer`: must be one of none, l1, space, comm, sernn/);
    const gamma = await runMaxent(['rnn', 'train', '--gamma', '-1'], dir);
    expect(gamma.code).toBe(2);
    expect(gamma.stderr).toMatch(/invalid `--gamma`/);
  });
});

describe('maxent rnn sweep', () => {
  it('runs regularizer x gamma x seed in this thread and writes the rnn-sweep file and CSV', async () => {
    const dir = folderWithConfig();
    const result = await runMaxent(['rnn', 'sweep', '--config', 'small.json', '--epochs', '1', '--gammas', 'l1=0.01;sernn=0.1,0.3', '--seeds', '1,2', '--out', 's.json', '--workers', '0', '--quiet'], dir);
    expect(result.code, result.stderr).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 's.json'), 'utf8'));
    expect(file.kind).toBe('rnn-sweep');
    expect(file.rows.map((row: { regularizer: string; gamma: number; seed: number }) => [row.regularizer, row.gamma, row.seed])).toEqual([
      ['l1', 0.01, 1],
      ['l1', 0.01, 2],
      ['sernn', 0.1, 1],
      ['sernn', 0.1, 2],
      ['sernn', 0.3, 1],
      ['sernn', 0.3, 2],
    ]);
    expect(file.summary.cells).toHaveLength(3);
    const csv = readFileSync(join(dir, 's.csv'), 'utf8').trim().split('\n');
    expect(csv).toHaveLength(7);
    expect(csv[0].startsWith('index,regularizer,gamma,seed,learnt')).toBe(true);
  });

  it('rejects --quick without --preset and an unknown preset', async () => {
    const dir = folderWithConfig();
    expect((await runMaxent(['rnn', 'sweep', '--quick', '--gammas', 'l1=0.1', '--out', 's.json'], dir)).stderr).toMatch(/invalid `--quick`/);
    const preset = await runMaxent(['rnn', 'sweep', '--preset', 'nope', '--out', 's.json'], dir);
    expect(preset.code).toBe(2);
    expect(preset.stderr).toMatch(/invalid `--preset`: must be one of sernn-study/);
  });
});
