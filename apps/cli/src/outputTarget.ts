import { lstatSync, readlinkSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InvalidInputError } from '@maxent/core';
import { displayText } from './displayText.js';

/** What an output flag names: one result file, or a folder the command fills. */
export type OutputKind = 'file' | 'folder';

/** How a checked output will be written: to stdout (`-`), or to this absolute path. */
export type OutputTarget = { readonly stdout: true } | { readonly stdout: false; readonly path: string };

/**
 * Checks where an output flag points, before any work (interfaces.md
 * "Conventions": a failed run never replaces or damages a file). A result goes
 * only to a regular file or to a new name; `-` is stdout (files only). A folder
 * flag names an existing folder or a new one. Refused, as invalid input naming
 * `flag`: the empty name, a directory given as a file (or a file as a folder), a
 * device, a FIFO or a socket, a path under a file, and a symlink (existing or
 * dangling) unless `followSymlinks`, in which case the link's target is checked
 * and is what gets written. Missing parent folders are allowed (they are made
 * when the output is written) as long as the nearest existing one is a folder.
 */
export function checkOutputTarget(absolutePath: string, shown: string, flag: string, kind: OutputKind, followSymlinks: boolean): OutputTarget {
  if (shown === '') throw new InvalidInputError(flag, `invalid \`${flag}\`: must name a ${kind}, got ""`);
  if (shown === '-') {
    if (kind === 'file') return { stdout: true };
    throw refuse(flag, shown, 'must name a folder ("-" means stdout, which holds only one file)');
  }
  let path = absolutePath;
  let stats = lstatOrNull(path, flag, shown);
  if (stats?.isSymbolicLink() === true) {
    if (!followSymlinks) throw refuse(flag, shown, 'is a symbolic link; pass --follow-symlinks to write to its target');
    path = linkTarget(path, flag, shown);
    stats = lstatOrNull(path, flag, shown);
  }
  if (stats === null) {
    checkNearestFolder(dirname(path), flag, shown);
    return { stdout: false, path };
  }
  if (kind === 'file' && stats.isFile()) return { stdout: false, path };
  if (kind === 'folder' && stats.isDirectory()) return { stdout: false, path };
  throw refuse(flag, shown, `${describeType(stats)}, not a ${kind === 'file' ? 'regular file' : 'folder'}`);
}

function describeType(stats: Stats): string {
  if (stats.isDirectory()) return 'is a directory';
  if (stats.isFile()) return 'is a file';
  if (stats.isFIFO()) return 'is a FIFO (named pipe)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'is a device';
  if (stats.isSocket()) return 'is a socket';
  return 'is a special file';
}

/** The missing parents will be made: the nearest existing ancestor must be a folder. */
function checkNearestFolder(folder: string, flag: string, shown: string): void {
  for (let current = folder; ; current = dirname(current)) {
    let stats: Stats;
    try {
      stats = statSync(current);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && dirname(current) !== current) continue;
      if (code === 'ENOTDIR') throw refuse(flag, shown, 'lies under a file, not a folder');
      throw refuse(flag, shown, `cannot be checked (${code ?? 'error'})`);
    }
    if (!stats.isDirectory()) throw refuse(flag, shown, 'lies under a file, not a folder');
    return;
  }
}

function lstatOrNull(path: string, flag: string, shown: string): Stats | null {
  try {
    return lstatSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return null;
    if (code === 'ENOTDIR') throw refuse(flag, shown, 'lies under a file, not a folder');
    throw refuse(flag, shown, `cannot be checked (${code ?? 'error'})`);
  }
}

/** The final target of a symlink chain; a dangling link resolves to the name it points at. */
function linkTarget(path: string, flag: string, shown: string): string {
  try {
    return realpathSync(path);
  } catch {
    // Dangling: follow one level at a time to the missing name.
    let current = path;
    for (let hops = 0; hops < 40; hops++) {
      const stats = lstatOrNull(current, flag, shown);
      if (stats === null || !stats.isSymbolicLink()) return current;
      const next = readlinkSync(current);
      current = resolve(dirname(current), next);
    }
    throw refuse(flag, shown, 'is a symbolic link loop');
  }
}

function refuse(flag: string, shown: string, why: string): InvalidInputError {
  return new InvalidInputError(flag, `invalid \`${flag}\`: ${displayText(shown)} ${why}`);
}
