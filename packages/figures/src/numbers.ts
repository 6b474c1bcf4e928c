/** A finite number, or null: NaN, infinities, null and missing values are gaps in a chart, never zeros. */
export function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
