import { execFile } from 'node:child_process';
import { InvalidInputError } from '@maxent/core';

/**
 * The SLURM commands a sweep uses, as a small interface so status and submission
 * logic can be tested without a cluster. Clients read SLURM_CONF and the rest of
 * the environment they are given.
 */
export interface SlurmClient {
  /** `sbatch --parsable ARGS...`: the job id it prints (without a `;cluster` suffix). */
  sbatch(args: readonly string[]): Promise<string>;
  /**
   * States of the jobs' array tasks still known to the controller, by `<job>_<task>`
   * (and `<job>` for plain jobs): squeue, plus sacct where accounting is on.
   * null when squeue is not there (then only the files tell).
   */
  jobStates(jobIds: readonly string[]): Promise<Map<string, string> | null>;
  /** `scancel`; jobs already gone are fine. */
  cancel(jobIds: readonly string[]): Promise<void>;
  /** MaxArraySize of the cluster (`scontrol show config`), null if it cannot be read. */
  maxArraySize(): Promise<number | null>;
}

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  /** The program is not installed (ENOENT). */
  readonly missing: boolean;
}

function run(program: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    execFile(program, [...args], { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
      resolve({ code, stdout, stderr, missing: (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' });
    });
  });
}

/** Scheduler states of a job line: `PENDING`, `RUNNING`, `CANCELLED by 0` read as `CANCELLED`. */
function parseStates(text: string, separator: string, into: Map<string, string>): void {
  for (const line of text.split('\n')) {
    const [id, state] = line.trim().split(separator);
    if (id === undefined || id === '' || state === undefined) continue;
    into.set(id.trim(), state.trim().split(' ')[0]);
  }
}

export function createSlurmClient(env: NodeJS.ProcessEnv = process.env): SlurmClient {
  return {
    async sbatch(args) {
      const result = await run('sbatch', ['--parsable', ...args], env);
      if (result.missing) {
        throw new InvalidInputError('--executor', 'invalid `--executor`: slurm needs `sbatch` on PATH (a SLURM login node); use --dry-run to write the scripts only');
      }
      if (result.code !== 0) throw new Error(`sbatch ${args.join(' ')} failed (exit ${result.code}): ${result.stderr.trim()}`);
      const id = result.stdout.trim().split(';')[0];
      if (!/^\d+$/.test(id)) throw new Error(`sbatch printed ${JSON.stringify(result.stdout.trim())}, not a job id`);
      return id;
    },
    async jobStates(jobIds) {
      const states = new Map<string, string>();
      if (jobIds.length === 0) return states;
      // One job at a time: squeue rejects the whole list when one id has left the controller (after MinJobAge).
      let squeueFound = false;
      for (const id of jobIds) {
        const result = await run('squeue', ['-h', '-r', '-t', 'all', '-j', id, '-o', '%i|%T'], env);
        if (result.missing) return null;
        squeueFound = true;
        if (result.code === 0) parseStates(result.stdout, '|', states);
      }
      // Accounting knows finished tasks for longer; squeue's answer wins where both know a task.
      const sacct = await run('sacct', ['-n', '-P', '-X', '-j', jobIds.join(','), '-o', 'JobID,State'], env);
      if (!sacct.missing && sacct.code === 0) {
        const finished = new Map<string, string>();
        parseStates(sacct.stdout, '|', finished);
        for (const [id, state] of finished) if (!states.has(id)) states.set(id, state);
      }
      return squeueFound ? states : null;
    },
    async cancel(jobIds) {
      if (jobIds.length > 0) await run('scancel', [...jobIds], env);
    },
    async maxArraySize() {
      const result = await run('scontrol', ['show', 'config'], env);
      const match = /^MaxArraySize\s*=\s*(\d+)/m.exec(result.stdout);
      return match === null ? null : Number(match[1]);
    },
  };
}

/** squeue states of a job that will still run (or is running): its points are not missing. */
export const ACTIVE_STATES: ReadonlySet<string> = new Set(['PENDING', 'CONFIGURING', 'RUNNING', 'COMPLETING', 'REQUEUED', 'REQUEUE_HOLD', 'REQUEUE_FED', 'RESIZING', 'SUSPENDED', 'STAGE_OUT', 'SIGNALING']);
