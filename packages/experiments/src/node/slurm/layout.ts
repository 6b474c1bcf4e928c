import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { folderNames } from '../folderNames.js';
import { writeTextAtomic } from '../atomicWrite.js';
import { parseManifest, type SweepManifest } from './manifest.js';

/**
 * Where a SLURM sweep keeps its files, beside the result `<out>`:
 *
 *     <out>.points/<i>.json          point files (as for local runs), <i>.failed.json failure records
 *     <out>.slurm/manifest-<n>.json  submission n (0, then one per --resume)
 *     <out>.slurm/array-<n>.sbatch   its array job script, merge-<n>.sbatch its aggregation job
 *     <out>.slurm/jobs.json          job ids of the submissions (what --status asks squeue about)
 *     <out>.slurm/logs/              the jobs' output
 */
export function slurmFolderOf(out: string): string {
  return `${out}.slurm`;
}

export interface SubmissionFiles {
  readonly manifest: string;
  readonly arrayScript: string;
  readonly mergeScript: string;
  readonly logs: string;
}

export function submissionFiles(slurmFolder: string, submission: number): SubmissionFiles {
  return {
    manifest: join(slurmFolder, `manifest-${submission}.json`),
    arrayScript: join(slurmFolder, `array-${submission}.sbatch`),
    mergeScript: join(slurmFolder, `merge-${submission}.sbatch`),
    logs: join(slurmFolder, 'logs'),
  };
}

/** Job ids of one submission (null: written with --dry-run, submitted by hand if at all). */
export interface SubmittedJobs {
  readonly submission: number;
  readonly arrayJob: string | null;
  readonly mergeJob: string | null;
}

export async function readSubmittedJobs(slurmFolder: string): Promise<SubmittedJobs[]> {
  try {
    return JSON.parse(await readFile(join(slurmFolder, 'jobs.json'), 'utf8')) as SubmittedJobs[];
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

export async function writeSubmittedJobs(slurmFolder: string, jobs: readonly SubmittedJobs[]): Promise<void> {
  await writeTextAtomic(join(slurmFolder, 'jobs.json'), `${JSON.stringify(jobs, null, 2)}\n`);
}

/** The manifests of every submission, in submission order (none: not a SLURM sweep). */
export async function readManifests(slurmFolder: string): Promise<{ path: string; manifest: SweepManifest }[]> {
  const names = await folderNames(slurmFolder);
  const numbered = names
    .map((name) => /^manifest-(\d+)\.json$/.exec(name))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ name: match[0], submission: Number(match[1]) }))
    .sort((a, b) => a.submission - b.submission);
  const out: { path: string; manifest: SweepManifest }[] = [];
  for (const { name } of numbered) {
    const path = join(slurmFolder, name);
    out.push({ path, manifest: parseManifest(await readFile(path, 'utf8'), path, '--out') });
  }
  return out;
}
