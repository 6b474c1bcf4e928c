// The .npy route for networks (issue 17, class 6): `--npy DIR` writes the arrays
// and a network-npy.json record; `--network` reads the folder (or any of its
// files) back, and every command gives the same result as from the JSON file.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

vi.setConfig({ testTimeout: 60_000 });

let dir: string;
const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
/** A result file with the one key that names the input (config.network) removed. */
const withoutInputName = (file: { config: Record<string, unknown> }) => ({ ...file, config: { ...file.config, network: '<input>' } });

beforeAll(async () => {
  dir = temporaryFolder('maxent-npy-');
  expect((await runMaxent(['solve', '--contexts', '3', '--out', 'sol.json', '--quiet'], dir)).code).toBe(0);
  const sampled = await runMaxent(['sample', '--solution', 'sol.json', '--neurons', '3000', '--seed', '4', '--out', 'net.json', '--npy', 'net'], dir);
  expect(sampled.code, sampled.stderr).toBe(0);
  expect(sampled.stdout).toContain('wrote net.json and net/{u,v,w}.npy (with network-npy.json)');
});

describe('--npy DIR writes what --network DIR reads back', () => {
  it('the arrays equal the JSON file and the record holds the rest of it', () => {
    const file = json('net.json');
    const u = decodeNpy(readFileSync(join(dir, 'net', 'u.npy')));
    const v = decodeNpy(readFileSync(join(dir, 'net', 'v.npy')));
    const w = decodeNpy(readFileSync(join(dir, 'net', 'w.npy')));
    expect(u.shape).toEqual([3000, 3]);
    expect(v.shape).toEqual([3000, 3]);
    expect(w.shape).toEqual([3000]);
    expect(Array.from(u.data)).toEqual(file.u.flat());
    expect(Array.from(v.data)).toEqual(file.v.flat());
    expect(Array.from(w.data)).toEqual(file.w);
    const record = json('net/network-npy.json');
    const { u: _u, v: _v, w: _w, ...rest } = file;
    expect(record).toEqual({ ...rest, kind: 'network-npy', arrays: { u: 'u.npy', v: 'v.npy', w: 'w.npy' } });
  });

  it.each(['net', 'net/', 'net/u.npy', 'net/w.npy', 'net/network-npy.json'])('analyze --network %s equals analyze from the JSON', async (input) => {
    expect((await runMaxent(['analyze', '--network', 'net.json', '--solution', 'sol.json', '--out', 'a-json.json', '--quiet'], dir)).code).toBe(0);
    const fromNpy = await runMaxent(['analyze', '--network', input, '--solution', 'sol.json', '--out', 'a-npy.json', '--quiet'], dir);
    expect(fromNpy.code, fromNpy.stderr).toBe(0);
    expect(json('a-npy.json').config.network).toBe(input);
    expect(withoutInputName(json('a-npy.json'))).toEqual(withoutInputName(json('a-json.json')));
  });

  it('evaluate from the folder equals evaluate from the JSON (its stimulusStd comes from the record)', async () => {
    expect((await runMaxent(['evaluate', '--network', 'net.json', '--trials', '200', '--out', 'e-json.json', '--quiet'], dir)).code).toBe(0);
    expect((await runMaxent(['evaluate', '--network', 'net', '--trials', '200', '--out', 'e-npy.json', '--quiet'], dir)).code).toBe(0);
    expect(withoutInputName(json('e-npy.json'))).toEqual(withoutInputName(json('e-json.json')));
  });

  it('train --npy round-trips too', async () => {
    const trained = await runMaxent(['train', '--contexts', '2', '--neurons', '30', '--steps', '20', '--out', 't.json', '--npy', 't', '--quiet'], dir);
    expect(trained.code, trained.stderr).toBe(0);
    expect((await runMaxent(['evaluate', '--network', 't.json', '--trials', '50', '--out', 'te-json.json', '--quiet'], dir)).code).toBe(0);
    expect((await runMaxent(['evaluate', '--network', 't', '--trials', '50', '--out', 'te-npy.json', '--quiet'], dir)).code).toBe(0);
    expect(withoutInputName(json('te-npy.json'))).toEqual(withoutInputName(json('te-json.json')));
  });

  it('sample --npy without --out writes only the folder (the route for big networks), same arrays as with it', async () => {
    const only = await runMaxent(['sample', '--solution', 'sol.json', '--neurons', '3000', '--seed', '4', '--npy', 'only'], dir);
    expect(only.code, only.stderr).toBe(0);
    expect(only.stdout).toContain('wrote only/{u,v,w}.npy (with network-npy.json)');
    expect(readdirSync(join(dir, 'only')).sort()).toEqual(['network-npy.json', 'u.npy', 'v.npy', 'w.npy']);
    for (const name of ['u.npy', 'v.npy', 'w.npy', 'network-npy.json']) {
      expect(readFileSync(join(dir, 'only', name)).equals(readFileSync(join(dir, 'net', name))), name).toBe(true);
    }
  });

  it('sample with neither --out nor --npy is refused naming --out', async () => {
    const run = await runMaxent(['sample', '--solution', 'sol.json', '--neurons', '10'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('maxent: invalid `--out`: required: give --out FILE (JSON), --npy DIR (.npy arrays, for big networks) or both\n');
  });
});
