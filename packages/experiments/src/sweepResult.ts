import { InvalidInputError, resultEnvelope } from '@maxent/core';
import { sweepColumns, sweepCsv } from './csv.js';
import { replicateMeanRows } from './replicates.js';
import { pointRecordProblem, type PointRecord, type PointStore } from './pointStore.js';
import type { SweepRow } from './runPoint.js';
import { belongsTo } from './runSweep.js';
import { sweepHash } from './sweepHash.js';
import { sweepPoints, type SweepSpec } from './spec.js';

export interface SweepTiming {
  /** Wall-clock seconds of the max-ent and training phases of the last run (0 when it had nothing to run). */
  readonly maxentSeconds: number;
  readonly trainingSeconds: number;
  /** Seconds summed over the points, wherever and whenever they ran. */
  readonly pointSeconds: number;
}

export interface MergeOptions {
  /** Package versions for the envelope (the app adds its own). */
  readonly versions: Readonly<Record<string, string>>;
  /** Where the CSV goes, recorded in the result (`csv`). */
  readonly csvPath: string;
  /** Phase times of the run that finished the sweep, if any. */
  readonly maxentSeconds?: number;
  readonly trainingSeconds?: number;
}

export interface MergedSweep {
  /** The `sweep` result file (interfaces.md `maxent sweep`). */
  readonly result: ReturnType<typeof sweepResultFile>;
  readonly rows: SweepRow[];
  /** The CSV beside it (RFC 4180). */
  readonly csv: string;
}

/**
 * Merges a finished sweep: reads every point's record from `store`, orders the
 * rows by index and builds the result file and its CSV. Rows are ordered by
 * index and every row is a pure function of its point, so the result is the
 * same, byte for byte apart from `timing`, whatever executor ran the points, on
 * how many workers, and however often the sweep was interrupted. A missing or
 * foreign record is an error naming `--resume`.
 */
export async function mergeSweep(spec: SweepSpec, store: PointStore, options: MergeOptions): Promise<MergedSweep> {
  const points = sweepPoints(spec);
  const hash = sweepHash(points);
  const records: PointRecord[] = [];
  const missing: number[] = [];
  for (const point of points) {
    const record = await store.read(point.index);
    const problem = record === undefined ? null : pointRecordProblem(record);
    if (record === undefined) missing.push(point.index);
    else if (problem !== null) {
      throw new InvalidInputError('--resume', `invalid \`--resume\`: the point file ${store.locate(point.index)} is not a valid point record (${problem}); delete it and rerun with --resume`);
    } else if (!belongsTo(record, point.index, points.length, hash)) {
      throw new InvalidInputError(
        '--resume',
        `invalid \`--resume\`: the point file ${store.locate(point.index)} belongs to a different sweep (other settings, values or seed); rerun with the same flags, or delete ${store.location} to start over`,
      );
    } else records.push(record);
  }
  if (missing.length > 0) {
    throw new InvalidInputError(
      '--resume',
      `invalid \`--resume\`: the sweep is unfinished: ${missing.length} of ${points.length} points have no point file in ${store.location} (first: point ${missing[0]}); run the sweep again with --resume`,
    );
  }
  // Records of this sweep (checked by hash) hold rows of its own points; with replicates, one row of means
  // and standard errors per trained setting follows the points' rows.
  const pointRows = records.map((record) => record.row as SweepRow);
  const rows = [...pointRows, ...replicateMeanRows(points, pointRows)];
  const columns = sweepColumns(rows);
  const timing: SweepTiming = {
    maxentSeconds: options.maxentSeconds ?? 0,
    trainingSeconds: options.trainingSeconds ?? 0,
    pointSeconds: records.reduce((sum, record) => sum + record.seconds, 0),
  };
  const result = sweepResultFile(spec, { hash, points: points.length, columns, rows, csvPath: options.csvPath, timing, versions: options.versions });
  return { result, rows, csv: sweepCsv(rows, columns) };
}

interface SweepFileParts {
  readonly hash: string;
  readonly points: number;
  readonly columns: string[];
  readonly rows: SweepRow[];
  readonly csvPath: string;
  readonly timing: SweepTiming;
  readonly versions: Readonly<Record<string, string>>;
}

/** The `sweep` result file, keys in their fixed order (files are compared byte for byte). */
function sweepResultFile(spec: SweepSpec, parts: SweepFileParts) {
  const replicates = spec.replicates ?? 1;
  const config = { base: spec.base, grids: spec.grids, training: spec.training, matchWeightScale: spec.matchWeightScale, ...(replicates > 1 ? { replicates } : {}) };
  return {
    ...resultEnvelope('sweep', config, spec.seed, parts.versions),
    preset: spec.preset,
    sweepHash: parts.hash,
    points: parts.points,
    columns: parts.columns,
    rows: parts.rows,
    csv: parts.csvPath,
    timing: parts.timing,
  };
}
