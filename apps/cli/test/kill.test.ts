// Kill tests (issue 17): SIGINT and SIGKILL during solve, sample, train, sweep
// and demo leave no partial or temporary files and every old file as it was,
// and a sweep resumed after a kill gives the bytes of an uninterrupted one.
// Runs the built command (dist/main.js) as a child process, so the signal
// reaches a real process; each case takes a few seconds.
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { runMaxent, temporaryFolder } from './harness.js';

vi.setConfig({ testTimeout: 120_000 });

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
/** After node has started and the command is at work (all cases run for far longer uninterrupted). */
const KILL_AFTER_MS = 2500;

interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs `maxent argv` in `cwd` and sends `signal` once `when` resolves; resolves when it has exited. */
function runAndKill(argv: readonly string[], cwd: string, signal: NodeJS.Signals, when: (cwd: string) => Promise<void>): Promise<Ended> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let exited = false;
    child.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, endSignal) => {
      exited = true;
      resolve({ code, signal: endSignal, stderr });
    });
    void when(cwd).then(() => {
      if (!exited) child.kill(signal);
    });
  });
}

const delay = (ms: number) => () => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Every entry under `dir`: type and bytes (files), so a changed or new file shows. */
function snapshot(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const key = `${prefix}${name}`;
    if (lstatSync(path).isDirectory()) Object.assign(out, { [key]: 'dir' }, snapshot(path, `${key}/`));
    else out[key] = readFileSync(path).toString('base64');
  }
  return out;
}

/** Killed, not finished: SIGKILL ends by the signal; SIGINT by the signal (no handler) or exit 130 (handler). */
function expectInterrupted(ended: Ended, signal: NodeJS.Signals): void {
  if (signal === 'SIGKILL') expect(ended.signal, ended.stderr).toBe('SIGKILL');
  else expect(ended.signal === 'SIGINT' || ended.code === 130, `code ${ended.code}, signal ${ended.signal}: ${ended.stderr}`).toBe(true);
}

let solution: string;
beforeAll(async () => {
  const dir = temporaryFolder('maxent-kill-fixtures-');
  expect((await runMaxent(['solve', '--contexts', '3', '--out', 'sol.json', '--quiet'], dir)).code).toBe(0);
  solution = readFileSync(join(dir, 'sol.json'), 'utf8');
});

/** A case folder: sol.json, an old result old.json, old --npy files, an unrelated file. */
function caseFolder(): string {
  const dir = temporaryFolder('maxent-kill-');
  writeFileSync(join(dir, 'sol.json'), solution);
  writeFileSync(join(dir, 'old.json'), '{"kind": "old result, must survive"}\n');
  mkdirSync(join(dir, 'npy'));
  for (const name of ['u', 'v', 'w']) writeFileSync(join(dir, 'npy', `${name}.npy`), `old ${name}`);
  writeFileSync(join(dir, 'notes.txt'), 'unrelated');
  return dir;
}

const COMMANDS: readonly [string, readonly string[]][] = [
  ['solve', ['solve', '--contexts', '4', '--estimator', 'montecarlo', '--samples', '2000000', '--out', 'old.json']],
  ['sample', ['sample', '--solution', 'sol.json', '--neurons', '2000000', '--method', 'mcmc', '--thin', '2', '--out', 'old.json', '--npy', 'npy']],
  ['train', ['train', '--neurons', '200', '--steps', '200000', '--out', 'old.json', '--npy', 'npy']],
  ['demo', ['demo', '--quick', '--out', 'demo']],
];

describe.each(['SIGINT', 'SIGKILL'] as const)('%s', (signal) => {
  it.each(COMMANDS)(`during %s leaves every file as it was and no temporaries`, async (_, argv) => {
    const dir = caseFolder();
    const before = snapshot(dir);
    const ended = await runAndKill(argv, dir, signal, delay(KILL_AFTER_MS));
    expectInterrupted(ended, signal);
    const after = snapshot(dir);
    if (argv[0] === 'demo' && signal === 'SIGKILL') {
      // No handler runs on SIGKILL: what demo has written so far stays in its (new) folder, every file whole
      // (each is renamed into place complete); a later demo never writes into a non-empty folder.
      for (const key of Object.keys(after).filter((name) => name === 'demo' || name.startsWith('demo/'))) {
        if (key.endsWith('.json')) expect(() => JSON.parse(Buffer.from(after[key], 'base64').toString('utf8')), key).not.toThrow();
        delete after[key];
      }
    }
    expect(after).toEqual(before);
  });

  it('during a sweep: resumed, it gives the bytes of an uninterrupted sweep', async () => {
    const sweep = ['sweep', '--contexts', '1..6', '--weight-scale', '0.5,1', '--train', '--neurons', '50', '--steps', '1000', '--workers', '0', '--quiet'];
    const whole = temporaryFolder('maxent-kill-whole-');
    expect((await runMaxent([...sweep, '--out', 's.json'], whole)).code).toBe(0);

    const dir = caseFolder();
    const before = snapshot(dir);
    const ended = await runAndKill([...sweep, '--out', 's.json'], dir, signal, delay(KILL_AFTER_MS));
    expectInterrupted(ended, signal);
    const after = snapshot(dir);
    // What may be left: finished point files (for --resume) and, after SIGKILL, the dead writer's lock and
    // a point file's temporary (ignored by --resume, removed with the folder when the sweep completes).
    const leftOver = signal === 'SIGKILL' ? /^s\.json\.(lock|points|points\/(\d+\.json|\.\d+\.json\.[0-9a-f]{12}\.tmp))$/ : /^s\.json\.(points|points\/\d+\.json)$/;
    for (const key of Object.keys(after)) if (leftOver.test(key)) delete after[key];
    expect(after).toEqual(before);

    const resumed = await runMaxent([...sweep, '--out', 's.json', '--resume'], dir);
    expect(resumed.code, resumed.stderr).toBe(0);
    // Byte-identical apart from the timing fields (interfaces.md "Conventions").
    expect(readFileSync(join(dir, 's.csv')).equals(readFileSync(join(whole, 's.csv')))).toBe(true);
    const untimed = (folder: string) => readFileSync(join(folder, 's.json'), 'utf8').replace(/"(maxent|training|point)Seconds": [0-9.e+-]+/g, '"$1Seconds": 0');
    expect(untimed(dir)).toBe(untimed(whole));
    expect(readdirSync(dir).sort()).toEqual(['notes.txt', 'npy', 'old.json', 's.csv', 's.json', 'sol.json']);
  });
});

describe('a run killed while writing', () => {
  it('leaves its temporary, which the next run writing to that folder removes', async () => {
    const dir = caseFolder();
    const temporaries = () => readdirSync(dir).filter((name) => name.endsWith('.maxent-tmp'));
    // SIGKILL as soon as the (large) JSON temporary appears: no handler can run.
    const whileWriting = async () => {
      for (let waited = 0; waited < 90_000 && temporaries().length === 0; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const ended = await runAndKill(['sample', '--solution', 'sol.json', '--neurons', '1000000', '--out', 'old.json'], dir, 'SIGKILL', whileWriting);
    expect(ended.signal).toBe('SIGKILL');
    expect(temporaries()).toHaveLength(1);
    expect(readFileSync(join(dir, 'old.json'), 'utf8')).toBe('{"kind": "old result, must survive"}\n');
    // Another process's live temporary (pid 1 exists) is left alone.
    writeFileSync(join(dir, '.other.json.1.0123456789ab.maxent-tmp'), 'in progress elsewhere');
    expect((await runMaxent(['solve', '--contexts', '1', '--out', 'new.json', '--quiet'], dir)).code).toBe(0);
    expect(temporaries()).toEqual(['.other.json.1.0123456789ab.maxent-tmp']);
    expect(existsSync(join(dir, 'new.json'))).toBe(true);
  });
});
