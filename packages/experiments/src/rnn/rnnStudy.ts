import type { RnnSweepRow } from './rnnSweep.js';

/**
 * The comparisons the papers make (model.md §12; Achterberg, Akarca et al. 2023;
 * Sheeran et al.), from the rows of an RNN sweep. Every run is counted: the
 * learnt fraction is reported per group and gamma, and the comparisons use the
 * learnt networks only (a network that did not learn the task is not a solution
 * whose structure the claims are about), saying how many there were.
 *
 * Groups are compared at matched total weight, not at equal gamma: each learnt
 * seRNN network is paired with the learnt L1 network of closest total weight,
 * kept when the two differ by at most {@link MATCH_RATIO}.
 */
export const MATCH_RATIO = 1.25;

export interface GroupCell {
  readonly regularizer: string;
  readonly gamma: number;
  readonly runs: number;
  readonly learnt: number;
  /** Means over the learnt runs (null when none learnt). */
  readonly mean: Readonly<Record<string, number | null>>;
}

export interface MatchedComparison {
  readonly pairs: number;
  /** Fraction of pairs where the seRNN network has the higher Q, lower entropy, smaller leading eigenvalue, higher spectral entropy. */
  readonly seRnnHigherModularity: number | null;
  readonly seRnnLowerEntropy: number | null;
  readonly seRnnSmallerLeadingEigenvalue: number | null;
  readonly seRnnHigherSpectralEntropy: number | null;
  /** Mean of (seRNN - L1) over the pairs. */
  readonly meanDifference: Readonly<Record<string, number | null>>;
  readonly list: readonly { readonly sernn: number; readonly l1: number; readonly totalWeight: readonly [number, number] }[];
}

export interface LinearFit {
  readonly networks: number;
  readonly slope: number | null;
  readonly correlation: number | null;
}

export interface RnnStudySummary {
  readonly cells: readonly GroupCell[];
  readonly matched: MatchedComparison;
  /** Q against Shannon entropy across learnt networks, per regulariser (the paper: negative for seRNN, none for L1). */
  readonly modularityAgainstEntropy: Readonly<Record<string, LinearFit>>;
  /** Shannon entropy against total weight, per regulariser. */
  readonly entropyAgainstTotalWeight: Readonly<Record<string, LinearFit>>;
}

const MEASURES = ['testAccuracy', 'shannonEntropy', 'modularity', 'leadingEigenvalue', 'spectralEntropy', 'totalWeight', 'distanceCorrelation', 'communicabilityEntropy'] as const;

export function rnnStudySummary(rows: readonly RnnSweepRow[]): RnnStudySummary {
  const cells: GroupCell[] = [];
  const keys = new Map<string, RnnSweepRow[]>();
  for (const row of rows) {
    const key = `${row.regularizer}|${row.gamma}`;
    const list = keys.get(key) ?? [];
    list.push(row);
    keys.set(key, list);
  }
  for (const list of keys.values()) {
    const learnt = list.filter((row) => row.learnt);
    const mean: Record<string, number | null> = {};
    for (const measure of MEASURES) mean[measure] = meanOf(learnt.map((row) => row.final[measure]));
    cells.push({ regularizer: list[0].regularizer, gamma: list[0].gamma, runs: list.length, learnt: learnt.length, mean });
  }
  const learnt = rows.filter((row) => row.learnt);
  const byGroup = (regularizer: string) => learnt.filter((row) => row.regularizer === regularizer);
  const regularizers = [...new Set(rows.map((row) => row.regularizer))];
  const fits = (x: string, y: string) => Object.fromEntries(regularizers.map((name) => [name, linearFit(byGroup(name).map((row) => [row.final[x], row.final[y]]))]));
  return {
    cells,
    matched: matchedComparison(byGroup('sernn'), byGroup('l1')),
    modularityAgainstEntropy: fits('shannonEntropy', 'modularity'),
    entropyAgainstTotalWeight: fits('totalWeight', 'shannonEntropy'),
  };
}

function matchedComparison(sernn: readonly RnnSweepRow[], l1: readonly RnnSweepRow[]): MatchedComparison {
  const list: { sernn: number; l1: number; totalWeight: [number, number] }[] = [];
  const pairs: [RnnSweepRow, RnnSweepRow][] = [];
  for (const s of sernn) {
    let best: RnnSweepRow | null = null;
    let distance = Infinity;
    for (const candidate of l1) {
      const gap = Math.abs(Math.log((s.final.totalWeight ?? NaN) / (candidate.final.totalWeight ?? NaN)));
      if (gap < distance) {
        distance = gap;
        best = candidate;
      }
    }
    if (best !== null && distance <= Math.log(MATCH_RATIO)) {
      pairs.push([s, best]);
      list.push({ sernn: s.index, l1: best.index, totalWeight: [s.final.totalWeight ?? NaN, best.final.totalWeight ?? NaN] });
    }
  }
  const fraction = (test: (s: Record<string, number | null>, l: Record<string, number | null>) => boolean) =>
    pairs.length === 0 ? null : pairs.filter(([s, l]) => test(s.final, l.final)).length / pairs.length;
  const meanDifference: Record<string, number | null> = {};
  for (const measure of MEASURES) meanDifference[measure] = meanOf(pairs.map(([s, l]) => difference(s.final[measure], l.final[measure])));
  return {
    pairs: pairs.length,
    seRnnHigherModularity: fraction((s, l) => (s.modularity ?? NaN) > (l.modularity ?? NaN)),
    seRnnLowerEntropy: fraction((s, l) => (s.shannonEntropy ?? NaN) < (l.shannonEntropy ?? NaN)),
    seRnnSmallerLeadingEigenvalue: fraction((s, l) => (s.leadingEigenvalue ?? NaN) < (l.leadingEigenvalue ?? NaN)),
    seRnnHigherSpectralEntropy: fraction((s, l) => (s.spectralEntropy ?? NaN) > (l.spectralEntropy ?? NaN)),
    meanDifference,
    list,
  };
}

function difference(a: number | null, b: number | null): number | null {
  return a === null || b === null ? null : a - b;
}

function meanOf(values: readonly (number | null | undefined)[]): number | null {
  const finite = values.filter((value): value is number => typeof value === 'number' && Number.isFinite(value));
  return finite.length === 0 ? null : finite.reduce((sum, value) => sum + value, 0) / finite.length;
}

/** Least-squares slope of y on x and Pearson r (null with fewer than 3 networks or constant x or y). */
export function linearFit(points: readonly (readonly [number | null | undefined, number | null | undefined])[]): LinearFit {
  const finite = points.filter((point): point is [number, number] => typeof point[0] === 'number' && typeof point[1] === 'number' && Number.isFinite(point[0]) && Number.isFinite(point[1]));
  const n = finite.length;
  if (n < 3) return { networks: n, slope: null, correlation: null };
  const mx = finite.reduce((sum, [x]) => sum + x, 0) / n;
  const my = finite.reduce((sum, [, y]) => sum + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (const [x, y] of finite) {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  if (!(sxx > 0 && syy > 0)) return { networks: n, slope: null, correlation: null };
  return { networks: n, slope: sxy / sxx, correlation: sxy / Math.sqrt(sxx * syy) };
}
