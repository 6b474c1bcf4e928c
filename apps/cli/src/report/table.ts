/**
 * The report's tables: numbers of a result file in rows, each cell remembering
 * where in the file it came from (`path`, dotted keys and array indices), so the
 * HTML can carry the exact value beside the rounded one and a test can check
 * every cell against the file.
 */
export type CellValue = number | string | boolean | null;

export interface Cell {
  readonly value: CellValue;
  /** Where the value sits in the result file, e.g. `populations.2.fraction`; absent for labels made here. */
  readonly path?: string;
}

export interface ReportTable {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

/** A cell read from `file` at `path` (missing values are null). */
export function cellAt(file: unknown, path: string): Cell {
  const value = valueAt(file, path);
  return { value: isCellValue(value) ? value : null, path };
}

/** The value at a dotted path (`rows.3.r2`); undefined where the path leads nowhere. */
export function valueAt(file: unknown, path: string): unknown {
  let node: unknown = file;
  for (const key of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * One row per scalar found under the given keys of `file`, descending into plain
 * objects (not arrays): a two-column "quantity | value" table.
 */
export function scalarTable(id: string, title: string, file: unknown, keys: readonly string[]): ReportTable | null {
  const rows: Cell[][] = [];
  const visit = (path: string, value: unknown) => {
    if (isCellValue(value)) rows.push([{ value: path }, { value, path }]);
    else if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      for (const [key, inner] of Object.entries(value)) visit(`${path}.${key}`, inner);
    }
  };
  for (const key of keys) visit(key, valueAt(file, key));
  return rows.length === 0 ? null : { id, title, columns: ['quantity', 'value'], rows };
}

/**
 * One row per element of the array at `arrayPath`, one column per field (fields
 * absent from every element are dropped); `pattern` arrays show as "110".
 */
export function arrayTable(
  id: string,
  title: string,
  file: unknown,
  arrayPath: string,
  fields: readonly string[],
  keep: (item: unknown) => boolean = () => true,
): ReportTable | null {
  const all = valueAt(file, arrayPath);
  if (!Array.isArray(all)) return null;
  // Indices into the whole array, so each cell's path points at the file's own value.
  const kept = all.map((item, index) => [item, index] as const).filter(([item]) => keep(item));
  if (kept.length === 0) return null;
  const items = kept.map(([item]) => item);
  const present = fields.filter((field) => items.some((item) => valueAt(item, field) !== undefined));
  const rows = kept.map(([item, index]) =>
    present.map((field): Cell => {
      const value = valueAt(item, field);
      if (Array.isArray(value) && value.every((entry) => typeof entry === 'number')) return { value: value.join('') };
      return cellAt(file, `${arrayPath}.${index}.${field}`);
    }),
  );
  return { id, title, columns: present, rows };
}

/** A number as the table shows it: integers in full, others to 4 significant digits. */
export function formatCell(value: CellValue): string {
  if (value === null) return '—';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  }
  return String(value);
}

function isCellValue(value: unknown): value is CellValue {
  return value === null || typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean';
}
