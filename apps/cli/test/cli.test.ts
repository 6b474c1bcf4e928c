import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

describe('maxent (top level)', () => {
  it('--help lists every command and succeeds', async () => {
    const run = await runMaxent(['--help'], temporaryFolder());
    expect(run.code).toBe(0);
    for (const command of ['solve', 'sample', 'evaluate', 'train', 'analyze', 'sweep', 'metrics', 'report', 'demo']) {
      expect(run.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    }
  });
  it.each([[[]], [['frobnicate']], [['solve', '--bogus']]])('%j is a usage error (exit 2)', async (argv) => {
    const run = await runMaxent(argv, temporaryFolder());
    expect(run.code).toBe(2);
    expect(run.stderr.length).toBeGreaterThan(0);
  });
});
