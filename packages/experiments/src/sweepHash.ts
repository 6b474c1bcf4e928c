import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AnyPoint } from './executor.js';

/**
 * Hash of everything that determines the rows (the points with their configs,
 * init scales, training settings and seeds): the first 16 hex digits of the
 * SHA-256 of their JSON. Every point file records it, so a sweep resumes only
 * from its own points. SHA-256 from @noble/hashes (audited, no dependencies,
 * runs in browsers), the same digest as Node's crypto module, so the `sweepHash` in
 * result files is unchanged.
 */
export function sweepHash(points: readonly AnyPoint[]): string {
  return bytesToHex(sha256(utf8ToBytes(JSON.stringify(points)))).slice(0, 16);
}
