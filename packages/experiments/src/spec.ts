import { deriveSeed, InvalidInputError } from '@maxent/core';
import type { MaxentConfig } from '@maxent/constraints';
import type { TrainingHyperparameters } from '@maxent/trainer';
import type { AxisValue } from './axisValues.js';
import { CONFIG_SETTINGS, configWithSettings, type ConfigSetting } from './settings.js';

/**
 * A sweep (interfaces.md `maxent sweep`, kind `sweep`): grids of config values,
 * each point solved by the max-ent solver and, with training, also trained at
 * several init scales and analysed (model.md §6, §10).
 */

/** Config settings a sweep can vary, with the flag that sets each (the table of settings.ts). */
export const SWEEP_FIELDS = CONFIG_SETTINGS;
export type SweepField = ConfigSetting;

export interface SweepAxis {
  readonly field: SweepField;
  readonly values: AxisValue[];
}

/** `match`: train from the point's own prior, initScale = weightScale (u, w ~ p0, model.md §4, §10). */
export type InitScale = number | 'match';

export interface SweepGrid {
  /** Name of the grid (a preset has several; a plain sweep has one, "sweep"). */
  readonly name: string;
  /** The axes; the grid is their Cartesian product, the last axis varying fastest. */
  readonly axes: SweepAxis[];
  /** Init scales of the trained points (empty: no training on this grid). */
  readonly initScales: InitScale[];
  /** L2 weight decays of the trained points, crossed with the init scales; absent: the training settings' one. */
  readonly weightDecays?: number[];
}

export interface SweepSpec {
  /** The config every point starts from (config file and single-valued flags), defaults filled in. */
  readonly base: MaxentConfig;
  readonly grids: SweepGrid[];
  /** Hyperparameters of every training run (initScale and seed are set per point). */
  readonly training: TrainingHyperparameters | null;
  /** Trained points: also search the best-matching weight scale (model.md §10). */
  readonly matchWeightScale: boolean;
  /** Master seed: point i trains with deriveSeed(seed, i). */
  readonly seed: number | string;
  /** Name of the preset that made the spec, if any. */
  readonly preset: string | null;
  /**
   * Trained replicates per trained setting (`--seeds`), each its own point with its
   * own seed; the merged result adds a row of means and standard errors per
   * setting. Absent or 1: one run per setting, as before.
   */
  readonly replicates?: number;
}

/** One unit of work: solve a config, or train (and analyse) a network for it. */
export interface SweepPoint {
  readonly index: number;
  readonly grid: string;
  readonly mode: 'maxent' | 'trained';
  /** The swept values of this point, by field. */
  readonly values: Readonly<Partial<Record<SweepField, AxisValue>>>;
  readonly config: MaxentConfig;
  /** Trained points: the init scale used (numeric even for `match`), else null. */
  readonly initScale: number | null;
  /** Trained points: the training hyperparameters with this point's seed and init scale. */
  readonly training: TrainingHyperparameters | null;
  readonly matchWeightScale: boolean;
  /** deriveSeed(master seed, index): the same whatever the number of workers. */
  readonly seed: string;
  /** With replicates (spec.replicates > 1): which of them, 0-based; absent otherwise (so older sweeps keep their hash). */
  readonly replicate?: number;
}

/**
 * The points of a sweep in a fixed order: for each grid, first its max-ent points
 * (Cartesian product of the axes), then its trained points (each config times
 * each init scale times each weight decay times each replicate, the last fastest). Every config is validated here, before any work starts, so a
 * bad value stops the sweep with exit 2 naming the flag.
 */
export function sweepPoints(spec: SweepSpec): SweepPoint[] {
  assertSweepSize(spec);
  const points: SweepPoint[] = [];
  for (const grid of spec.grids) {
    const combinations = cartesian(grid.axes);
    const configs = combinations.map((values) => ({ values, config: configAt(spec.base, values) }));
    for (const { values, config } of configs) {
      const index = points.length;
      points.push({ index, grid: grid.name, mode: 'maxent', values, config, initScale: null, training: null, matchWeightScale: false, seed: deriveSeed(spec.seed, index) });
    }
    if (spec.training === null) continue;
    const replicates = spec.replicates ?? 1;
    const weightDecays = grid.weightDecays ?? [spec.training.weightDecay];
    for (const { values, config } of configs) {
      for (const initScale of grid.initScales) {
        for (const weightDecay of weightDecays) {
          for (let replicate = 0; replicate < replicates; replicate++) {
            const index = points.length;
            const seed = deriveSeed(spec.seed, index);
            const scale = initScale === 'match' ? config.weightScale : initScale;
            points.push({
              index,
              grid: grid.name,
              mode: 'trained',
              values,
              config,
              initScale: scale,
              training: { ...spec.training, initScale: scale, weightDecay, seed },
              matchWeightScale: spec.matchWeightScale,
              seed,
              ...(replicates > 1 ? { replicate } : {}),
            });
          }
        }
      }
    }
  }
  return points;
}

/** Most points one sweep may have (each is a solve, or a training run): beyond, split the sweep. */
export const MAX_SWEEP_POINTS = 100_000;

/** The number of points of a spec, counted from the axis lengths without building the grid. */
export function sweepPointCount(spec: SweepSpec): number {
  let total = 0;
  for (const grid of spec.grids) {
    const configs = grid.axes.reduce((count, axis) => count * axis.values.length, 1);
    total += configs * (1 + (spec.training === null ? 0 : grid.initScales.length));
  }
  return total;
}

/**
 * Refuses (exit 2) a sweep of more than {@link MAX_SWEEP_POINTS} points before its
 * grid is built: `--contexts 1..10000 --weight-scale 0.01..100:0.01` would fill
 * memory with configs first (issue 17, class 2).
 */
export function assertSweepSize(spec: SweepSpec): void {
  const count = sweepPointCount(spec);
  if (count <= MAX_SWEEP_POINTS) return;
  const axes = spec.grids.flatMap((grid) => grid.axes.map((axis) => `${axis.field} ${axis.values.length}`)).join(' x ');
  throw new InvalidInputError(
    'sweep',
    `invalid sweep: ${count} points (${axes}${spec.training === null ? '' : ', times the init scales with training'}), at most ${MAX_SWEEP_POINTS} allowed; use fewer values per axis or split the sweep`,
  );
}

function cartesian(axes: readonly SweepAxis[]): Partial<Record<SweepField, AxisValue>>[] {
  let out: Partial<Record<SweepField, AxisValue>>[] = [{}];
  for (const axis of axes) {
    const next: Partial<Record<SweepField, AxisValue>>[] = [];
    for (const partial of out) for (const value of axis.values) next.push({ ...partial, [axis.field]: value });
    out = next;
  }
  return out;
}

/** The base config with this point's values laid over it, validated (errors name the flag of the axis). */
function configAt(base: MaxentConfig, values: Partial<Record<SweepField, AxisValue>>): MaxentConfig {
  return configWithSettings(base as unknown as Record<string, unknown>, values);
}
