import { InvalidInputError } from '@maxent/core';
import { REGULARIZERS, resolveRnnSettings, type Regularizer, type RnnSettings } from '@maxent/trainer';
import { epochColumns, LEARNT_ACCURACY, trainTrackedRnn } from './trackRnn.js';

/**
 * The study of model.md §12 as a sweep (`maxent rnn sweep`, kind `rnn-sweep`):
 * groups of networks, one per regulariser, each over its own range of gamma
 * (the penalties have very different scales), times the seeds. A point is one
 * training run; its seed is the seed of the axis itself (not derived from the
 * index), so the networks of every group and gamma with the same seed start
 * from the same initialisation and see the same trials: paired comparisons.
 */
export interface RnnSweepGroup {
  readonly regularizer: Regularizer;
  readonly gammas: readonly number[];
}

export interface RnnSweepSpec {
  readonly groups: readonly RnnSweepGroup[];
  readonly seeds: readonly (number | string)[];
  /** Settings every run shares (epochs, task, ...); regularizer, gamma and seed are set per point. */
  readonly settings: RnnSettings;
  readonly preset: string | null;
}

export interface RnnSweepPoint {
  readonly index: number;
  readonly mode: 'rnn';
  readonly regularizer: Regularizer;
  readonly gamma: number;
  readonly seed: number | string;
  /** The full settings of this run, defaults filled (JSON-safe). */
  readonly settings: RnnSettings;
}

/** Scalars of the final epoch, the per-epoch table and the final spectrum of one run. */
export interface RnnSweepRow {
  readonly index: number;
  readonly regularizer: Regularizer;
  readonly gamma: number;
  readonly seed: number | string;
  readonly stoppedBy: string;
  /** Test accuracy >= 0.9 at the final epoch. */
  readonly learnt: boolean;
  /** The final epoch's columns (epochColumns). */
  readonly final: Record<string, number | null>;
  readonly epochs: readonly Record<string, number | null>[];
  readonly eigenvalues: { readonly real: readonly number[]; readonly imaginary: readonly number[] };
}

/** Validates the spec (errors name the field) and lists its points: groups in order, gammas, then seeds fastest. */
export function rnnSweepPoints(spec: RnnSweepSpec): RnnSweepPoint[] {
  if (spec.groups.length === 0) throw new InvalidInputError('groups', 'invalid `groups`: must hold at least one regulariser group');
  if (spec.seeds.length === 0) throw new InvalidInputError('--seeds', 'invalid `--seeds`: must hold at least one seed');
  const points: RnnSweepPoint[] = [];
  for (const group of spec.groups) {
    if (!(REGULARIZERS as readonly string[]).includes(group.regularizer)) {
      throw new InvalidInputError('--regularizers', `invalid \`--regularizers\`: must be among ${REGULARIZERS.join(', ')}, got ${JSON.stringify(group.regularizer)}`);
    }
    if (group.gammas.length === 0) throw new InvalidInputError(`--gammas`, `invalid \`--gammas\`: the ${group.regularizer} group has no gamma`);
    for (const gamma of group.gammas) {
      for (const seed of spec.seeds) {
        const settings = resolveRnnSettings({ ...spec.settings, regularizer: group.regularizer, gamma, seed });
        points.push({ index: points.length, mode: 'rnn', regularizer: group.regularizer, gamma, seed, settings });
      }
    }
  }
  return points;
}

/** Trains and measures one point (a pure function of it). */
export function runRnnSweepPoint(point: RnnSweepPoint, signal?: AbortSignal): RnnSweepRow {
  const tracked = trainTrackedRnn(point.settings, signal === undefined ? {} : { signal });
  const epochs = tracked.epochs.map(epochColumns);
  const final = epochs[epochs.length - 1];
  return {
    index: point.index,
    regularizer: point.regularizer,
    gamma: point.gamma,
    seed: point.seed,
    stoppedBy: tracked.result.stoppedBy,
    learnt: (final.testAccuracy ?? 0) >= LEARNT_ACCURACY,
    final,
    epochs,
    eigenvalues: tracked.eigenvalues,
  };
}
