import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { weightMetrics } from '@maxent/analysis';
import { createRng, encodeNpy, type Mat } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

// Every CLI test runs `maxent` in-process through the shared harness.
const run = runMaxent;

function freshDir(): string {
  return temporaryFolder('maxent-metrics-');
}

/** Two planted modules of 6 nodes with weak links across, plus some negative weights. */
function plantedWeights(): Mat {
  const rng = createRng(5);
  const n = 12;
  const data = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const inside = i < 6 === j < 6;
      data[i * n + j] = (inside ? 0.5 + rng.next() : 0.05 * rng.next()) * (rng.next() < 0.25 ? -1 : 1);
    }
  }
  return { rows: n, cols: n, data };
}

function rowsOf(matrix: Mat): number[][] {
  return Array.from({ length: matrix.rows }, (_, i) => Array.from(matrix.data.subarray(i * matrix.cols, (i + 1) * matrix.cols)));
}

/** A .npy file with any header dictionary and raw data bytes (for dtypes and orders we do not write). */
function rawNpy(descr: string, fortran: boolean, shape: number[], body: Uint8Array): Uint8Array {
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${descr}', 'fortran_order': ${fortran ? 'True' : 'False'}, 'shape': ${shapeText}, }`;
  header += ' '.repeat((64 - ((10 + header.length + 1) % 64)) % 64) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + headerBytes.length + body.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0], 0);
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  out.set(body, 10 + headerBytes.length);
  return out;
}

function float32Npy(matrix: Mat): Uint8Array {
  const body = new Uint8Array(matrix.data.length * 4);
  const view = new DataView(body.buffer);
  matrix.data.forEach((value, index) => view.setFloat32(index * 4, value, true));
  return rawNpy('<f4', false, [matrix.rows, matrix.cols], body);
}

describe('maxent metrics', () => {
  it('reads a float64 .npy, writes a weight-metrics file with the contract keys and prints a summary', async () => {
    const dir = freshDir();
    const w = plantedWeights();
    writeFileSync(join(dir, 'W.npy'), encodeNpy(w.data, [w.rows, w.cols]));
    const { code, stdout, stderr } = await run(['metrics', '--weights', 'W.npy', '--out', 'metrics.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'metrics.json'), 'utf8'));
    expect(result.kind).toBe('weight-metrics');
    expect(result.schemaVersion).toBe(1);
    expect(result.config).toEqual({ weights: 'W.npy', gamma: 1, permuteNodes: false });
    expect(result).not.toHaveProperty('seed');
    const expected = weightMetrics(w);
    expect(result.shannonEntropy).toBe(expected.shannonEntropy);
    expect(result.communicabilityEntropy).toBe(expected.communicabilityEntropy);
    expect(result.modularity).toEqual({ q: expected.modularity.q, communities: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1] });
    expect(result.leadingEigenvalue).toBe(expected.leadingEigenvalue);
    expect(result.logLeadingEigenvalue).toBe(expected.logLeadingEigenvalue);
    expect(result.spectralRadius).toBe(expected.spectralRadius);
    expect(result.spectralEntropy).toBe(expected.spectralEntropy);
    expect(result.totalWeight).toBe(expected.totalWeight);
    expect(stdout).toMatch(/^W\.npy: 12 x 12 weight matrix$/m);
    expect(stdout).toMatch(/modularity Q\s+0\.\d+ \(2 communities\)/);
    expect(stdout).toMatch(/wrote metrics\.json/);
  });

  it('reads float32 .npy as the float32-rounded matrix', async () => {
    const dir = freshDir();
    const w = plantedWeights();
    writeFileSync(join(dir, 'W32.npy'), float32Npy(w));
    const { code, stdout } = await run(['metrics', '--weights', 'W32.npy', '--json'], dir);
    expect(code).toBe(0);
    const rounded: Mat = { rows: w.rows, cols: w.cols, data: Float64Array.from(Float32Array.from(w.data)) };
    expect(JSON.parse(stdout).totalWeight).toBe(weightMetrics(rounded).totalWeight);
  });

  it('gives the same result from { "matrix": rows }, a bare array of rows and .npy', async () => {
    const dir = freshDir();
    const w = plantedWeights();
    writeFileSync(join(dir, 'W.npy'), encodeNpy(w.data, [w.rows, w.cols]));
    writeFileSync(join(dir, 'object.json'), JSON.stringify({ matrix: rowsOf(w) }));
    writeFileSync(join(dir, 'rows.json'), JSON.stringify(rowsOf(w)));
    const strip = (text: string) => {
      const { config: _config, ...rest } = JSON.parse(text);
      return rest;
    };
    const fromNpy = await run(['metrics', '--weights', 'W.npy', '--json'], dir);
    const fromObject = await run(['metrics', '--weights', 'object.json', '--json'], dir);
    const fromRows = await run(['metrics', '--weights', 'rows.json', '--json'], dir);
    expect(strip(fromObject.stdout)).toEqual(strip(fromNpy.stdout));
    expect(strip(fromRows.stdout)).toEqual(strip(fromNpy.stdout));
  });

  it('passes --gamma and --seed to the modularity search and records them', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'W.json'), JSON.stringify(rowsOf(plantedWeights())));
    const once = await run(['metrics', '--weights', 'W.json', '--gamma', '0', '--seed', '9', '--json'], dir);
    const again = await run(['metrics', '--weights', 'W.json', '--gamma', '0', '--seed', '9', '--json'], dir);
    expect(once.code).toBe(0);
    expect(once.stdout).toBe(again.stdout);
    const result = JSON.parse(once.stdout);
    expect(result.seed).toBe(9);
    expect(result.config).toEqual({ weights: 'W.json', gamma: 0, permuteNodes: true });
    // gamma = 0 never splits: one community holding all the weight, Q = 1.
    expect(result.modularity.communities).toEqual(new Array(12).fill(0));
    expect(result.modularity.q).toBeCloseTo(1, 12);
  });

  it('writes null for the undefined measures of a zero matrix', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'zero.json'), JSON.stringify({ matrix: [[0, 0], [0, 0]] }));
    const { code, stdout } = await run(['metrics', '--weights', 'zero.json', '--json'], dir);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result.modularity).toEqual({ q: null, communities: [0, 0] });
    expect(result.spectralEntropy).toBeNull();
    expect(result.logLeadingEigenvalue).toBeNull();
  });

  it.each([
    ['Fortran order', rawNpy('<f8', true, [2, 2], new Uint8Array(32)), /invalid `--weights`: Fortran-ordered arrays are not supported.*\(in bad\.npy\)/],
    ['an integer dtype', rawNpy('<i8', false, [2, 2], new Uint8Array(32)), /invalid `--weights`: dtype <i8 is not supported.*\(in bad\.npy\)/],
    ['a non-square matrix', encodeNpy(new Float64Array(6), [2, 3]), /invalid `--weights`: must be a square matrix, got 2x3 \(in bad\.npy\)/],
    ['a 1-D array', encodeNpy(new Float64Array(4), [4]), /invalid `--weights`: must be a 2-D array, got shape \(4\) \(in bad\.npy\)/],
    ['a NaN entry', encodeNpy(Float64Array.from([1, 0, Number.NaN, 1]), [2, 2]), /invalid `--weights`: must hold only finite numbers, got NaN at row 1, column 0 \(0-based\) \(in bad\.npy\)/],
    ['an Inf entry', encodeNpy(Float64Array.from([1, 0, 0, Infinity]), [2, 2]), /got Infinity at row 1, column 1/],
  ])('exits 2 on a .npy with %s, naming the flag and the file', async (_, bytes, message) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'bad.npy'), bytes);
    const { code, stdout, stderr } = await run(['metrics', '--weights', 'bad.npy'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it.each([
    ['ragged rows', JSON.stringify([[1, 2], [3]]), /must be a square matrix: row 1 has 1 entries, there are 2 rows/],
    ['a non-square object', JSON.stringify({ matrix: [[1, 2, 3], [4, 5, 6]] }), /must be a square matrix: row 0 has 3 entries/],
    ['a string entry', JSON.stringify({ matrix: [[1, '2'], [3, 4]] }), /entry \(0, 1\) is "2", not a number/],
    ['a null entry (NaN written by a JSON encoder)', JSON.stringify([[1, null], [3, 4]]), /entry \(0, 1\) is null, not a number/],
    ['a missing matrix key', JSON.stringify({ weights: [[1]] }), /`matrix` is not a non-empty array of rows/],
    ['an empty array', '[]', /the array is not a non-empty array of rows/],
    ['malformed JSON', '{ "matrix": [[1, 2]', /is neither a NumPy \.npy file nor valid JSON/],
  ])('exits 2 on JSON with %s', async (_, text, message) => {
    const dir = freshDir();
    writeFileSync(join(dir, 'bad.json'), text);
    const { code, stderr } = await run(['metrics', '--weights', 'bad.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^maxent: invalid `--weights`: /);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/\(in bad\.json\)/);
  });

  it('exits 2 for a missing file, a bad --gamma or --seed, and no --weights', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'W.json'), '[[1]]');
    const missing = await run(['metrics', '--weights', 'nope.npy'], dir);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/invalid `--weights`: nope\.npy: no such file/);
    const gamma = await run(['metrics', '--weights', 'W.json', '--gamma', '-1'], dir);
    expect(gamma.code).toBe(2);
    expect(gamma.stderr).toMatch(/invalid `--gamma`: must be a finite number >= 0, got "-1"/);
    const seed = await run(['metrics', '--weights', 'W.json', '--seed', '1.5'], dir);
    expect(seed.code).toBe(2);
    expect(seed.stderr).toMatch(/invalid `--seed`/);
    const none = await run(['metrics'], dir);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--weights/);
  });

  it('leaves an existing --out file untouched when the input is bad', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'out.json'), 'previous');
    writeFileSync(join(dir, 'bad.json'), '[[1, 2]]');
    const { code } = await run(['metrics', '--weights', 'bad.json', '--out', 'out.json'], dir);
    expect(code).toBe(2);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe('previous');
  });
});
