// Connector .npz input (model.md §14; fixtures by test/fixtures/connector/make_npz.py).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

const fixtures = join(import.meta.dirname, 'fixtures', 'connector');
const fixture = (name: string): string => join(fixtures, name);
const npy = (name: string) => decodeNpy(new Uint8Array(readFileSync(fixture(name))), name);

async function teacher(args: string[]): Promise<Record<string, any>> {
  const folder = temporaryFolder();
  const run = await runMaxent(['lowrank', 'teacher', ...args, '--out', 't.json', '--quiet'], folder);
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(readFileSync(join(folder, 't.json'), 'utf8'));
}

describe('maxent lowrank teacher --npz (Connector files)', () => {
  const M = npy('M.npy');
  const N = npy('N.npy');

  it.each(['plain.npz', 'plain_compressed.npz', 'inputs_bias.npz'])('%s: M and N round-trip exactly', async (name) => {
    const file = await teacher(['--npz', fixture(name)]);
    expect(file.rank).toBe(2);
    expect(Float64Array.from(file.m.flat())).toEqual(M.data);
    expect(Float64Array.from(file.n.flat())).toEqual(N.data);
  });

  it('stored and deflated archives give the mean-field fixed points of the same loadings given as .npy', async () => {
    const fromNpy = await teacher(['--loadings', fixture('M.npy'), '--loadings-n', fixture('N.npy')]);
    expect(fromNpy.meanField.fixedPoints.filter((p: { kind: string }) => p.kind === 'stable').length).toBe(4);
    for (const name of ['plain.npz', 'plain_compressed.npz']) {
      const fromNpz = await teacher(['--npz', fixture(name)]);
      expect(fromNpz.meanField).toEqual(fromNpy.meanField);
    }
  });

  it('reports which columns were read as what: R from latents, input loadings unused, the bias column used', async () => {
    const plain = await teacher(['--npz', fixture('plain.npz')]);
    expect(plain.connector).toMatchObject({ rank: 2, rankFrom: 'N', columns: { m: [0, 2], inputs: null, bias: null }, ignored: [] });
    expect('bias' in plain).toBe(false);
    const full = await teacher(['--npz', fixture('inputs_bias.npz')]);
    expect(full.connector).toMatchObject({ rank: 2, rankFrom: 'latents', shapes: { MBD: [400, 5], N: [400, 2], latents: [3, 30, 2], externalinputs: [3, 30, 2] } });
    expect(full.connector.columns).toEqual({ m: [0, 2], inputs: [2, 4], bias: 4 });
    expect(full.connector.ignored[0]).toMatch(/input loadings/);
    expect(Float64Array.from(full.bias)).toEqual(npy('D.npy').data);
  });

  it('the bias enters the dynamics: each fixed point solves kappa = N^T tanh(M kappa + d) / neurons', async () => {
    const file = await teacher(['--npz', fixture('bias_stored.npz')]);
    const D = npy('D.npy').data;
    const neurons = D.length;
    expect(file.meanField.fixedPoints.length).toBeGreaterThan(2);
    for (const point of file.meanField.fixedPoints as { kappa: number[] }[]) {
      const g = [0, 0];
      for (let i = 0; i < neurons; i++) {
        const phi = Math.tanh(M.data[2 * i] * point.kappa[0] + M.data[2 * i + 1] * point.kappa[1] + D[i]);
        for (let r = 0; r < 2; r++) g[r] += (N.data[2 * i + r] * phi) / neurons;
      }
      for (let r = 0; r < 2; r++) expect(Math.abs(g[r] - point.kappa[r])).toBeLessThan(1e-10);
    }
    // Without the bias the fixed points would differ: the origin is one of them only then.
    expect((file.meanField.fixedPoints as { kappa: number[] }[]).some((p) => Math.hypot(...p.kappa) < 1e-9)).toBe(false);
  });

  it('latents of an .npz are trajectories for lowrank constraints: G_t = N^T tanh(M kappa_t) / neurons', async () => {
    const folder = temporaryFolder();
    const run = await runMaxent(['lowrank', 'constraints', '--trajectories', fixture('plain_compressed.npz'), '--alpha', '0.1', '--out', 'c.json', '--quiet'], folder);
    expect(run.code, run.stderr).toBe(0);
    const constraints = JSON.parse(readFileSync(join(folder, 'c.json'), 'utf8'));
    expect(constraints.points.length).toBeGreaterThan(50);
    const neurons = M.data.length / 2;
    constraints.points.forEach((kappa: number[], t: number) => {
      for (let r = 0; r < 2; r++) {
        let g = 0;
        for (let i = 0; i < neurons; i++) g += (N.data[2 * i + r] * Math.tanh(M.data[2 * i] * kappa[0] + M.data[2 * i + 1] * kappa[1])) / neurons;
        expect(Math.abs(constraints.G[t][r] - g)).toBeLessThan(1e-10);
      }
    });
  });

  it('refuses what does not fit (exit 2, naming the key and shapes)', async () => {
    const folder = temporaryFolder();
    const bad = await runMaxent(['lowrank', 'teacher', '--npz', fixture('bad_columns.npz')], folder);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--npz.*key MBD has 5 columns.*R = 2.*no externalinputs key.*shape \(400, 5\)/);
    const notZip = await runMaxent(['lowrank', 'teacher', '--npz', fixture('M.npy')], folder);
    expect(notZip.code).toBe(2);
    expect(notZip.stderr).toMatch(/--npz.*not a \.npz file/);
    const noLatents = await runMaxent(['lowrank', 'constraints', '--trajectories', fixture('plain.npz'), '--alpha', '0.1'], folder);
    expect(noLatents.code).toBe(2);
    expect(noLatents.stderr).toMatch(/--trajectories.*needs the key latents.*found MBD, N/);
  });

  it('a teacher with biases has no odd G: its constraints are exit 3 with the reason, and folding is refused', async () => {
    const folder = temporaryFolder();
    const made = await runMaxent(['lowrank', 'teacher', '--npz', fixture('bias_stored.npz'), '--out', 't.json', '--quiet'], folder);
    expect(made.code, made.stderr).toBe(0);
    const constraints = await runMaxent(['lowrank', 'constraints', '--network', 't.json', '--out', 'c.json'], folder);
    expect(constraints.code, constraints.stderr).toBe(3);
    expect(constraints.stderr).toMatch(/inconsistent.*biases/);
    const folded = await runMaxent(['lowrank', 'constraints', '--network', 't.json', '--fold', 'yes', '--out', 'c.json'], folder);
    expect(folded.code, folded.stderr).toBe(2);
    expect(folded.stderr).toMatch(/--fold.*biases.*allowed: no/);
    // The same loadings without the bias column fold and pass.
    const plain = await runMaxent(['lowrank', 'teacher', '--npz', fixture('plain.npz'), '--out', 'p.json', '--quiet'], folder);
    expect(plain.code, plain.stderr).toBe(0);
    const plainConstraints = await runMaxent(['lowrank', 'constraints', '--network', 'p.json', '--out', 'pc.json', '--quiet'], folder);
    expect(plainConstraints.code, plainConstraints.stderr).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(['p.json', 'pc.json', 't.json']);
  });
});
