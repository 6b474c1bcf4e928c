/**
 * A matrix (row-major Float64Array) to be written as JSON rows, `[[...], ...]`,
 * straight from the typed array: a network of 10^7 neurons would need gigabytes
 * as nested JavaScript arrays, and more as one string (issue 17, class 6).
 */
export class MatrixRows {
  constructor(
    readonly data: Float64Array,
    readonly rows: number,
    readonly cols: number,
  ) {}
}

const CHUNK_CHARACTERS = 1 << 20;

/**
 * Writes `value` as JSON exactly as `JSON.stringify(value, null, 2)` followed by a
 * newline would, in chunks of about a mebibyte, so no result is ever one string
 * (V8 strings end at about 512 MiB). Besides plain data it takes typed arrays
 * (written as arrays) and {@link MatrixRows}.
 */
export function writeJsonChunks(value: unknown, write: (chunk: string) => void): void {
  let buffer = '';
  const emit = (text: string) => {
    buffer += text;
    if (buffer.length >= CHUNK_CHARACTERS) {
      write(buffer);
      buffer = '';
    }
  };
  writeValue(value, '', emit);
  emit('\n');
  if (buffer.length > 0) write(buffer);
}

function writeValue(input: unknown, indent: string, emit: (text: string) => void): void {
  const value = typeof (input as { toJSON?: unknown } | null)?.toJSON === 'function' ? (input as { toJSON: () => unknown }).toJSON() : input;
  if (value === null || typeof value !== 'object') {
    emit(primitive(value) ?? 'null');
    return;
  }
  const inner = `${indent}  `;
  if (value instanceof MatrixRows) {
    const { data, rows, cols } = value;
    if (rows === 0) return emit('[]');
    emit('[\n');
    const cellIndent = `${inner}  `;
    for (let i = 0; i < rows; i++) {
      if (cols === 0) emit(`${inner}[]`);
      else {
        let row = `${inner}[\n`;
        for (let j = 0; j < cols; j++) row += `${cellIndent}${numberText(data[i * cols + j])}${j + 1 < cols ? ',\n' : '\n'}`;
        emit(`${row}${inner}]`);
      }
      emit(i + 1 < rows ? ',\n' : '\n');
    }
    return emit(`${indent}]`);
  }
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const array = value as unknown as ArrayLike<number>;
    if (array.length === 0) return emit('[]');
    emit('[\n');
    for (let i = 0; i < array.length; i++) emit(`${inner}${numberText(Number(array[i]))}${i + 1 < array.length ? ',\n' : '\n'}`);
    return emit(`${indent}]`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    emit('[\n');
    for (let i = 0; i < value.length; i++) {
      emit(inner);
      const entry: unknown = value[i];
      if (entry === undefined || typeof entry === 'function' || typeof entry === 'symbol') emit('null');
      else writeValue(entry, inner, emit);
      emit(i + 1 < value.length ? ',\n' : '\n');
    }
    return emit(`${indent}]`);
  }
  const entries = Object.entries(value).filter(([, entry]) => entry !== undefined && typeof entry !== 'function' && typeof entry !== 'symbol');
  if (entries.length === 0) return emit('{}');
  emit('{\n');
  entries.forEach(([key, entry], index) => {
    emit(`${inner}${JSON.stringify(key)}: `);
    writeValue(entry, inner, emit);
    emit(index + 1 < entries.length ? ',\n' : '\n');
  });
  emit(`${indent}}`);
}

function primitive(value: unknown): string | undefined {
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'bigint') throw new TypeError('Do not know how to serialize a BigInt');
  return JSON.stringify(value);
}

/** JSON's spelling of a number (non-finite numbers are refused before writing, assertFiniteResult). */
function numberText(value: number): string {
  return Number.isFinite(value) ? String(value) : 'null';
}
