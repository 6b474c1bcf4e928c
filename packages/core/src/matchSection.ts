/**
 * The joint-match sections of the `analysis` and `sweep` result files
 * (interfaces.md `comparison.match`, model.md §15), as written by the experiment
 * layer and read by the figures: one shape for both sides of the file.
 */

/** Which part of the mismatch a minimiser minimised. */
export type MatchPart = 'joint' | 'energy' | 'selectivity';

/** One part's minimiser. */
export interface MatchSection {
  readonly by: MatchPart;
  readonly weightScale: number;
  /** TV + selectivity difference at `weightScale`, whichever part was minimised. */
  readonly mismatch: number;
  readonly tvDistance: number;
  readonly selectivityDifference: number;
  readonly atRangeEnd: boolean;
  readonly rangeEnd: 'lower' | 'upper' | null;
}

/** A point of the mismatch curve; nulls where the solver had no answer (JSON has no Infinity). */
export interface CurvePoint {
  readonly weightScale: number;
  readonly mismatch: number | null;
  readonly tvDistance: number | null;
  readonly selectivityDifference: number | null;
}
