import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeNpy } from '@maxent/core';
import { runMaxent, temporaryFolder } from './harness.js';

const run = runMaxent;
const workdir = () => temporaryFolder('maxent-train-');
const small = ['--neurons', '20', '--steps', '30', '--batch', '16'];

describe('maxent train', () => {
  it('writes a network file that maxent evaluate scores at R^2 > 0.99', async () => {
    const dir = workdir();
    const trained = await run(['train', '--contexts', '2', '--init-scale', '0.05', '--seed', '3', '--out', 'net.json'], dir);
    expect(trained.stderr).toBe('');
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/relative weight change/);
    const file = JSON.parse(readFileSync(join(dir, 'net.json'), 'utf8'));
    expect(file.kind).toBe('network');
    expect(file.seed).toBe(3);
    expect(file.config.training).toMatchObject({ neurons: 200, initScale: 0.05, optimizer: 'adam', steps: 1000, batch: 128 });
    expect(file.neurons).toBe(200);
    expect(file.u).toHaveLength(200);
    expect(file.u[0]).toHaveLength(2);
    expect(file.v[0]).toHaveLength(2);
    expect(file.task).toEqual([[1, 0], [0, 1]]);
    const { training } = file;
    expect(training).toMatchObject({ optimizer: 'adam', steps: 1000, stoppedBy: 'steps' });
    expect(training.history.at(-1).step).toBe(1000);
    expect(training.finalLoss).toBeLessThan(1e-5);
    expect(Object.keys(training.relativeChange).sort()).toEqual(['all', 'u', 'v', 'w']);
    expect(training.relativeChange.u).toBeGreaterThan(10);

    const evaluated = await run(['evaluate', '--network', 'net.json', '--json'], dir);
    expect(evaluated.code).toBe(0);
    expect(JSON.parse(evaluated.stdout).r2).toBeGreaterThan(0.99);
  });

  it('same seed, byte-identical file; another seed differs', async () => {
    const dir = workdir();
    for (const [seed, out] of [['5', 'a.json'], ['5', 'b.json'], ['6', 'c.json']]) {
      expect((await run(['train', ...small, '--seed', seed, '--out', out, '--quiet'], dir)).code).toBe(0);
    }
    const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((name) => readFileSync(join(dir, name)));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
  });

  it('takes the task from --config, flags overriding it, and writes .npy files equal to the JSON weights', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ task: { matrix: [[1, 0], [0, 1], [-1, 0]] }, nonlinearity: 'relu', stimulusStd: 0.3 }));
    const { code } = await run(['train', '--config', 'config.json', '--nonlinearity', 'tanh', ...small, '--out', 'net.json', '--npy', 'weights', '--quiet'], dir);
    expect(code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'net.json'), 'utf8'));
    expect(file.nonlinearity).toBe('tanh');
    expect(file.config.stimulusStd).toBe(0.3);
    expect(file.task).toEqual([[1, 0], [0, 1], [-1, 0]]);
    const u = decodeNpy(readFileSync(join(dir, 'weights', 'u.npy')));
    const v = decodeNpy(readFileSync(join(dir, 'weights', 'v.npy')));
    const w = decodeNpy(readFileSync(join(dir, 'weights', 'w.npy')));
    expect(u.shape).toEqual([20, 2]);
    expect(v.shape).toEqual([20, 3]);
    expect(w.shape).toEqual([20]);
    expect(Array.from(u.data)).toEqual(file.u.flat());
    expect(Array.from(v.data)).toEqual(file.v.flat());
    expect(Array.from(w.data)).toEqual(file.w);
  });

  it.each([
    [['--lr', '-0.1'], 'maxent: invalid `learningRate`: must be a positive finite number, got -0.1 (from --lr)'],
    [['--neurons', '0'], 'maxent: invalid `neurons`: must be an integer >= 1, got 0 (from --neurons)'],
    [['--optimizer', 'rmsprop'], 'maxent: invalid `optimizer`: must be one of sgd, adam, got "rmsprop" (from --optimizer)'],
    [['--steps', 'many'], 'maxent: invalid `--steps`: must be an integer'],
    [['--momentum', '1'], 'maxent: invalid `momentum`: must be a number in [0, 1), got 1 (from --momentum)'],
    [['--stimulus-std', '0'], 'maxent: invalid `stimulusStd`: must be a positive finite number, got 0 (from --stimulus-std)'],
    [['--nonlinearity', 'sigmoid'], 'maxent: invalid `nonlinearity`: must be one of relu, tanh, softplus, linear'],
  ])('exits 2 on %j with a message naming the setting', async (flags, message) => {
    const dir = workdir();
    const { code, stderr } = await run(['train', ...flags, '--out', 'net.json'], dir);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
    expect(() => readFileSync(join(dir, 'net.json'))).toThrow();
  });

  it('exits 3 when training diverges and leaves an existing --out file untouched', async () => {
    const dir = workdir();
    writeFileSync(join(dir, 'net.json'), 'previous');
    const { code, stderr } = await run(['train', ...small, '--optimizer', 'sgd', '--lr', '1e5', '--out', 'net.json'], dir);
    expect(code).toBe(3);
    expect(stderr).toMatch(/training diverged at step \d+: .*lower --lr/);
    expect(readFileSync(join(dir, 'net.json'), 'utf8')).toBe('previous');
  });

  it('requires --out', async () => {
    const { code, stderr } = await run(['train', ...small], workdir());
    expect(code).toBe(2);
    expect(stderr).toMatch(/--out/);
  });
});
