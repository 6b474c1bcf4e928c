import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng } from '@maxent/core';
import { describe, expect, it } from 'vitest';
import { MAX_SCATTER_NEURONS, matrixPayload, openFile, type MatrixPayload, type NetworkPayload } from './openFile.js';

const FIXTURES = join(import.meta.dirname, '../../../../packages/figures/test/fixtures');
const fixture = (name: string) => new Uint8Array(readFileSync(join(FIXTURES, name)));
const text = (value: string) => new TextEncoder().encode(value);

describe('openFile (in the worker)', () => {
  it('passes a solution through with its kind', () => {
    const opened = openFile('solution-k3.json', fixture('solution-k3.json'), 1);
    expect(opened).toMatchObject({ id: 1, name: 'solution-k3.json', kind: 'maxent-solution', notes: [] });
    expect((opened.data as { lambda: unknown }).lambda).toHaveLength(3);
  });

  it('says what is wrong with broken JSON, naming the file', () => {
    expect(() => openFile('broken.json', text('{"kind": "maxent-solution", '), 2)).toThrow(/^broken\.json is not valid JSON \(.+\), nor a NumPy \.npy file$/);
  });

  it.each([
    ['null', /holds a JSON null, not a result file/],
    ['"text"', /holds a JSON string/],
    ['{"lambda": []}', /has no "kind"/],
  ])('refuses %s as not a result file', (json, message) => {
    expect(() => openFile('x.json', text(json), 3)).toThrow(message);
  });

  it('keeps an unknown kind for the page to name (it owns the registry)', () => {
    expect(openFile('x.json', text('{"kind": "<b>new</b>"}'), 4).kind).toBe('<b>new</b>');
  });

  it('reads a .npy weight matrix, with the eigenvalues numpy computed (fixture)', () => {
    const opened = openFile('weights-100.npy', fixture('weights-100.npy'), 5);
    expect(opened.kind).toBe('weight-matrix');
    const payload = opened.data as MatrixPayload;
    expect(payload.size).toBe(100);
    expect(payload.rows).toHaveLength(100);
    const reference = JSON.parse(readFileSync(join(FIXTURES, 'eigenvalues-100.json'), 'utf8')) as { real: number[]; imaginary: number[] };
    const sorted = (real: readonly number[], imaginary: readonly number[]) =>
      real.map((re, i) => [re, imaginary[i]]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const ours = sorted(payload.eigenvalues!.real, payload.eigenvalues!.imaginary);
    const numpy = sorted(reference.real, reference.imaginary);
    ours.forEach(([re, im], i) => {
      expect(Math.abs(re - numpy[i][0]), `re ${i}`).toBeLessThan(1e-9);
      expect(Math.abs(im - numpy[i][1]), `im ${i}`).toBeLessThan(1e-9);
    });
  });

  it('reads a JSON matrix (bare rows or { matrix })', () => {
    expect(openFile('w.json', text('[[0, 1], [2, 0]]'), 6).kind).toBe('weight-matrix');
    expect((openFile('w.json', text('{"matrix": [[0, 1], [2, 0]]}'), 7).data as MatrixPayload).rows).toEqual([[0, 1], [2, 0]]);
  });

  it('subsamples a network of 12000 neurons to the scatter limit, seeded, and counts populations over all of them', () => {
    const rng = createRng(5);
    const N = 12000;
    const row = (n: number) => Array.from({ length: n }, () => rng.normal());
    const file = { kind: 'network', config: { context: { mean: 0, std: 1 } }, nonlinearity: 'relu', neurons: N, u: Array.from({ length: N }, () => row(2)), v: Array.from({ length: N }, () => row(2)), w: row(N), task: [[1, 0], [0, 1]] };
    const bytes = text(JSON.stringify(file));
    const opened = openFile('net.json', bytes, 8);
    const payload = opened.data as NetworkPayload;
    expect(payload.totalNeurons).toBe(N);
    expect(payload.file.neurons).toBe(MAX_SCATTER_NEURONS);
    expect(payload.file.w).toHaveLength(MAX_SCATTER_NEURONS);
    expect(opened.notes.join(' ')).toMatch(/draws 5000 of the 12000 neurons \(seeded uniform subsample, seed 1\)/);
    // Every kept neuron is one of the file's, with its own u, v and w.
    const index = file.w.indexOf(payload.file.w[17]);
    expect(payload.file.u[17]).toEqual(file.u[index]);
    expect(payload.file.v[17]).toEqual(file.v[index]);
    const counts = (payload.analysis!.populations as { count: number }[]).reduce((sum, p) => sum + p.count, 0);
    expect(counts).toBe(N);
    expect(openFile('net.json', bytes, 9).data).toEqual(payload);
  });
});

describe('matrixPayload', () => {
  it('groups the nodes by community and draws every s-th node of a large matrix', () => {
    const n = 1200;
    const data = new Float64Array(n * n);
    const communities = Array.from({ length: n }, (_, i) => (i * 7) % 3);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) data[i * n + j] = communities[i] === communities[j] ? 1 : 0;
    const payload = matrixPayload({ rows: n, cols: n, data }, communities);
    expect(payload.rows).toHaveLength(400);
    expect(payload.eigenvalues).toBeNull();
    // Sorted by community: the drawn matrix is block diagonal, labels non-decreasing.
    expect([...payload.communities!].sort((a, b) => a - b)).toEqual(payload.communities);
    const labels = payload.communities!;
    const wrong = payload.rows.flatMap((row, r) => row.filter((value, c) => value !== (labels[r] === labels[c] ? 1 : 0)));
    expect(wrong).toEqual([]);
  });

  it('refuses labels of another size', () => {
    expect(() => matrixPayload({ rows: 2, cols: 2, data: new Float64Array(4) }, [0, 1, 1])).toThrow(/2 nodes but the weight-metrics file labels 3/);
  });
});
