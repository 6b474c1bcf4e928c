/**
 * What every long computation reports to its `onProgress` callback
 * (architecture.md): `done` units of work out of `total`, so a caller can draw a
 * bar without knowing the algorithm. Packages extend it with detail (a loss, a
 * silhouette), never replace it.
 */
export interface Progress {
  readonly done: number;
  readonly total: number;
}
