import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

describe('maxent demo', () => {
  it('runs solve -> sample -> evaluate -> train -> analyze and the sampled network matches its solution', async () => {
    const cwd = temporaryFolder('maxent-demo-');
    const { code, stdout, stderr } = await runMaxent(['demo', '--neurons', '5000', '--seed', '7'], cwd);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const read = (name: string) => JSON.parse(readFileSync(join(cwd, 'maxent-demo', name), 'utf8'));
    const kinds = ['solution', 'sampled-network', 'sampled-evaluation', 'sampled-analysis', 'trained-network', 'trained-analysis'].map(
      (name) => read(`${name}.json`).kind,
    );
    expect(kinds).toEqual(['maxent-solution', 'network', 'evaluation', 'analysis', 'network', 'analysis']);
    // The sampled network is N draws from the solution: its energy shares are close to the solution's.
    // With N = 5000 the TV distance between 8 pattern shares is a few percent (measured 0.03 at N = 2e4);
    // a network not drawn from the solution (e.g. the trained one below) is far off.
    expect(read('sampled-analysis.json').comparison.tvDistance).toBeLessThan(0.08);
    expect(read('sampled-evaluation.json').linearized.r2).toBeGreaterThan(0.95);
    expect(read('trained-analysis.json').comparison.tvDistance).toBeGreaterThan(0.1);
    expect(stdout).toMatch(/== 6\. The trained network's populations/);
  }, 60_000);

  it('refuses a bad neuron count before writing anything', async () => {
    const cwd = temporaryFolder('maxent-demo-');
    const { code, stderr } = await runMaxent(['demo', '--neurons', 'many'], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid `--neurons`/);
    expect(existsSync(join(cwd, 'maxent-demo'))).toBe(false);
  });
});
