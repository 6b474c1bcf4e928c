import { InvalidInputError } from '@maxent/core';
import { sweepHash } from '../../sweepHash.js';
import { sweepPoints, type SweepPoint, type SweepSpec } from '../../spec.js';

/** Manifest schema version (the `sweep-manifest` kind, interfaces.md `maxent sweep`). */
export const MANIFEST_SCHEMA_VERSION = 1;

/** One point as the manifest lists it: enough to see what runs where, and its seed to check. */
export interface ManifestPoint {
  readonly index: number;
  readonly grid: string;
  readonly mode: SweepPoint['mode'];
  readonly seed: string;
}

/** How each array task finds its command: node and the CLI's main.js, absolute, resolved at submit time. */
export interface TaskCommand {
  readonly node: string;
  readonly main: string;
}

/** The scheduler settings of a submission, kept so a --resume submits the same way unless told otherwise. */
export interface SchedulerSettings {
  /** `--max-array`: at most this many tasks at once; null: no limit of ours. */
  readonly maxArray: number | null;
  /** `--sbatch` options, one `#SBATCH` line each. */
  readonly sbatchOptions: readonly string[];
  /** `--sbatch-file` contents, copied into both scripts; null: none. */
  readonly sbatchFileText: string | null;
}

/**
 * What one submission of a sweep to SLURM runs: the whole sweep (spec, every
 * point with its seed, the package versions that submitted it) and which points
 * this submission's array tasks run (`todo`, `chunk` per task). Array task t runs
 * `todo[t * chunk ...]`, up to `chunk` points. The first submission runs every
 * point; each `--resume` writes a new manifest with the missing ones.
 */
export interface SweepManifest {
  readonly schemaVersion: typeof MANIFEST_SCHEMA_VERSION;
  readonly kind: 'sweep-manifest';
  /** 0 for the first submission, then 1, 2, ... for each --resume. */
  readonly submission: number;
  readonly sweepHash: string;
  /** `--out` as given, relative to `cwd`: the merge records the same CSV path as a local run would. */
  readonly out: string;
  /** Absolute folder the jobs run in (sbatch --chdir). */
  readonly cwd: string;
  /** Absolute folder of the point files (`<out>.points`). */
  readonly pointsFolder: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly spec: SweepSpec;
  readonly points: readonly ManifestPoint[];
  readonly chunk: number;
  /** Indices this submission runs, ascending. */
  readonly todo: readonly number[];
  /** Array tasks: ceil(todo.length / chunk). */
  readonly tasks: number;
  readonly command: TaskCommand;
  readonly scheduler: SchedulerSettings;
}

export interface ManifestParts {
  readonly submission: number;
  readonly out: string;
  readonly cwd: string;
  readonly pointsFolder: string;
  readonly versions: Readonly<Record<string, string>>;
  readonly chunk: number;
  /** Indices to run; default every point. */
  readonly todo?: readonly number[];
  readonly command: TaskCommand;
  readonly scheduler: SchedulerSettings;
}

export function createManifest(spec: SweepSpec, parts: ManifestParts): SweepManifest {
  if (!(Number.isInteger(parts.chunk) && parts.chunk >= 1)) {
    throw new InvalidInputError('--chunk', `invalid \`--chunk\`: must be an integer >= 1, got ${parts.chunk}`);
  }
  const points = sweepPoints(spec);
  const todo = [...(parts.todo ?? points.map((point) => point.index))].sort((a, b) => a - b);
  return {
    schemaVersion: MANIFEST_SCHEMA_VERSION,
    kind: 'sweep-manifest',
    submission: parts.submission,
    sweepHash: sweepHash(points),
    out: parts.out,
    cwd: parts.cwd,
    pointsFolder: parts.pointsFolder,
    versions: { ...parts.versions },
    spec,
    points: points.map((point) => ({ index: point.index, grid: point.grid, mode: point.mode, seed: point.seed })),
    chunk: parts.chunk,
    todo,
    tasks: Math.ceil(todo.length / parts.chunk),
    command: parts.command,
    scheduler: { maxArray: parts.scheduler.maxArray, sbatchOptions: [...parts.scheduler.sbatchOptions], sbatchFileText: parts.scheduler.sbatchFileText },
  };
}

/** The point indices array task `task` runs (`--index`); an index out of range is an error naming `--index`. */
export function taskPoints(manifest: SweepManifest, task: number): number[] {
  if (!(Number.isInteger(task) && task >= 0 && task < manifest.tasks)) {
    throw new InvalidInputError('--index', `invalid \`--index\`: must be an array task index 0..${manifest.tasks - 1} of this manifest, got ${task}`);
  }
  return manifest.todo.slice(task * manifest.chunk, (task + 1) * manifest.chunk);
}

/**
 * A manifest read back from its JSON text, its shape checked where a wrong value
 * would do harm (kind, version, the lists the tasks index into); errors name `field`.
 */
export function parseManifest(text: string, path: string, field: string): SweepManifest {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path} is not valid JSON (${(error as Error).message})`);
  }
  const manifest = data as Partial<SweepManifest> | null;
  if (typeof manifest !== 'object' || manifest === null || manifest.kind !== 'sweep-manifest') {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path} is not a sweep manifest (kind "sweep-manifest")`);
  }
  if (manifest.schemaVersion !== MANIFEST_SCHEMA_VERSION) {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path} has schemaVersion ${JSON.stringify(manifest.schemaVersion)}, this maxent reads ${MANIFEST_SCHEMA_VERSION}`);
  }
  const lists = Array.isArray(manifest.points) && Array.isArray(manifest.todo);
  if (!lists || typeof manifest.spec !== 'object' || !Number.isInteger(manifest.chunk) || !Number.isInteger(manifest.tasks) || typeof manifest.pointsFolder !== 'string') {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path} is missing spec, points, todo, chunk, tasks or pointsFolder`);
  }
  return manifest as SweepManifest;
}

/**
 * The sweep's points as this code computes them from the manifest's spec, after
 * checking they are the points that were submitted: the same sweep hash (else a
 * different version of the code would compute other rows), and for the points
 * asked for, the seed the manifest lists (a per-point check: an edited or corrupt
 * entry fails that point, not the whole task).
 */
export function manifestSweepPoints(manifest: SweepManifest, path: string): SweepPoint[] {
  const points = sweepPoints(manifest.spec);
  const hash = sweepHash(points);
  if (hash !== manifest.sweepHash) {
    throw new InvalidInputError(
      '--manifest',
      `invalid \`--manifest\`: ${path} was written for sweep ${manifest.sweepHash}, but its spec gives sweep ${hash} with this maxent (edited, or other package versions than ${JSON.stringify(manifest.versions)})`,
    );
  }
  return points;
}

/** Error unless the manifest lists `point` with the seed the spec derives for it. */
export function checkManifestPoint(manifest: SweepManifest, point: SweepPoint): void {
  const listed = manifest.points[point.index];
  if (listed === undefined || listed.index !== point.index || listed.seed !== point.seed) {
    throw new InvalidInputError(
      '--manifest',
      `invalid \`--manifest\`: point ${point.index} is listed with seed ${JSON.stringify(listed?.seed ?? null)}, but the spec derives seed ${JSON.stringify(point.seed)} (the manifest was edited or is corrupt)`,
    );
  }
}
