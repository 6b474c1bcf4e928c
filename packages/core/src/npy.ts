import { InvalidInputError } from './errors.js';

/**
 * NumPy .npy files (format spec: numpy.lib.format, versions 1.0-3.0), so Python
 * users can `numpy.load` our weights and we can read theirs.
 */
export interface NpyArray {
  readonly shape: readonly number[];
  /** Values in C (row-major) order, converted to float64. */
  readonly data: Float64Array;
  /** The dtype found in the file: '<f8' or '<f4'. */
  readonly dtype: '<f8' | '<f4';
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // "\x93NUMPY"
const ALIGNMENT = 64;

/** Encodes a float64 array in C order as a version 1.0 .npy file. */
export function encodeNpy(data: Float64Array, shape: readonly number[]): Uint8Array {
  const count = shape.reduce((product, size) => product * size, 1);
  if (count !== data.length) {
    throw new RangeError(`encodeNpy: shape (${shape.join(', ')}) holds ${count} values, data has ${data.length}`);
  }
  const shapeText = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '<f8', 'fortran_order': False, 'shape': ${shapeText}, }`;
  // Pad with spaces so the data starts on a 64-byte boundary; the header ends in '\n'.
  const unpadded = MAGIC.length + 2 + 2 + header.length + 1;
  header += ' '.repeat((ALIGNMENT - (unpadded % ALIGNMENT)) % ALIGNMENT) + '\n';
  const headerBytes = new TextEncoder().encode(header);
  const offset = MAGIC.length + 4 + headerBytes.length;
  const out = new Uint8Array(offset + data.length * 8);
  out.set(MAGIC, 0);
  out[6] = 1; // major version
  out[7] = 0; // minor version
  new DataView(out.buffer).setUint16(8, headerBytes.length, true);
  out.set(headerBytes, 10);
  const view = new DataView(out.buffer, offset);
  for (let i = 0; i < data.length; i++) view.setFloat64(i * 8, data[i], true);
  return out;
}

/**
 * Decodes a .npy file holding little-endian float32 or float64 values in C order.
 * Anything else (Fortran order, other dtypes, big-endian) is an {@link InvalidInputError}
 * naming `field`.
 */
export function decodeNpy(bytes: Uint8Array, field = 'npy'): NpyArray {
  const fail = (why: string) => new InvalidInputError(field, `invalid \`${field}\`: ${why}`);
  if (bytes.length < 10 || MAGIC.some((byte, i) => bytes[i] !== byte)) {
    throw fail('not a NumPy .npy file (missing the \\x93NUMPY magic string)');
  }
  const major = bytes[6];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let headerLength: number;
  let headerStart: number;
  if (major === 1) {
    headerLength = view.getUint16(8, true);
    headerStart = 10;
  } else if (major === 2 || major === 3) {
    headerLength = view.getUint32(8, true);
    headerStart = 12;
  } else {
    throw fail(`unsupported .npy format version ${major}.${bytes[7]} (supported: 1.0, 2.0, 3.0)`);
  }
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(
    bytes.subarray(headerStart, headerStart + headerLength),
  );
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw fail(`malformed .npy header ${JSON.stringify(header.trim())}`);
  }
  if (fortran === 'True') {
    throw fail('Fortran-ordered arrays are not supported; save with numpy.ascontiguousarray(W) (C order)');
  }
  if (descr !== '<f8' && descr !== '<f4') {
    throw fail(`dtype ${descr} is not supported; allowed: little-endian float64 ('<f8') or float32 ('<f4')`);
  }
  const shape = shapeText
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0)
    .map(Number);
  if (shape.some((size) => !Number.isInteger(size) || size < 0)) throw fail(`malformed shape (${shapeText})`);
  const count = shape.reduce((product, size) => product * size, 1);
  const itemSize = descr === '<f8' ? 8 : 4;
  const offset = headerStart + headerLength;
  if (bytes.length - offset < count * itemSize) {
    throw fail(`file is truncated: shape (${shape.join(', ')}) needs ${count * itemSize} data bytes, found ${bytes.length - offset}`);
  }
  const data = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    data[i] = itemSize === 8 ? view.getFloat64(offset + i * 8, true) : view.getFloat32(offset + i * 4, true);
  }
  return { shape, data, dtype: descr };
}
