// `pnpm bench:quick` (scripts/bench.mjs --quick, scripts/bench-quick.mjs) turns
// every tinybench bench into a smoke test: each task runs once at the smallest
// size, and a task that throws or returns a non-finite number fails the run.
// The fixture benches in testing/fixtures/bench are written like the packages'.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'testing', 'fixtures', 'bench');

function runBench(...args: string[]) {
  const run = spawnSync(process.execPath, [join(root, 'scripts', 'bench.mjs'), ...args], { cwd: fixtures, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('bench quick mode', () => {
  it('runs each task once or twice (tinybench calls a task once to see whether it is async), at the first size only', () => {
    // A 60 s budget per task: only quick mode makes this finish within the test timeout.
    const { status, stdout, stderr } = runBench('counts.bench.ts', '--quick', '60000');
    expect(status, stderr).toBe(0);
    const report = JSON.parse(stdout) as { quick: boolean; calls: Record<string, number>; states: string[] };
    expect(report.quick).toBe(true);
    expect(Object.keys(report.calls)).toEqual(['size 1']);
    expect(report.calls['size 1']).toBeGreaterThanOrEqual(1);
    expect(report.calls['size 1']).toBeLessThanOrEqual(2);
    expect(report.states).toEqual(['completed']);
  });

  it('leaves the normal run alone: every size, with the iterations the bench asked for', () => {
    const { status, stdout, stderr } = runBench('counts.bench.ts', '20');
    expect(status, stderr).toBe(0);
    const report = JSON.parse(stdout) as { quick: boolean; calls: Record<string, number> };
    expect(report.quick).toBe(false);
    expect(Object.keys(report.calls)).toEqual(['size 1', 'size 2', 'size 3']);
    for (const count of Object.values(report.calls)) expect(count).toBeGreaterThanOrEqual(10 + 5);
  });

  it('fails, naming the task and the error, when a task throws', () => {
    const { status, stdout, stderr } = runBench('broken.bench.ts', '--quick', 'throws');
    expect(status).toBe(1);
    expect(stderr).toContain('benchmark tasks failed in quick mode');
    expect(stderr).toContain('broken task: errored Error: kernel exploded');
    expect(stderr).not.toContain('healthy task');
    expect(stdout).not.toContain('bench code after run reached');
  });

  it('fails, naming where, when a task returns a non-finite number', () => {
    const { status, stderr } = runBench('broken.bench.ts', '--quick', 'nan');
    expect(status).toBe(1);
    expect(stderr).toContain('broken task.loss[1]: non-finite result NaN');
  });

  it('passes the same bench when nothing is broken', () => {
    const { status, stdout, stderr } = runBench('broken.bench.ts', '--quick', 'fine');
    expect(status, stderr).toBe(0);
    expect(stdout).toContain('bench code after run reached');
  });
});
