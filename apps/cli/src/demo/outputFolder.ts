import { existsSync, readdirSync, statSync } from 'node:fs';
import type { CliIO } from '../context.js';
import { resolvePath } from '../io.js';

/**
 * The folder the demo writes to: `requested` if it is absent or empty, else a new
 * name with a timestamp (`maxent-demo-20261201-113500`, then `-2`, `-3`...), so an
 * existing folder with files in it is never overwritten (interfaces.md).
 */
export function demoFolder(io: CliIO, requested: string, now: Date = new Date()): { folder: string; renamed: boolean } {
  if (isFreeFolder(io, requested)) return { folder: requested, renamed: false };
  const trimmed = requested.replace(/[\\/]+$/, '');
  const stamp = now.toISOString().replace(/\.\d+Z$/, '').replace(/[-:]/g, '').replace('T', '-');
  let folder = `${trimmed}-${stamp}`;
  for (let n = 2; !isFreeFolder(io, folder); n++) folder = `${trimmed}-${stamp}-${n}`;
  return { folder, renamed: true };
}

function isFreeFolder(io: CliIO, folder: string): boolean {
  const path = resolvePath(io, folder);
  if (!existsSync(path)) return true;
  return statSync(path).isDirectory() && readdirSync(path).length === 0;
}
