// Scale invariance of the weight-matrix measures (model.md §11, issue 17 class 3):
// entropies, modularity and its partition do not depend on the scale of W, the
// spectrum and the total weight scale with it. Checked on the stored fixtures
// (a 100 x 100 sparse-ish matrix and the 3 x 3 ones) and on a planted
// two-community matrix, from 1e-200 to 1e200, where the unscaled iterations
// underflowed (Q = 1 in one community at 1e-200), lost the communities
// (1e-12) or never finished (1e160).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeWeightMatrix, type Mat } from '@maxent/core';
import { weightMetrics } from '../src/metrics/weightMetrics.js';

const FACTORS = [1e-200, 1e-12, 1, 1e12, 1e200];

function fixture(path: string): Mat {
  return decodeWeightMatrix(readFileSync(fileURLToPath(new URL(path, import.meta.url))));
}

/** Two blocks of 6 strongly coupled nodes, weakly coupled across, signed. */
function plantedCommunities(): Mat {
  const n = 12;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const same = i < 6 === j < 6;
      data[i * n + j] = (same ? 1 : 0.05) * ((i + 2 * j) % 3 === 0 ? -1 : 1) * (1 + 0.1 * ((i * 7 + j) % 5));
    }
  }
  return { rows: n, cols: n, data };
}

const MATRICES: Record<string, () => Mat> = {
  'weights-100.npy': () => fixture('../../figures/test/fixtures/weights-100.npy'),
  'weights-f8.npy': () => fixture('../../core/test/fixtures/weights-f8.npy'),
  'weights-f4.npy': () => fixture('../../core/test/fixtures/weights-f4.npy'),
  'two planted communities': plantedCommunities,
};

function scaled(matrix: Mat, c: number): Mat {
  return { ...matrix, data: matrix.data.map((x) => x * c) };
}

function close(actual: number | null, expected: number | null, rtol: number, atol = 0): void {
  if (expected === null) {
    expect(actual).toBeNull();
    return;
  }
  expect(actual).not.toBeNull();
  expect(Number.isFinite(actual)).toBe(true);
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(rtol * Math.abs(expected) + atol);
}

describe('weight-matrix measures under W -> c W', () => {
  for (const [name, make] of Object.entries(MATRICES)) {
    const w = make();
    const reference = weightMetrics(w);
    it.each(FACTORS)(`${name}: c = %s keeps the entropies, Q and the partition, and scales the spectrum by c`, (c) => {
      const m = weightMetrics(scaled(w, c));
      close(m.shannonEntropy, reference.shannonEntropy, 1e-12, 1e-13);
      close(m.communicabilityEntropy, reference.communicabilityEntropy, 1e-10, 1e-12);
      close(m.modularity.q, reference.modularity.q, 1e-9, 1e-12);
      expect(Array.from(m.modularity.communities)).toEqual(Array.from(reference.modularity.communities));
      close(m.leadingEigenvalue, reference.leadingEigenvalue * c, 1e-9, 1e-12 * reference.spectralRadius * c);
      close(m.spectralRadius, reference.spectralRadius * c, 1e-9);
      close(m.spectralEntropy, reference.spectralEntropy, 1e-7, 1e-9);
      close(m.totalWeight, reference.totalWeight * c, 1e-12);
      if (reference.logLeadingEigenvalue !== null) close(m.logLeadingEigenvalue, reference.logLeadingEigenvalue + Math.log(c), 1e-9, 1e-9);
    });
  }

  it('finds the planted communities at every scale', () => {
    for (const c of FACTORS) {
      const communities = Array.from(weightMetrics(scaled(plantedCommunities(), c)).modularity.communities);
      expect(communities, `c = ${c}`).toEqual([0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1]);
    }
  });

  it('finishes on entries near 1e160, where the QR iteration overflowed', () => {
    const w: Mat = { rows: 3, cols: 3, data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 10]).map((x) => x * 1e160) };
    const m = weightMetrics(w);
    const unit = weightMetrics({ ...w, data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 10]) });
    close(m.spectralRadius, unit.spectralRadius * 1e160, 1e-12);
    close(m.modularity.q, unit.modularity.q, 1e-12, 1e-14);
  });
});
