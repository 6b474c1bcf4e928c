import { describe, expect, it } from 'vitest';
import { createRng } from '@maxent/core';
import { clusterBySilhouette, silhouetteScore } from '../src/index.js';

/** `perCluster` points around each centre with isotropic noise `spread` (row-major). */
function planted(centres: number[][], perCluster: number, spread: number, seed: string): Float64Array {
  const rng = createRng(seed);
  const dimension = centres[0].length;
  const points = new Float64Array(centres.length * perCluster * dimension);
  for (let i = 0; i < centres.length * perCluster; i++) {
    const centre = centres[i % centres.length];
    for (let d = 0; d < dimension; d++) points[i * dimension + d] = centre[d] + spread * rng.normal();
  }
  return points;
}

describe('clusterBySilhouette', () => {
  it.each([
    [2, [[0, 0, 0], [1, 1, 1]]],
    [3, [[0, 0, 0], [1, 0, 0], [0, 1, 1]]],
    [4, [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1]]],
    [6, [[0, 0, 0], [1, 0, 0], [0, 1, 0], [0, 0, 1], [1, 1, 0], [1, 1, 1]]],
  ])('finds the planted %i well-separated clusters of gain vectors', (k, centres) => {
    const count = centres.length * 80;
    const points = planted(centres, 80, 0.04, `planted-${k}`);
    const result = clusterBySilhouette(points, count, 3, { seed: 3 });
    expect(result).not.toBeNull();
    expect(result!.k).toBe(k);
    // The partition is the planted one, up to relabelling.
    for (let i = 0; i < count; i++) expect(result!.labels[i]).toBe(result!.labels[i % k]);
    expect(new Set(Array.from(result!.labels.slice(0, k))).size).toBe(k);
  });

  it('does not depend on anything but the seed', () => {
    const points = planted([[0, 0], [1, 1], [0, 1]], 50, 0.3, 'overlap');
    const a = clusterBySilhouette(points, 150, 2, { seed: 'x' });
    const b = clusterBySilhouette(points, 150, 2, { seed: 'x' });
    expect(a).toEqual(b);
  });

  it('returns null when all points coincide (a single population), and splits two distinct ones', () => {
    expect(clusterBySilhouette(new Float64Array(8).fill(0.3), 4, 2)).toBeNull();
    const two = clusterBySilhouette(Float64Array.from([0, 0, 0, 0, 0, 0, 1, 1]), 4, 2);
    expect(two?.k).toBe(2);
    expect(Array.from(two!.labels)).toEqual([two!.labels[0], two!.labels[0], two!.labels[0], 1 - two!.labels[0]]);
  });

  it('silhouette: 1 - a/b on a hand-computed example', () => {
    // Points 0, 1 (cluster 0) and 10, 12 (cluster 1) on a line.
    // s(0) = 1 - 1/11, s(1) = 1 - 1/10, s(10) = 1 - 2/9.5, s(12) = 1 - 2/11.5.
    const points = Float64Array.from([0, 1, 10, 12]);
    const labels = Int32Array.from([0, 0, 1, 1]);
    const expected = (1 - 1 / 11 + 1 - 1 / 10 + 1 - 2 / 9.5 + 1 - 2 / 11.5) / 4;
    expect(silhouetteScore(points, 1, labels, Int32Array.from([0, 1, 2, 3]))).toBeCloseTo(expected, 14);
  });
});
