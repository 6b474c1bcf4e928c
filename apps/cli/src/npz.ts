import { inflateRawSync } from 'node:zlib';
import { decodeNpy, InvalidInputError, type NpyArray } from '@maxent/core';
import { crc32 } from '@maxent/core/internal';

// A NumPy .npz file is a zip archive of .npy members: np.savez stores them (method 0),
// np.savez_compressed deflates them (method 8). numpy writes every member with
// force_zip64, so local headers carry a zip64 extra field; sizes and offsets are read
// from the central directory, where zip64 values replace 0xFFFFFFFF placeholders.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const ZIP64_END_LOCATOR = 0x07064b50;
const ZIP64_END = 0x06064b50;
const CENTRAL_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
const ZIP64_EXTRA = 0x0001;
const PLACEHOLDER32 = 0xffffffff;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly localOffset: number;
}

/**
 * The arrays of a .npz archive by key (member name without `.npy`), each decoded by
 * decodeNpy; a malformed archive, an unsupported compression or a CRC mismatch is an
 * InvalidInputError naming `field`.
 */
export function decodeNpz(bytes: Uint8Array, field: string): Map<string, NpyArray> {
  const fail = (why: string) => new InvalidInputError(field, `invalid \`${field}\`: ${why}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = findEndRecord(view);
  if (end < 0) throw fail('not a .npz file (no zip end-of-central-directory record)');
  let count = view.getUint16(end + 10, true);
  let directory = view.getUint32(end + 16, true);
  if ((count === 0xffff || directory === PLACEHOLDER32) && end >= 20 && view.getUint32(end - 20, true) === ZIP64_END_LOCATOR) {
    const zip64End = Number(view.getBigUint64(end - 12, true));
    if (zip64End + 56 > bytes.length || view.getUint32(zip64End, true) !== ZIP64_END) throw fail('broken zip64 end record');
    count = Number(view.getBigUint64(zip64End + 32, true));
    directory = Number(view.getBigUint64(zip64End + 48, true));
  }
  const arrays = new Map<string, NpyArray>();
  let at = directory;
  for (let k = 0; k < count; k++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL_ENTRY) throw fail(`broken central directory entry ${k}`);
    const entry = centralEntry(view, bytes, at);
    at += 46 + view.getUint16(at + 28, true) + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    if (!entry.name.endsWith('.npy')) continue;
    const key = entry.name.slice(0, -4);
    arrays.set(key, decodeNpy(memberBytes(view, bytes, entry, fail), `${field} (key ${key})`));
  }
  return arrays;
}

function findEndRecord(view: DataView): number {
  // The record is 22 bytes plus a comment of at most 65535 bytes, at the end.
  for (let at = view.byteLength - 22; at >= Math.max(0, view.byteLength - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) return at;
  }
  return -1;
}

function centralEntry(view: DataView, bytes: Uint8Array, at: number): Entry {
  const nameLength = view.getUint16(at + 28, true);
  const extraLength = view.getUint16(at + 30, true);
  const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
  let size = view.getUint32(at + 24, true);
  let compressedSize = view.getUint32(at + 20, true);
  let localOffset = view.getUint32(at + 42, true);
  // zip64 extra: the 64-bit values, in this order, of the fields that hold the placeholder.
  for (let extra = at + 46 + nameLength; extra + 4 <= at + 46 + nameLength + extraLength; ) {
    const id = view.getUint16(extra, true);
    const length = view.getUint16(extra + 2, true);
    if (id === ZIP64_EXTRA) {
      let value = extra + 4;
      const next = (): number => {
        const x = Number(view.getBigUint64(value, true));
        value += 8;
        return x;
      };
      if (size === PLACEHOLDER32) size = next();
      if (compressedSize === PLACEHOLDER32) compressedSize = next();
      if (localOffset === PLACEHOLDER32) localOffset = next();
    }
    extra += 4 + length;
  }
  return { name, method: view.getUint16(at + 10, true), crc: view.getUint32(at + 16, true), compressedSize, size, localOffset };
}

function memberBytes(view: DataView, bytes: Uint8Array, entry: Entry, fail: (why: string) => InvalidInputError): Uint8Array {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw fail(`broken local header of ${entry.name}`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw fail(`${entry.name} is truncated`);
  const stored = bytes.subarray(start, start + entry.compressedSize);
  let data: Uint8Array;
  if (entry.method === 0) data = stored;
  else if (entry.method === 8) {
    try {
      data = inflateRawSync(stored);
    } catch (error) {
      throw fail(`${entry.name} does not inflate (${(error as Error).message})`);
    }
  } else throw fail(`${entry.name} uses zip compression method ${entry.method}; supported: 0 (np.savez) and 8 (np.savez_compressed)`);
  if (data.length !== entry.size) throw fail(`${entry.name} has ${data.length} bytes, its directory says ${entry.size}`);
  if (crc32(data) !== entry.crc) throw fail(`${entry.name} fails its CRC-32 check`);
  return data;
}
