// Runs `maxent` in-process with captured output, the way every CLI test does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../src/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runMaxent(argv: readonly string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (text: string) => void (stdout += text),
    stderr: (text: string) => void (stderr += text),
    stderrIsTTY: false,
    cwd,
  };
  const code = await runCli(argv, io);
  return { code, stdout, stderr };
}

export function temporaryFolder(prefix = 'maxent-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
