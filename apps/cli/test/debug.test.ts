import { describe, expect, it } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

// One failing invocation per command: with --debug the stack follows the message, without it not.
const FAILING: Record<string, string[]> = {
  solve: ['solve', '--weight-scale', '-1'],
  sample: ['sample', '--solution', 'missing.json', '--neurons', '10', '--out', 'n.json'],
  evaluate: ['evaluate', '--network', 'missing.json'],
  train: ['train', '--neurons', '0', '--out', 'n.json'],
  analyze: ['analyze', '--network', 'missing.json'],
  sweep: ['sweep', '--contexts', '0', '--out', 's.json'],
  metrics: ['metrics', '--weights', 'missing.npy'],
  report: ['report', 'missing.json', '--out', 'r.html'],
  demo: ['demo', '--neurons', 'many'],
};

describe('--debug', () => {
  it.each(Object.entries(FAILING))('is accepted by %s, after the command or before it, and prints the stack', async (_, argv) => {
    const dir = temporaryFolder();
    const plain = await runMaxent(argv, dir);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/^maxent: invalid `/);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    for (const withDebug of [[...argv, '--debug'], ['--debug', ...argv]]) {
      const run = await runMaxent(withDebug, dir);
      expect(run.code, withDebug.join(' ')).toBe(2);
      expect(run.stderr).toContain(plain.stderr);
      expect(run.stderr).toMatch(/\n\s+at /);
    }
  });

  it("is listed in every command's help", async () => {
    for (const command of Object.keys(FAILING)) {
      const help = await runMaxent([command, '--help'], temporaryFolder());
      expect(help.code).toBe(0);
      expect(help.stdout, command).toMatch(/--debug\s+print stack traces on errors/);
    }
  });
});
