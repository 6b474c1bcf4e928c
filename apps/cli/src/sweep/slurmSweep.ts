import { readFileSync } from 'node:fs';
import { InvalidInputError } from '@maxent/core';
import { mergeSweep, sweepHash, sweepPoints, type SweepSpec } from '@maxent/experiments';
import {
  createFailureRecords,
  createFileStore,
  createSlurmClient,
  parseSbatchOptions,
  pointsFolderOf,
  readManifests,
  readSubmittedJobs,
  shellQuote,
  slurmFolderOf,
  submitSlurmSweep,
  sweepStatus,
  type SchedulerSettings,
  type SweepManifest,
  type SweepStatus,
} from '@maxent/experiments/node';
import type { CliIO } from '../context.js';
import { VERSIONS } from '../envelope.js';
import { integerFlag } from '../configOptions.js';
import { readInputBytes, resolvePath, writeFileAtomic, writeJsonAtomic } from '../io.js';
import { csvPathOf } from './executeSweep.js';
import { SweepIncompleteError } from './sweepIncompleteError.js';
import { taskCommand } from './taskCommand.js';

/** The flags of `maxent sweep --executor slurm`. */
export interface SlurmFlags {
  readonly chunk?: string;
  readonly maxArray?: string;
  readonly sbatch?: string;
  readonly sbatchFile?: string;
  readonly dryRun?: boolean;
}

/** The sweep at `--out`: its SLURM submissions (none for a local sweep) and its spec. */
export interface SweepOnDisk {
  readonly spec: SweepSpec;
  readonly manifests: readonly SweepManifest[];
}

/**
 * The spec of the sweep at `out`: a SLURM sweep's is in its latest manifest, so
 * `--status`, `--merge` and `--resume` need no other flags; flags that define a
 * sweep must then give the same one. Without a manifest the flags define it.
 */
export async function sweepOnDisk(io: CliIO, out: string, flagsDefineSweep: boolean, specFromFlags: () => SweepSpec): Promise<SweepOnDisk> {
  const manifests = (await readManifests(slurmFolderOf(resolvePath(io, out)))).map((entry) => entry.manifest);
  const latest = manifests[manifests.length - 1];
  if (latest === undefined) return { spec: specFromFlags(), manifests };
  if (flagsDefineSweep) {
    const spec = specFromFlags();
    const hash = sweepHash(sweepPoints(spec));
    if (hash !== latest.sweepHash) {
      throw new InvalidInputError('--out', `invalid \`--out\`: ${out} is sweep ${latest.sweepHash} (submitted to SLURM), these flags give sweep ${hash}; drop the sweep flags to use the submitted one`);
    }
    return { spec, manifests };
  }
  return { spec: latest.spec, manifests };
}

/**
 * `maxent sweep --executor slurm`: writes the manifest and the scripts under
 * `<out>.slurm/` and (unless --dry-run) submits the array and the merge job,
 * printing their ids. A --resume inherits the scheduler settings (--chunk,
 * --max-array, --sbatch, --sbatch-file) of the previous submission unless given.
 */
export async function submitSweepToSlurm(io: CliIO, disk: SweepOnDisk, options: { out: string; resume: boolean; flags: SlurmFlags }): Promise<void> {
  const { flags } = options;
  const previous = options.resume ? disk.manifests[disk.manifests.length - 1] : undefined;
  const chunk = integerFlag(flags.chunk, '--chunk', { min: 1 }) ?? previous?.chunk ?? 1;
  const scheduler: SchedulerSettings = {
    maxArray: integerFlag(flags.maxArray, '--max-array', { min: 1 }) ?? previous?.scheduler.maxArray ?? null,
    sbatchOptions: flags.sbatch === undefined ? (previous?.scheduler.sbatchOptions ?? []) : parseSbatchOptions(flags.sbatch),
    sbatchFileText:
      flags.sbatchFile === undefined ? (previous?.scheduler.sbatchFileText ?? null) : new TextDecoder().decode(readInputBytes(io, flags.sbatchFile, '--sbatch-file')),
  };
  const client = createSlurmClient(process.env);
  const submission = await submitSlurmSweep(disk.spec, {
    out: options.out,
    cwd: io.cwd,
    versions: VERSIONS,
    command: taskCommand(),
    chunk,
    scheduler,
    resume: options.resume,
    dryRun: flags.dryRun === true,
    client,
  });
  const { manifest, files } = submission;
  const shape = `${manifest.todo.length} of ${manifest.points.length} points in ${manifest.tasks} array tasks of up to ${manifest.chunk} (--array=0-${manifest.tasks - 1}${scheduler.maxArray === null ? '' : `%${scheduler.maxArray}`})`;
  if (submission.cancelled.length > 0) io.stdout(`cancelled the merge jobs ${submission.cancelled.join(', ')} of earlier submissions\n`);
  if (manifest.todo.length === 0) {
    io.stdout(`all ${manifest.points.length} points of ${options.out} have point files: nothing to submit; merging\n`);
    await mergeSweepFiles(io, options.out, disk);
    return;
  }
  if (flags.dryRun === true) {
    io.stdout(
      `wrote ${files.manifest}, ${files.arrayScript} and ${files.mergeScript}: ${shape}; nothing submitted. To submit by hand:\n` +
        `  sbatch --parsable ${shellQuote(files.arrayScript)}\n` +
        `  sbatch --parsable --dependency=afterok:<array job id> ${shellQuote(files.mergeScript)}\n`,
    );
    return;
  }
  io.stdout(
    `submitted ${shape}\n` +
      `array job ${submission.arrayJob}\n` +
      `merge job ${submission.mergeJob} (--dependency=afterok:${submission.arrayJob}, writes ${options.out})\n` +
      `follow with: maxent sweep --status --out ${shellQuote(options.out)}\n`,
  );
}

/** The state of every point at `out` (files, and squeue/sacct for a SLURM sweep). */
export async function statusOf(io: CliIO, out: string, disk: SweepOnDisk): Promise<SweepStatus> {
  const folder = resolvePath(io, pointsFolderOf(out));
  const points = sweepPoints(disk.spec);
  const jobs = disk.manifests.length === 0 ? [] : await readSubmittedJobs(slurmFolderOf(resolvePath(io, out)));
  return sweepStatus({
    sweepHash: sweepHash(points),
    total: points.length,
    store: createFileStore(folder),
    failures: createFailureRecords(folder),
    manifests: disk.manifests,
    jobs,
    client: disk.manifests.length === 0 ? null : createSlurmClient(process.env),
  });
}

/**
 * `maxent sweep --status --out F`: a merged sweep (the result file there, of this
 * sweep, its point files gone) in one line; else counts, then one line per point
 * that is not done.
 */
export async function statusReport(io: CliIO, out: string, disk: SweepOnDisk): Promise<string> {
  const status = await statusOf(io, out, disk);
  if (status.counts.done === 0 && isMergedResult(io, out, sweepHash(sweepPoints(disk.spec)))) return `${out}: merged, ${status.total} points\n`;
  return statusLines(status, out);
}

function isMergedResult(io: CliIO, out: string, hash: string): boolean {
  try {
    const result = JSON.parse(readFileSync(resolvePath(io, out), 'utf8')) as { kind?: unknown; sweepHash?: unknown };
    return result.kind === 'sweep' && result.sweepHash === hash;
  } catch {
    return false;
  }
}

/** Failed points listed one per line with their error, at most this many. */
const FAILED_LINES = 20;

/** Counts; each failed point with its error; the running, pending and missing ones as index ranges. */
export function statusLines(status: SweepStatus, out: string): string {
  const { counts } = status;
  const lines = [
    `${out}: ${status.total} points: ${counts.done} done, ${counts.running} running, ${counts.pending} pending, ${counts.failed} failed, ${counts.missing} missing` +
      ` (from ${status.source === 'scheduler' ? 'squeue/sacct and the point files' : 'the point files'})`,
  ];
  const failed = status.points.filter((point) => point.state === 'failed');
  for (const point of failed.slice(0, FAILED_LINES)) {
    lines.push(`  point ${point.index} failed${point.job === null ? '' : ` (job ${point.job})`}: ${point.error?.message ?? 'no error recorded'}`);
  }
  if (failed.length > FAILED_LINES) lines.push(`  ... ${failed.length - FAILED_LINES} more failed points: see ${out}.points/<i>.failed.json`);
  for (const state of ['running', 'pending', 'missing'] as const) {
    const points = status.points.filter((point) => point.state === state);
    if (points.length === 0) continue;
    const seen = [...new Set(points.map((point) => point.scheduler).filter((value) => value !== null))];
    lines.push(`  ${state}: points ${indexRanges(points.map((point) => point.index))}${seen.length === 0 ? '' : ` (scheduler: ${seen.join(', ')})`}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Ascending indices as ranges: 0-3, 7, 9-10. */
function indexRanges(indices: readonly number[]): string {
  const ranges: string[] = [];
  for (let i = 0; i < indices.length; ) {
    let j = i;
    while (j + 1 < indices.length && indices[j + 1] === indices[j] + 1) j++;
    ranges.push(i === j ? String(indices[i]) : `${indices[i]}-${indices[j]}`);
    i = j + 1;
  }
  return ranges.join(', ');
}

/**
 * `maxent sweep --merge --out F`: merges the point files into the result and its
 * CSV (the bytes a local run writes, apart from `timing`), then removes the point
 * files. With points missing or failed it writes nothing, lists them (failed ones
 * with their recorded error) and exits 4.
 */
export async function mergeSweepFiles(io: CliIO, out: string, disk: SweepOnDisk): Promise<{ rows: number }> {
  const status = await statusOf(io, out, disk);
  if (status.counts.done < status.total) {
    const notDone = status.total - status.counts.done;
    throw new SweepIncompleteError(
      `sweep incomplete: ${notDone} of ${status.total} points are not done; nothing written. Rerun them with \`maxent sweep --resume${disk.manifests.length > 0 ? ' --executor slurm' : ''} --out ${shellQuote(out)}\`\n${statusLines(status, out).trimEnd()}`,
    );
  }
  const folder = resolvePath(io, pointsFolderOf(out));
  const store = createFileStore(folder);
  const csv = csvPathOf(out);
  // The phases ran as cluster jobs, not timed here: their wall-clock seconds are 0; pointSeconds sums the points.
  const merged = await mergeSweep(disk.spec, store, { versions: VERSIONS, csvPath: csv });
  writeFileAtomic(io, csv, merged.csv);
  writeJsonAtomic(io, out, merged.result);
  await store.clear();
  return { rows: merged.rows.length };
}
