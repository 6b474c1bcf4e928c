import type { PopulationShare } from '@maxent/constraints';
import { patternKey } from './gainPatterns.js';

/**
 * Comparison of a network's populations with a max-ent solution's (model.md §10).
 * Both sides are plain population lists: pattern, fraction, energyShare, selectivity.
 */
export interface PopulationComparison {
  /** Pattern (0/1 per context). */
  readonly pattern: number[];
  readonly energyShare: { readonly network: number; readonly solution: number };
  readonly fraction: { readonly network: number; readonly solution: number };
  /** chi of each side; null where the side has no neuron (network) or no mass (solution) in the pattern. */
  readonly selectivity: { readonly network: number | null; readonly solution: number | null };
  /** network - solution; null unless both sides have the pattern. */
  readonly selectivityDifference: number | null;
}

export interface SolutionComparison {
  /** Total-variation distance between the energy-share distributions over patterns, in [0, 1]. */
  readonly tvDistance: number;
  /** Total-variation distance between the population fractions over patterns. */
  readonly fractionTvDistance: number;
  /** Per pattern present on either side, ordered as the solution lists them, then the network's extras. */
  readonly populations: PopulationComparison[];
  /** Energy-weighted mean of |chi_network - chi_solution| over patterns on both sides (weights: mean of the two energy shares). */
  readonly meanAbsSelectivityDifference: number;
}

/**
 * Patterns are matched by their 0/1 vectors; several populations with the same
 * pattern on one side (possible for clustered continuous gains) are pooled, with
 * energy-weighted selectivity. TV(p, q) = (1/2) sum_g |p(g) - q(g)| is 0 for identical
 * and 1 for disjoint distributions.
 */
export function compareWithSolution(
  network: readonly PopulationShare[],
  solution: readonly PopulationShare[],
): SolutionComparison {
  const ours = poolByPattern(network);
  const theirs = poolByPattern(solution);
  const keys = [...theirs.keys(), ...[...ours.keys()].filter((key) => !theirs.has(key))];
  let tv = 0;
  let fractionTv = 0;
  let weightedDifference = 0;
  let weight = 0;
  const populations: PopulationComparison[] = [];
  for (const key of keys) {
    const a = ours.get(key);
    const b = theirs.get(key);
    const energyA = a?.energyShare ?? 0;
    const energyB = b?.energyShare ?? 0;
    tv += Math.abs(energyA - energyB);
    fractionTv += Math.abs((a?.fraction ?? 0) - (b?.fraction ?? 0));
    const chiA = a !== undefined && a.fraction > 0 ? a.selectivity : null;
    const chiB = b !== undefined && b.fraction > 0 ? b.selectivity : null;
    const difference = chiA !== null && chiB !== null ? chiA - chiB : null;
    if (difference !== null) {
      const w = (energyA + energyB) / 2;
      weightedDifference += w * Math.abs(difference);
      weight += w;
    }
    populations.push({
      pattern: (a ?? b)!.pattern,
      energyShare: { network: energyA, solution: energyB },
      fraction: { network: a?.fraction ?? 0, solution: b?.fraction ?? 0 },
      selectivity: { network: chiA, solution: chiB },
      selectivityDifference: difference,
    });
  }
  return {
    tvDistance: tv / 2,
    fractionTvDistance: fractionTv / 2,
    populations,
    meanAbsSelectivityDifference: weight > 0 ? weightedDifference / weight : Number.NaN,
  };
}

/** TV distance between the energy-share distributions of two population lists (see {@link compareWithSolution}). */
export function energyShareTvDistance(a: readonly PopulationShare[], b: readonly PopulationShare[]): number {
  return pooledEnergyShareTvDistance(poolByPattern(a), poolByPattern(b));
}

/** {@link energyShareTvDistance} of lists already pooled by {@link poolByPattern} (a search pools its fixed side once). */
export function pooledEnergyShareTvDistance(left: ReadonlyMap<string, Pooled>, right: ReadonlyMap<string, Pooled>): number {
  let sum = 0;
  for (const [key, population] of left) sum += Math.abs(population.energyShare - (right.get(key)?.energyShare ?? 0));
  for (const [key, population] of right) if (!left.has(key)) sum += Math.abs(population.energyShare);
  return sum / 2;
}

/**
 * The energy-weighted mean |chi_left - chi_right| of {@link compareWithSolution}
 * for lists already pooled by {@link poolByPattern}: over the patterns with
 * neurons (fraction > 0) on both sides, weighted by the mean of the two energy
 * shares; NaN when no pattern carries weight on both sides.
 */
export function pooledSelectivityDifference(left: ReadonlyMap<string, Pooled>, right: ReadonlyMap<string, Pooled>): number {
  let weighted = 0;
  let weight = 0;
  for (const [key, a] of left) {
    const b = right.get(key);
    if (b === undefined || !(a.fraction > 0) || !(b.fraction > 0)) continue;
    const w = (a.energyShare + b.energyShare) / 2;
    weighted += w * Math.abs(a.selectivity - b.selectivity);
    weight += w;
  }
  return weight > 0 ? weighted / weight : Number.NaN;
}

export interface Pooled {
  pattern: number[];
  fraction: number;
  energyShare: number;
  selectivity: number;
}

export function poolByPattern(populations: readonly PopulationShare[]): Map<string, Pooled> {
  const pooled = new Map<string, Pooled & { chiEnergy: number; chiFraction: number }>();
  for (const population of populations) {
    const key = patternKey(population.pattern);
    const entry = pooled.get(key) ?? {
      pattern: Array.from(population.pattern),
      fraction: 0,
      energyShare: 0,
      selectivity: 0,
      chiEnergy: 0,
      chiFraction: 0,
    };
    entry.fraction += population.fraction;
    entry.energyShare += population.energyShare;
    entry.chiEnergy += population.energyShare * population.selectivity;
    entry.chiFraction += population.fraction * population.selectivity;
    pooled.set(key, entry);
  }
  const out = new Map<string, Pooled>();
  for (const [key, entry] of pooled) {
    // Pool selectivities by energy (as the §6 summary does); by fraction if the pattern carries no energy.
    const selectivity = entry.energyShare > 0 ? entry.chiEnergy / entry.energyShare : entry.fraction > 0 ? entry.chiFraction / entry.fraction : Number.NaN;
    out.set(key, { pattern: entry.pattern, fraction: entry.fraction, energyShare: entry.energyShare, selectivity });
  }
  return out;
}
