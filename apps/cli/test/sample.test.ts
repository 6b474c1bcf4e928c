import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { decodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

// Statistical runs of 1e4-1e5 draws; the machine may be shared, so allow more than the 5 s default.
vi.setConfig({ testTimeout: 60_000 });

// Every CLI test runs `maxent` in-process through the shared harness.
const run = runMaxent;

function tempDir(): string {
  return temporaryFolder('maxent-sample-');
}

let dir: string;
beforeAll(async () => {
  dir = tempDir();
  const solved = await run(['solve', '--contexts', '2', '--out', 'sol.json', '--quiet'], dir);
  expect(solved.code).toBe(0);
});

const read = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));

describe('maxent sample --method exact', () => {
  it('writes a network file with the interfaces.md keys', async () => {
    const { code, stdout, stderr } = await run(['sample', '--solution', 'sol.json', '--neurons', '500', '--seed', '3', '--out', 'net.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/sampled 500 relu neurons \(exact\) from sol\.json, seed 3/);
    const file = read('net.json');
    expect(file.schemaVersion).toBe(1);
    expect(file.kind).toBe('network');
    expect(file.seed).toBe(3);
    expect(file.config.task).toEqual({ name: 'select', contexts: 2 });
    expect(file.config.sampling).toEqual({ solution: 'sol.json', method: 'exact', neurons: 500 });
    expect(file.versions['@maxent/sampler']).toMatch(/^\d+\.\d+\.\d+/);
    expect(file.nonlinearity).toBe('relu');
    expect(file.neurons).toBe(500);
    expect(file.u).toHaveLength(500);
    expect(file.u[0]).toHaveLength(2);
    expect(file.v[499]).toHaveLength(2);
    expect(file.w).toHaveLength(500);
    expect(file.task).toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(file.diagnostics).toBeUndefined();
  });

  it('same seed, byte-identical file; another seed, another network', async () => {
    await run(['sample', '--solution', 'sol.json', '--neurons', '300', '--seed', '8', '--out', 'a.json'], dir);
    await run(['sample', '--solution', 'sol.json', '--neurons', '300', '--seed', '8', '--out', 'b.json'], dir);
    await run(['sample', '--solution', 'sol.json', '--neurons', '300', '--seed', '9', '--out', 'c.json'], dir);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    expect(read('a.json').u).not.toEqual(read('c.json').u);
  });

  it('--npy writes u.npy, v.npy, w.npy whose headers match the .npy format spec byte for byte', async () => {
    const { code } = await run(['sample', '--solution', 'sol.json', '--neurons', '7', '--out', 'n.json', '--npy', 'arrays', '--quiet'], dir);
    expect(code).toBe(0);
    const file = read('n.json');
    const cases: [string, string, number[]][] = [
      ['u.npy', '(7, 2)', file.u.flat()],
      ['v.npy', '(7, 2)', file.v.flat()],
      ['w.npy', '(7,)', file.w],
    ];
    for (const [name, shape, values] of cases) {
      const bytes = new Uint8Array(readFileSync(join(dir, 'arrays', name)));
      // numpy.lib.format v1.0: magic "\x93NUMPY", major 1, minor 0, little-endian uint16 header
      // length, an ASCII dict literal padded with spaces and ended by '\n' so that the data
      // starts at a multiple of 64 bytes, then the values as little-endian float64 in C order.
      const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shape}, }`;
      const headerLength = Math.ceil((10 + dict.length + 1) / 64) * 64 - 10;
      const expectedHeader = dict + ' '.repeat(headerLength - dict.length - 1) + '\n';
      expect(Array.from(bytes.subarray(0, 8))).toEqual([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
      expect(bytes[8] + 256 * bytes[9]).toBe(headerLength);
      expect(new TextDecoder('latin1').decode(bytes.subarray(10, 10 + headerLength))).toBe(expectedHeader);
      expect((10 + headerLength) % 64).toBe(0);
      const data = new DataView(bytes.buffer, bytes.byteOffset + 10 + headerLength);
      expect(bytes.length).toBe(10 + headerLength + 8 * values.length);
      expect(Array.from({ length: values.length }, (_, i) => data.getFloat64(8 * i, true))).toEqual(values);
      expect(Array.from(decodeNpy(bytes).data)).toEqual(values);
    }
  });
});

describe('maxent sample --method mcmc', () => {
  it('writes diagnostics { acceptanceRate, rhat, ess, constraintCheck: { mean, stderr } }', async () => {
    const { code, stdout } = await run(
      ['sample', '--solution', 'sol.json', '--neurons', '4000', '--method', 'mcmc', '--warmup', '500', '--seed', '2', '--out', 'mc.json'],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/mcmc \(blocked\): 4 chains, acceptance 0\.\d{3}, max R-hat 1\.\d{4}, min bulk ESS \d+/);
    const file = read('mc.json');
    expect(file.neurons).toBe(4000);
    const d = file.diagnostics;
    // thin auto (the default) chose the thinning and reached ESS / N >= 1/2 for every f.
    expect(d.autoThin.reached).toBe(true);
    expect(d.essRatio).toBeGreaterThanOrEqual(0.5);
    expect(stdout).toContain(`thin ${d.thin} (auto): ESS / N of the constraint functions ${d.essRatio.toFixed(3)} (min over f)`);
    expect(file.config.sampling).toEqual({ solution: 'sol.json', method: 'mcmc', neurons: 4000, variant: 'blocked', chains: 4, warmup: 500, thin: d.thin, thinning: 'auto' });
    expect(d.acceptanceRate).toBeGreaterThan(0);
    expect(d.rhat).toBeGreaterThan(0.99);
    expect(d.ess).toBeGreaterThan(0);
    expect(d.constraintCheck.mean).toHaveLength(2);
    expect(d.constraintCheck.stderr[1]).toHaveLength(2);
    // The solution solves A = I: the draws' mean of f is within 5 MCSE of it.
    const A = [
      [1, 0],
      [0, 1],
    ];
    d.constraintCheck.mean.forEach((row: number[], k: number) =>
      row.forEach((mean, j) => expect(Math.abs(mean - A[k][j])).toBeLessThan(5 * d.constraintCheck.stderr[k][j])),
    );
  });

  it('--thin n keeps a fixed thinning, with the achieved ratio reported beside it', async () => {
    const { code, stdout } = await run(
      ['sample', '--solution', 'sol.json', '--neurons', '400', '--method', 'mcmc', '--warmup', '200', '--thin', '3', '--out', 'fixed.json'],
      dir,
    );
    expect(code).toBe(0);
    const file = read('fixed.json');
    expect(file.config.sampling).toMatchObject({ thin: 3, thinning: 'fixed' });
    expect(file.diagnostics.autoThin).toBeUndefined();
    expect(stdout).toContain(`thin 3: ESS / N of the constraint functions ${file.diagnostics.essRatio.toFixed(3)} (min over f)`);
  });

  it('warns on stderr (does not fail) when the chains are too short', async () => {
    const { code, stderr } = await run(
      ['sample', '--solution', 'sol.json', '--neurons', '40', '--method', 'mcmc', '--variant', 'full', '--warmup', '0', '--out', 'short.json'],
      dir,
    );
    expect(code).toBe(0);
    expect(stderr).toMatch(/^maxent: warning: .*effective sample size/m);
  });
});

describe('maxent sample: bad input exits 2 with a clear message and writes nothing', () => {
  const cases: [string, string[], RegExp][] = [
    ['a non-numeric neuron count', ['--neurons', 'many'], /invalid `--neurons`: must be an integer >= 1, got "many"/],
    ['zero neurons', ['--neurons', '0'], /invalid `--neurons`: must be an integer >= 1, got "0"/],
    ['an unknown method', ['--neurons', '5', '--method', 'gibbs'], /invalid `--method`: must be one of exact, mcmc, got "gibbs"/],
    ['an unknown variant', ['--neurons', '5', '--method', 'mcmc', '--variant', 'hmc'], /invalid `--variant`: must be one of blocked, full, got "hmc"/],
    ['mcmc settings with exact', ['--neurons', '5', '--chains', '2'], /invalid `--chains`: only applies to --method mcmc, got "2"/],
    ['a bad thinning', ['--neurons', '5', '--method', 'mcmc', '--thin', '0'], /invalid `--thin`: must be auto or an integer >= 1, got "0"/],
    ['too few neurons for the chains', ['--neurons', '12', '--method', 'mcmc'], /invalid `--neurons`: must be at least 13 for --method mcmc with 4 chains \(4 draws per chain for the diagnostics\), got 12/],
  ];
  it.each(cases)('%s', async (_, flags, message) => {
    const { code, stderr } = await run(['sample', '--solution', 'sol.json', '--out', 'bad.json', ...flags], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(existsSync(join(dir, 'bad.json'))).toBe(false);
  });

  it('a solution file of the wrong kind', async () => {
    await run(['sample', '--solution', 'sol.json', '--neurons', '5', '--out', 'net5.json', '--quiet'], dir);
    const { code, stderr } = await run(['sample', '--solution', 'net5.json', '--neurons', '5', '--out', 'bad.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `--solution`: net5\.json is of kind "network", expected "maxent-solution"/);
  });

  it('multipliers whose shape does not match the config', async () => {
    const solution = read('sol.json');
    writeFileSync(join(dir, 'shape.json'), JSON.stringify({ ...solution, lambda: [[1, 0, 0], [0, 1, 0], [0, 0, 1]] }));
    const { code, stderr } = await run(['sample', '--solution', 'shape.json', '--neurons', '5', '--out', 'bad.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `--solution\.lambda`: must be a 2 x 2 matrix .* got 3 rows of 3 entries/);
  });

  it('multipliers outside the domain (q >= 1)', async () => {
    const solution = read('sol.json');
    writeFileSync(join(dir, 'domain.json'), JSON.stringify({ ...solution, lambda: [[2, 0], [0, 2]] }));
    const { code, stderr } = await run(['sample', '--solution', 'domain.json', '--neurons', '5', '--out', 'bad.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `lambda`: must be admissible/);
  });

  it('exact sampling of a tanh solution', async () => {
    const solution = read('sol.json');
    writeFileSync(join(dir, 'tanh.json'), JSON.stringify({ ...solution, config: { ...solution.config, nonlinearity: 'tanh' } }));
    const { code, stderr } = await run(['sample', '--solution', 'tanh.json', '--neurons', '5', '--out', 'bad.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `--method`: must be mcmc for the tanh solution in tanh\.json/);
  });

  it('a missing solution file, and an existing --out is left untouched by a failed run', async () => {
    writeFileSync(join(dir, 'keep.json'), 'precious');
    const { code, stderr } = await run(['sample', '--solution', 'nope.json', '--neurons', '5', '--out', 'keep.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `--solution`: nope\.json: no such file/);
    expect(readFileSync(join(dir, 'keep.json'), 'utf8')).toBe('precious');
  });
});
