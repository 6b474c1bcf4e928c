/**
 * A memo that keeps at most `capacity` values and forgets the oldest first.
 * The solver keeps a few expensive, read-only results per process this way
 * (quadrature rules, tensor grids, attainability thresholds): a sweep asks for
 * the same ones at every point, and the bound keeps a long sweep's memory flat.
 * Values are shared between callers, so they must never be modified.
 */
export interface BoundedMemo<K, V> {
  /** The value kept under `key`, or `compute()` kept under it now. */
  valueOf(key: K, compute: () => V): V;
  /** How many values are kept. */
  readonly size: number;
}

export function createBoundedMemo<K, V>(capacity: number): BoundedMemo<K, V> {
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`createBoundedMemo: capacity must be an integer >= 1, got ${capacity}`);
  // A Map iterates in insertion order, so its first key is the oldest.
  const kept = new Map<K, V>();
  return {
    valueOf(key, compute) {
      if (kept.has(key)) return kept.get(key) as V;
      const value = compute();
      if (kept.size >= capacity) kept.delete(kept.keys().next().value as K);
      kept.set(key, value);
      return value;
    },
    get size() {
      return kept.size;
    },
  };
}
