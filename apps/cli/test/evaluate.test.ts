import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fromRows } from '@maxent/core';
import { networkToFields, type Network } from '@maxent/constraints';
import { expectAllClose } from '#testing';
import { runMaxent, temporaryFolder } from './harness.js';

// Every CLI test runs `maxent` in-process through the shared harness.
const run = runMaxent;

// The select task for K = 2 computed exactly by relu neuron pairs with large gates
// (z = s_k while |s_k| < 100), so R^2 = 1 for both the network and its linearisation.
const exact: Network = {
  nonlinearity: 'relu',
  neurons: 4,
  stimuli: 2,
  contexts: 2,
  u: Float64Array.from([1, 0, -1, 0, 0, 1, 0, -1]),
  v: Float64Array.from([100, -100, 100, -100, -100, 100, -100, 100]),
  w: Float64Array.from([2, -2, 2, -2]),
  task: fromRows([[1, 0], [0, 1]]),
};

function networkFile(dir: string, network: Network, extra: Record<string, unknown> = {}): string {
  const path = join(dir, 'net.json');
  writeFileSync(path, JSON.stringify({ schemaVersion: 1, kind: 'network', config: { stimulusStd: 0.2 }, ...networkToFields(network), ...extra }));
  return path;
}

describe('maxent evaluate', () => {
  it('writes an evaluation file with R^2 = 1 for an exact network and prints a table', async () => {
    const dir = temporaryFolder('maxent-evaluate-');
    networkFile(dir, exact);
    const { code, stdout, stderr } = await run(['evaluate', '--network', 'net.json', '--trials', '300', '--seed', '4', '--out', 'eval.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8'));
    expect(result.kind).toBe('evaluation');
    expect(result.seed).toBe(4);
    expect(result.config).toEqual({ network: 'net.json', trials: 300, stimulusStd: 0.2 });
    expectAllClose([result.r2, result.linearized.r2, ...result.perContext.map((c: { r2: number }) => c.r2)], [1, 1, 1, 1], { atol: 1e-12 });
    expect(result.perContext.map((c: { context: number }) => c.context)).toEqual([0, 1]);
    expect(result.linearized.perContext).toHaveLength(2);
    expect(stdout).toMatch(/context\s+R\^2\s+MSE\s+R\^2 linearised/);
    expect(stdout).toMatch(/^all\s+1\.00000/m);
  });

  it('is reproducible from the seed, and --stimulus-std overrides the file', async () => {
    const dir = temporaryFolder('maxent-evaluate-');
    const noisy: Network = { ...exact, v: exact.v.map((x) => x / 2000) };
    networkFile(dir, noisy);
    const once = await run(['evaluate', '--network', 'net.json', '--json', '--seed', '3'], dir);
    const twice = await run(['evaluate', '--network', 'net.json', '--json', '--seed', '3'], dir);
    const other = await run(['evaluate', '--network', 'net.json', '--json', '--stimulus-std', '1'], dir);
    const [a, b, c] = [once, twice, other].map(({ stdout }) => JSON.parse(stdout));
    expect(a.r2).toBe(b.r2);
    expect(a.config.stimulusStd).toBe(0.2);
    expect(c.config.stimulusStd).toBe(1);
    expect(c.r2).not.toBe(a.r2);
  });

  it.each([
    ['a file of the wrong kind', { kind: 'maxent-solution' }, /`--network`: .* is of kind "maxent-solution", expected "network"/],
    ['u with the wrong number of rows', { u: [[1, 0]] }, /`--network.u`: must have 4 rows/],
    ['v with the wrong width', { v: [[1], [1], [1], [1]] }, /`--network.v\[0\]`: must be an array of 2 numbers/],
    ['a non-numeric neuron count', { neurons: 'four' }, /`--network.neurons`/],
    ['an unknown nonlinearity', { nonlinearity: 'sigmoid' }, /`--network.nonlinearity`: must be one of relu, tanh, softplus, linear/],
  ])('exits 2 on %s', async (_, extra, message) => {
    const dir = temporaryFolder('maxent-evaluate-');
    networkFile(dir, exact, extra);
    const { code, stderr } = await run(['evaluate', '--network', 'net.json', '--out', 'eval.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(() => readFileSync(join(dir, 'eval.json'))).toThrow();
  });

  it.each([
    [['--trials', '1'], /`--trials`: must be an integer >= 2/],
    [['--stimulus-std', '-0.1'], /`--stimulus-std`/],
    [['--seed', 'abc'], /`--seed`/],
  ])('exits 2 on bad flags %j', async (flags, message) => {
    const dir = temporaryFolder('maxent-evaluate-');
    networkFile(dir, exact);
    const { code, stderr } = await run(['evaluate', '--network', 'net.json', ...flags], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });

  it('exits 2 when the network file is missing', async () => {
    const dir = temporaryFolder('maxent-evaluate-');
    const { code, stderr } = await run(['evaluate', '--network', 'nope.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toMatch(/`--network`: nope.json: no such file/);
  });
});
