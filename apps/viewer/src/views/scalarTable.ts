// Rows of a table from dotted keys of a result file: "summary.specialization" -> value.
import type { TableFigure } from '@maxent/figures';

export function valueAt(file: unknown, path: string): unknown {
  let value: unknown = file;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A two-column table of the keys the file has (numbers, strings, booleans; others are skipped). */
export function scalarTable(id: string, title: string, file: unknown, paths: readonly string[]): TableFigure | null {
  const rows: (number | string | null)[][] = [];
  for (const path of paths) {
    const value = valueAt(file, path);
    if (typeof value === 'number' || typeof value === 'string') rows.push([path, value]);
    else if (typeof value === 'boolean') rows.push([path, String(value)]);
    else if (value === null) rows.push([path, null]);
  }
  return rows.length === 0 ? null : { kind: 'table', id, title, caption: '', columns: ['key', 'value'], rows };
}

/** A table of rows of objects (populations, sweep rows), `columns` picked from each, at most `limit` rows. */
export function arrayTable(
  id: string,
  title: string,
  items: unknown,
  columns: readonly string[],
  limit = 256,
): TableFigure | null {
  if (!Array.isArray(items) || items.length === 0) return null;
  const shown = items.slice(0, limit);
  const present = columns.filter((column) => shown.some((item) => valueAt(item, column) !== undefined));
  const rows = shown.map((item) =>
    present.map((column) => {
      const value = valueAt(item, column);
      if (Array.isArray(value)) return value.join('');
      if (typeof value === 'number' || typeof value === 'string' || value === null) return value;
      return value === undefined ? null : String(value);
    }),
  );
  const caption = items.length > limit ? `First ${limit} of ${items.length} rows.` : '';
  return { kind: 'table', id, title, caption, columns: present, rows };
}
