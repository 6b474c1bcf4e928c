import { describe, expect, it } from 'vitest';
import { weightMetrics } from '@maxent/analysis';
import { gridDistances } from '@maxent/trainer';
import { expectAllClose } from '#testing';
import { distanceCorrelation } from './rnnMeasures.js';
import { rnnTrainingToFile, trainTrackedRnn } from './trackRnn.js';

// A small network (18 units on 3 x 3 x 2) and short epochs: the bookkeeping is
// what is under test, not learning.
const settings = { grid: [3, 3, 2], trialsPerEpoch: 256, testTrials: 128, epochs: 2, regularizer: 'sernn' as const, gamma: 0.05, seed: 4 };

describe('trainTrackedRnn', () => {
  const tracked = trainTrackedRnn(settings);

  it('records epochs 0..E, each with its own copy of W', () => {
    expect(tracked.epochs.map((epoch) => epoch.epoch)).toEqual([0, 1, 2]);
    expect(tracked.epochs[0].trainLoss).toBeNull();
    expect(tracked.epochs[1].w).not.toEqual(tracked.epochs[0].w);
    expect(tracked.epochs[2].w).toEqual(tracked.result.parameters.w);
  });

  it('per-epoch measures equal weightMetrics of the stored matrices', () => {
    for (const epoch of tracked.epochs) {
      const metrics = weightMetrics({ rows: 18, cols: 18, data: Float64Array.from(epoch.w) });
      const m = epoch.measures;
      expect(m.shannonEntropy).toBe(metrics.shannonEntropy);
      expect(m.communicabilityEntropy).toBe(metrics.communicabilityEntropy);
      expect(m.modularity).toBe(metrics.modularity.q);
      expect(m.communities).toEqual(Array.from(metrics.modularity.communities));
      expect(m.leadingEigenvalue).toBe(metrics.leadingEigenvalue);
      expect(m.spectralRadius).toBe(metrics.spectralRadius);
      expect(m.spectralEntropy).toBe(metrics.spectralEntropy);
      expect(m.totalWeight).toBe(metrics.totalWeight);
    }
  });

  it('the file holds the matrices as rows and the same scalars', () => {
    const file = rnnTrainingToFile(tracked) as {
      epochs: { w: number[][]; accuracy: number; measures: { shannonEntropy: number; modularity: { q: number } } }[];
      recurrent: number[][];
      coordinates: number[][];
    };
    expect(file.epochs).toHaveLength(3);
    expect(file.epochs[1].w.flat()).toEqual(Array.from(tracked.epochs[1].w));
    expect(file.epochs[1].accuracy).toBe(tracked.epochs[1].testAccuracy);
    expect(file.epochs[1].measures.shannonEntropy).toBe(tracked.epochs[1].measures.shannonEntropy);
    expect(file.epochs[2].measures.modularity.q).toBe(tracked.epochs[2].measures.modularity);
    expect(file.recurrent.flat()).toEqual(Array.from(tracked.result.parameters.w));
    expect(file.coordinates).toHaveLength(18);
    expect(file.coordinates[1]).toEqual([0, 0, 1]);
    // JSON-safe: survives a round trip unchanged.
    expect(JSON.parse(JSON.stringify(file))).toEqual(file);
  });

  it('with the l1 penalty the recorded constraint is the total weight', () => {
    const l1 = trainTrackedRnn({ ...settings, regularizer: 'l1', epochs: 1 });
    for (const epoch of l1.epochs) expectAllClose(epoch.constraint, epoch.measures.totalWeight, { rtol: 1e-12 });
  });
});

describe('distanceCorrelation', () => {
  it('is -1 when |W| falls linearly with distance and +1 when it rises, off the diagonal', () => {
    const d = gridDistances([2, 3]);
    const n = 6;
    const falling = Float64Array.from(d, (value) => 10 - value);
    const rising = Float64Array.from(d, (value, index) => (index % (n + 1) === 0 ? 99 : -(2 * value + 1)));
    expectAllClose(distanceCorrelation(falling, d, n)!, -1, { rtol: 1e-12 });
    expectAllClose(distanceCorrelation(rising, d, n)!, 1, { rtol: 1e-12 });
    expect(distanceCorrelation(new Float64Array(36).fill(1), d, n)).toBeNull();
  });
});
