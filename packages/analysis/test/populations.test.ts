import { describe, expect, it } from 'vitest';
import { createRng, InvalidInputError } from '@maxent/core';
import { expectAllClose } from '#testing';
import { networkPopulations, type NetworkWeights } from '../src/index.js';

/** A network from per-neuron rows (tests only). */
function network(
  rows: { u: number[]; v: number[]; w: number }[],
  nonlinearity: NetworkWeights['nonlinearity'] = 'relu',
): NetworkWeights {
  const P = rows[0].u.length;
  const K = rows[0].v.length;
  return {
    nonlinearity,
    neurons: rows.length,
    stimuli: P,
    contexts: K,
    u: Float64Array.from(rows.flatMap((row) => row.u)),
    v: Float64Array.from(rows.flatMap((row) => row.v)),
    w: Float64Array.from(rows.map((row) => row.w)),
  };
}

describe('networkPopulations: hand-built relu networks with known answers', () => {
  it('all neurons specialised, stimulus weights on their own context axis: chi = 1, specialization = 1', () => {
    // K = P = 3. Neuron i is active only in context k = i mod 3 and has u = r e_k;
    // |w| = 2 for context 0 and 1 otherwise, so the energy shares are 4:1:1 of 6.
    const rows = [];
    for (let i = 0; i < 30; i++) {
      const k = i % 3;
      const v = [-1, -1, -1];
      v[k] = 0.5 + (i % 5);
      const u = [0, 0, 0];
      u[k] = i % 2 === 0 ? 1.5 : -1.5;
      rows.push({ u, v, w: (k === 0 ? 2 : 1) * Math.sign(u[k]) });
    }
    const result = networkPopulations(network(rows));
    expect(result.method).toBe('gain-patterns');
    expect(result.populations.map((p) => p.pattern)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(result.populations.map((p) => p.count)).toEqual([10, 10, 10]);
    expectAllClose(result.populations.map((p) => p.fraction), [1 / 3, 1 / 3, 1 / 3], { rtol: 1e-15 });
    expectAllClose(result.populations.map((p) => p.energyShare), [4 / 6, 1 / 6, 1 / 6], { rtol: 1e-14 });
    expectAllClose(result.populations.map((p) => p.selectivity), [1, 1, 1], { rtol: 1e-14 });
    expectAllClose(result.summary.specialization, 1, { rtol: 1e-14 });
    expectAllClose(result.summary.selectivity, 1, { rtol: 1e-14 });
    expectAllClose(result.summary.selectivityNormalized ?? NaN, 1, { rtol: 1e-14 });
    expectAllClose(result.summary.specializationPrior, 3 * 0.5 * 0.25, { rtol: 1e-14 });
    expectAllClose(result.summary.activeCount.byFraction, [0, 1, 0, 0], { atol: 1e-15 });
    // Each population's mean w u points along +e_k or -e_k; w r > 0 here, so +e_k.
    expect(result.populations.map((p) => p.direction)).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(Array.from(result.assignment.slice(0, 6))).toEqual([0, 1, 2, 0, 1, 2]);
  });

  it('all neurons active everywhere with u balanced over the axes: chi = 1/P exactly', () => {
    // N = 40, P = 4: neuron i has u = r_i e_(i mod 4). The readout is +1 on axis 0 and
    // alternates sign on the others, so mean(w u) lies along e_0 and
    // chi = sum (u . e_0)^2 / sum |u|^2 = (neurons on axis 0) / N = 1/4.
    const rows = [];
    for (let i = 0; i < 40; i++) {
      const axis = i % 4;
      const u = [0, 0, 0, 0];
      u[axis] = 0.7;
      rows.push({ u, v: [0.1 + i, 2, 3], w: axis === 0 ? 1 : Math.floor(i / 4) % 2 === 0 ? 1 : -1 });
    }
    const result = networkPopulations(network(rows));
    expect(result.populations).toHaveLength(1);
    const [population] = result.populations;
    expect(population.pattern).toEqual([1, 1, 1]);
    expect(population.count).toBe(40);
    expectAllClose([population.fraction, population.energyShare], [1, 1], { rtol: 1e-15 });
    expectAllClose(population.selectivity, 1 / 4, { rtol: 1e-14 });
    expectAllClose(population.direction, [1, 0, 0, 0], { atol: 1e-15 });
    expectAllClose(result.summary.specialization, 0, { atol: 0 });
    expectAllClose(result.summary.selectivityNormalized ?? NaN, 0, { atol: 1e-14 });
    expectAllClose(result.summary.activeCount.byEnergy, [0, 0, 0, 1], { atol: 0 });
  });

  it('all neurons active everywhere with random Gaussian u: chi from the definition, near 1/P', () => {
    const rng = createRng('random-u');
    const N = 4000;
    const P = 5;
    const rows = Array.from({ length: N }, () => ({
      u: Array.from({ length: P }, () => rng.normal()),
      v: [1 + Math.abs(rng.normal()), 1 + Math.abs(rng.normal())],
      w: rng.normal(),
    }));
    const result = networkPopulations(network(rows));
    // Independent evaluation of §10's formulas.
    const mean = new Array<number>(P).fill(0);
    for (const row of rows) for (let j = 0; j < P; j++) mean[j] += row.w * row.u[j];
    const norm = Math.hypot(...mean);
    const ahat = mean.map((x) => x / norm);
    let projected = 0;
    let total = 0;
    const terms: number[] = [];
    for (const row of rows) {
      const dot = row.u.reduce((sum, x, j) => sum + x * ahat[j], 0);
      const u2 = row.u.reduce((sum, x) => sum + x * x, 0);
      projected += dot * dot;
      total += u2;
      terms.push(dot * dot - u2 / P);
    }
    expectAllClose(result.populations[0].selectivity, projected / total, { rtol: 1e-12 });
    expectAllClose(result.populations[0].direction, ahat, { rtol: 1e-12, atol: 1e-15 });
    // Isotropic u: E[chi] = 1/P up to the O(1/N) bias of fitting ahat; 4 standard errors.
    const meanU2 = total / N;
    const variance = terms.reduce((sum, t) => sum + t * t, 0) / N;
    const standardError = Math.sqrt(variance / N) / meanU2;
    expect(Math.abs(result.populations[0].selectivity - 1 / P)).toBeLessThan(4 * standardError + 2 / N);
  });

  it('reports a silent population without direction as chi = 1/P (model.md §6 convention)', () => {
    const result = networkPopulations(
      network([
        { u: [1, 0], v: [-1, -1], w: 0 },
        { u: [0, 1], v: [-2, -1], w: 0 },
        { u: [1, 1], v: [1, -1], w: 1 },
      ]),
    );
    expect(result.populations.map((p) => p.pattern)).toEqual([
      [0, 0],
      [1, 0],
    ]);
    expect(result.populations[0].direction).toEqual([0, 0]);
    expect(result.populations[0].selectivity).toBe(0.5);
    expect(result.populations[0].energyShare).toBe(0);
    expectAllClose(result.populations[1].selectivity, 1, { rtol: 1e-15 });
  });

  it('uses the context prior for specializationPrior', () => {
    const result = networkPopulations(network([{ u: [1], v: [1, -1], w: 1 }]), { contextMean: 1, contextStd: 2 });
    const rho = 0.6914624612740131; // Phi(0.5)
    expectAllClose(result.summary.specializationPrior, 2 * rho * (1 - rho), { rtol: 1e-12 });
  });

  it('rejects arrays of the wrong length, naming the field', () => {
    const bad: NetworkWeights = { ...network([{ u: [1, 2], v: [1], w: 1 }]), u: Float64Array.of(1) };
    expect(() => networkPopulations(bad)).toThrow(InvalidInputError);
    expect(() => networkPopulations(bad)).toThrow(/invalid `network.u`: must hold N x P = 2 numbers, got "1 numbers"/);
  });
});

describe('networkPopulations: continuous gains', () => {
  it('tanh: k-means on the gain vectors finds the planted groups and thresholds centroids at 1/2', () => {
    // Gain 1 - tanh(v)^2 is ~1 near v = 0 and ~0 for |v| >= 3: plant 3 groups in K = 2.
    const rng = createRng('tanh-groups');
    const planted = [
      [0, 0],
      [4, 0],
      [0, -4],
    ];
    const rows = [];
    for (let i = 0; i < 300; i++) {
      const centre = planted[i % 3];
      rows.push({ u: [rng.normal(), rng.normal()], v: centre.map((c) => c + 0.05 * rng.normal()), w: rng.normal() });
    }
    const reported: number[][] = [];
    const result = networkPopulations(network(rows, 'tanh'), { seed: 7, onProgress: ({ done, total, k }) => reported.push([done, total, k]) });
    // k = 2..kMax (8): seven values of k, each reported once it is scored.
    expect(reported).toEqual([2, 3, 4, 5, 6, 7, 8].map((k) => [k - 1, 7, k]));
    expect(result.method).toBe('kmeans');
    // Ordered by pattern index sum_k g_k 2^k.
    expect(result.populations.map((p) => p.pattern)).toEqual([
      [1, 0],
      [0, 1],
      [1, 1],
    ]);
    expect(result.populations.map((p) => p.count)).toEqual([100, 100, 100]);
    // Every neuron of a planted group lands in the same population.
    for (let i = 0; i < 300; i++) expect(result.assignment[i]).toBe(result.assignment[i % 3]);
    expect(result.silhouette.map((s) => s.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
  });

  it('linear: one population with all gains 1', () => {
    const result = networkPopulations(
      network(
        [
          { u: [1, 0], v: [1, -1], w: 1 },
          { u: [0, 1], v: [-1, 1], w: 1 },
        ],
        'linear',
      ),
    );
    expect(result.method).toBe('single');
    expect(result.populations).toHaveLength(1);
    expect(result.populations[0].pattern).toEqual([1, 1]);
  });
});
