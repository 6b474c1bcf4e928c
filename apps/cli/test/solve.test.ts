import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, problemFromConfig } from '@maxent/constraints';
import { solutionFromFile, solutionFromLambda } from '@maxent/solver';
import { expectAllClose } from '#testing';
import { runMaxent, temporaryFolder } from './harness.js';

// Every CLI test runs `maxent` in-process through the shared harness.
const run = runMaxent;

function tempDir(): string {
  return temporaryFolder('maxent-solve-');
}

describe('maxent solve', () => {
  it('solves the default task, prints a summary and writes the solution file', async () => {
    const dir = tempDir();
    const { code, stdout, stderr } = await run(['solve', '--out', 'sol.json'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/3 contexts x 3 stimuli, relu, weightScale 1/);
    expect(stdout).toMatch(/converged in \d+ Newton iterations/);
    expect(stdout).toMatch(/specialization\s+0\.\d{4}\s+\(prior 0\.3750\)/);
    expect(stdout).toMatch(/pattern\s+fraction\s+energy share\s+selectivity/);
    const file = JSON.parse(readFileSync(join(dir, 'sol.json'), 'utf8'));
    expect(file.schemaVersion).toBe(1);
    expect(file.kind).toBe('maxent-solution');
    expect(file.config).toEqual(parseConfig({}));
    expect(file.versions['@maxent/solver']).toMatch(/^\d+\.\d+\.\d+/);
    expect(file.converged).toBe(true);
    expect(file.maxResidual).toBeLessThan(1e-10);
    expect(file.populations).toHaveLength(8);
    expect(file.populationsListed).toBe(8);
    expect(file.populationsTotal).toBe(8);
    expect(Object.keys(file.populations[0]).sort()).toEqual(['covariance', 'direction', 'energyShare', 'fraction', 'pattern', 'selectivity']);
    expect(file.populations[0].covariance).toHaveLength(4);
    expect(Object.keys(file.summary).sort()).toEqual(['activeCount', 'selectivity', 'selectivityNormalized', 'specialization', 'specializationPrior']);
    // The file is fully determined by config + lambda (interfaces.md): rebuilding gives the same numbers.
    const { problem, lambda } = solutionFromFile(file, 'solution');
    const rebuilt = solutionFromLambda(problem, lambda);
    if (rebuilt.estimator !== 'exact') throw new Error('relu solves exactly');
    expectAllClose(rebuilt.klFromPrior, file.klFromPrior, { rtol: 1e-14 });
    expect(JSON.parse(JSON.stringify(rebuilt.populations))).toEqual(file.populations);
  });

  it('without --out writes nothing; flags override the config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ task: { name: 'select', contexts: 4 }, weightScale: 0.5 }));
    const { code, stdout } = await run(['solve', '--config', 'config.json', '--contexts', '2'], dir);
    expect(code).toBe(0);
    expect(stdout).toMatch(/2 contexts x 2 stimuli, relu, weightScale 0\.5/);
    expect(stdout).not.toMatch(/written to/);
    const quiet = await run(['solve', '--quiet'], dir);
    expect(quiet).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('--all-populations lists every pattern beyond K = 10', async () => {
    const dir = tempDir();
    const { code } = await run(['solve', '--contexts', '11', '--out', 'few.json', '--quiet'], dir);
    expect(code).toBe(0);
    const few = JSON.parse(readFileSync(join(dir, 'few.json'), 'utf8'));
    expect([few.populationsListed, few.populationsTotal, few.populations.length]).toEqual([1024, 2048, 1024]);
    await run(['solve', '--contexts', '11', '--out', 'all.json', '--quiet', '--all-populations'], dir);
    const all = JSON.parse(readFileSync(join(dir, 'all.json'), 'utf8'));
    expect([all.populationsListed, all.populationsTotal, all.populations.length]).toEqual([2048, 2048, 2048]);
    expect(all.populations.slice(0, 1024)).toEqual(few.populations);
  });

  it.each([
    { name: 'malformed config', files: { 'c.json': '{ "task": ' }, argv: ['--config', 'c.json'], message: /invalid `config`: c\.json is not valid JSON/ },
    { name: 'unknown nonlinearity', files: {}, argv: ['--nonlinearity', 'sigmoid'], message: /invalid `nonlinearity`: must be one of relu, tanh, softplus, linear.*sigmoid.*--nonlinearity/ },
    { name: 'negative weight scale', files: { 'c.json': '{ "weightScale": -1 }' }, argv: ['--config', 'c.json'], message: /invalid `weightScale`: must be a positive finite number.*-1/ },
    { name: 'negative weight scale flag', files: {}, argv: ['--weight-scale', '-2'], message: /invalid `weightScale`.*--weight-scale/ },
    {
      name: 'matrix with the wrong shape',
      files: { 'c.json': '{ "task": { "matrix": [[1, 0], [0]] } }' },
      argv: ['--config', 'c.json'],
      message: /invalid `task.matrix`: must be rectangular/,
    },
    { name: 'unknown key', files: { 'c.json': '{ "weightScal": 1 }' }, argv: ['--config', 'c.json'], message: /weightScal.*weightScale/ },
    { name: 'bad --top', files: {}, argv: ['--top', '0'], message: /invalid `--top`/ },
    {
      name: 'continuous gains with the exact estimator',
      files: { 'c.json': '{ "nonlinearity": "tanh", "estimator": { "kind": "exact" } }' },
      argv: ['--config', 'c.json'],
      message: /invalid `nonlinearity`: must be relu or linear/,
    },
  ])('$name: exit 2 naming the field', async ({ files, argv, message }) => {
    const dir = tempDir();
    for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
    const { code, stdout, stderr } = await run(['solve', ...argv], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('continuous gains: a task out of reach exits 3 naming the smallest weightScale; an attainable one solves by quadrature', async () => {
    const dir = tempDir();
    const out = await run(['solve', '--nonlinearity', 'tanh', '--contexts', '2', '--out', 'low.json'], dir);
    expect(out.code).toBe(3);
    expect(out.stderr).toMatch(/not attainable at weightScale 1: .*The smallest attainable weightScale is 1\.00 /);
    expect(existsSync(join(dir, 'low.json'))).toBe(false);
    const ok = await run(['solve', '--nonlinearity', 'tanh', '--contexts', '2', '--weight-scale', '2', '--out', 'sol.json', '--quiet'], dir);
    expect(ok.code).toBe(0);
    const file = JSON.parse(readFileSync(join(dir, 'sol.json'), 'utf8'));
    expect(file.config.estimator).toEqual({ kind: 'quadrature', nodes: 24 });
    expect(file.maxQOnGainBoxVertices).toBeLessThan(1);
    expect(Object.keys(file.gains).sort()).toEqual(['activeCount', 'correlation', 'histograms', 'mean']);
    // --estimator / --nodes / --samples set the estimator; a setting of another kind is refused naming it.
    const nodes = await run(['solve', '--nonlinearity', 'tanh', '--contexts', '2', '--weight-scale', '2', '--nodes', '12', '--out', 'n.json', '--quiet'], dir);
    expect(nodes.code).toBe(0);
    expect(JSON.parse(readFileSync(join(dir, 'n.json'), 'utf8')).config.estimator).toEqual({ kind: 'quadrature', nodes: 12 });
    const mc = await run(
      ['solve', '--nonlinearity', 'softplus', '--contexts', '2', '--weight-scale', '4', '--estimator', 'montecarlo', '--samples', '20000', '--out', 'mc.json', '--quiet'],
      dir,
    );
    expect(mc.code).toBe(0);
    const mcFile = JSON.parse(readFileSync(join(dir, 'mc.json'), 'utf8'));
    expect(mcFile.config.estimator).toEqual({ kind: 'montecarlo', samples: 20000, seed: 1 });
    expect(mcFile.estimatorCheck.stderr).toHaveLength(2);
    const wrong = await run(['solve', '--nonlinearity', 'tanh', '--estimator', 'montecarlo', '--nodes', '12'], dir);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/estimator\.nodes/);
  });

  it('an infeasible task exits 3 with the reason and leaves an existing --out untouched', async () => {
    const dir = tempDir();
    const before = '{"kind": "maxent-solution", "keep": true}\n';
    writeFileSync(join(dir, 'sol.json'), before);
    const { code, stdout, stderr } = await run(['solve', '--nonlinearity', 'linear', '--contexts', '2', '--out', 'sol.json'], dir);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/infeasible task: with the linear nonlinearity every gain is 1/);
    expect(readFileSync(join(dir, 'sol.json'), 'utf8')).toBe(before);
    const invalidRun = await run(['solve', '--weight-scale', '-1', '--out', 'sol.json'], dir);
    expect(invalidRun.code).toBe(2);
    expect(readFileSync(join(dir, 'sol.json'), 'utf8')).toBe(before);
  });

  it('a solve that does not converge exits 3, says why and writes nothing', async () => {
    const dir = tempDir();
    // A context prior 5 standard deviations below threshold: the task rests on gain
    // patterns with prior mass ~1e-7 and the minimiser is beyond double precision.
    writeFileSync(join(dir, 'c.json'), JSON.stringify({ task: { name: 'select', contexts: 3 }, context: { mean: -5, std: 1 } }));
    const { code, stdout, stderr } = await run(['solve', '--config', 'c.json', '--out', 'sol.json'], dir);
    expect(code).toBe(3);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/the solver did not converge: .*the task rests on rare gain patterns/);
    expect(existsSync(join(dir, 'sol.json'))).toBe(false);
  });

  it('--debug adds the stack trace', async () => {
    const { code, stderr } = await run(['solve', '--nonlinearity', 'linear', '--debug'], tempDir());
    expect(code).toBe(3);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('is deterministic: the same inputs give byte-identical files', async () => {
    const dir = tempDir();
    await run(['solve', '--contexts', '4', '--weight-scale', '0.7', '--out', 'a.json', '--quiet'], dir);
    await run(['solve', '--contexts', '4', '--weight-scale', '0.7', '--out', 'b.json', '--quiet'], dir);
    expect(readFileSync(join(dir, 'a.json'), 'utf8')).toBe(readFileSync(join(dir, 'b.json'), 'utf8'));
    const problem = problemFromConfig(parseConfig({ task: { name: 'select', contexts: 4 }, weightScale: 0.7 }));
    const { lambda } = solutionFromFile(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8')), 'solution');
    expect(solutionFromLambda(problem, lambda).converged).toBe(true);
  });
});
