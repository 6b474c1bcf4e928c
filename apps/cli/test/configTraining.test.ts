import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

// The config file's optional `training` section (train settings shared through one file).
describe('config files with a training section', () => {
  const settings = { task: { name: 'select', contexts: 2 }, training: { neurons: 40, steps: 60, initScale: 0.5, seed: 3 } };

  it('maxent train takes its settings from the file, and flags override them', async () => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify(settings));
    const fromFile = await runMaxent(['train', '--config', 'config.json', '--out', 'a.json', '--quiet'], cwd);
    expect(fromFile).toMatchObject({ code: 0, stderr: '' });
    const a = JSON.parse(readFileSync(join(cwd, 'a.json'), 'utf8'));
    expect([a.neurons, a.training.steps, a.training.initScale, a.seed]).toEqual([40, 60, 0.5, 3]);

    const overridden = await runMaxent(['train', '--config', 'config.json', '--steps', '20', '--out', 'b.json', '--quiet'], cwd);
    expect(overridden.code).toBe(0);
    const b = JSON.parse(readFileSync(join(cwd, 'b.json'), 'utf8'));
    expect([b.neurons, b.training.steps]).toEqual([40, 20]);
  });

  it("a trained network's recorded config runs again to the same weights", async () => {
    const cwd = temporaryFolder();
    const first = await runMaxent(['train', '--contexts', '2', '--neurons', '30', '--steps', '40', '--seed', '9', '--out', 'first.json', '--quiet'], cwd);
    expect(first.code).toBe(0);
    const recorded = JSON.parse(readFileSync(join(cwd, 'first.json'), 'utf8'));
    writeFileSync(join(cwd, 'recorded.json'), JSON.stringify({ ...recorded.config, training: { ...recorded.config.training, seed: recorded.seed } }));
    const again = await runMaxent(['train', '--config', 'recorded.json', '--out', 'again.json', '--quiet'], cwd);
    expect(again).toMatchObject({ code: 0, stderr: '' });
    const rerun = JSON.parse(readFileSync(join(cwd, 'again.json'), 'utf8'));
    expect(rerun.u).toEqual(recorded.u);
    expect(rerun.w).toEqual(recorded.w);
  });

  it('solve accepts a file with a training section', async () => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify(settings));
    const solved = await runMaxent(['solve', '--config', 'config.json', '--quiet'], cwd);
    expect(solved).toMatchObject({ code: 0, stderr: '' });
  });

  it.each([['train', '--out', 'x.json'], ['solve']])('a typo in the section is exit 2 naming it (maxent %s)', async (...argv) => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify({ training: { stpes: 10 } }));
    const run = await runMaxent([...argv, '--config', 'config.json'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown key `training\.stpes` \(did you mean `training\.steps`\?\)/);
  });

  it('a bad value in the section names the dotted field and the file', async () => {
    const cwd = temporaryFolder();
    writeFileSync(join(cwd, 'config.json'), JSON.stringify({ training: { learningRate: -1 } }));
    const run = await runMaxent(['train', '--config', 'config.json', '--out', 'x.json'], cwd);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/invalid `training\.learningRate`: .*got -1 \(in config\.json\)/);
  });
});
