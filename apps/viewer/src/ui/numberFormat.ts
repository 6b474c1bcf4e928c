/** A number for a table cell or a summary line: 4 significant digits, "—" for null, NaN and infinities. */
export function formatNumber(value: unknown): string {
  if (typeof value !== 'number') return value === null || value === undefined ? '—' : String(value);
  if (!Number.isFinite(value)) return '—';
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude !== 0 && (magnitude < 1e-3 || magnitude >= 1e6)) return value.toExponential(3).replace('-', '−');
  return Number(value.toPrecision(4)).toString().replace('-', '−');
}
