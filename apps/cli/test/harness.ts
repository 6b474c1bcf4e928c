// Runs `maxent` in-process with captured output, the way every CLI test does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli.js';
import type { CliIO } from '../src/context.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** An io for `cwd` whose stdout and stderr collect into `output` (for tests that call command internals). */
export function captureIO(cwd: string): { io: CliIO; output: { stdout: string; stderr: string } } {
  const output = { stdout: '', stderr: '' };
  const io: CliIO = {
    stdout: (text) => void (output.stdout += text),
    stderr: (text) => void (output.stderr += text),
    stderrIsTTY: false,
    cwd,
  };
  return { io, output };
}

export async function runMaxent(argv: readonly string[], cwd: string): Promise<CliRun> {
  const { io, output } = captureIO(cwd);
  const code = await runCli(argv, io);
  return { code, ...output };
}

export function temporaryFolder(prefix = 'maxent-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
