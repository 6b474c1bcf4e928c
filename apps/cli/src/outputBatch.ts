import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmdirSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { CliIO } from './context.js';
import { checkOutputTarget, type OutputTarget } from './outputTarget.js';

/** The contents of an output: bytes, text, or a producer that writes them in chunks (large networks). */
export type OutputContents = string | Uint8Array | ((write: (chunk: string | Uint8Array) => void) => void);

interface Staged {
  readonly target: OutputTarget;
  readonly temporary: string | null;
  readonly contents: OutputContents | null;
}

/**
 * The outputs of one run, committed together (issue 17, class 1): each file is
 * written in full to a temporary beside its target, and only when the run has
 * succeeded are all renamed over their targets; a failure removes the
 * temporaries (and folders made for them), so every old file is left as it was.
 * Output to stdout (`--out -`) is held and printed at the commit.
 */
export class OutputBatch {
  private readonly staged: Staged[] = [];
  private readonly madeFolders: string[] = [];

  constructor(readonly followSymlinks: boolean) {}

  stage(absolutePath: string, shown: string, flag: string, contents: OutputContents): void {
    const target = checkOutputTarget(absolutePath, shown, flag, 'file', this.followSymlinks);
    if (target.stdout) {
      this.staged.push({ target, temporary: null, contents });
      return;
    }
    this.makeFolders(dirname(target.path));
    removeStaleTemporaries(dirname(target.path));
    const temporary = join(dirname(target.path), `.${basename(target.path)}.${process.pid}.${randomBytes(6).toString('hex')}.maxent-tmp`);
    trackTemporary(temporary);
    this.staged.push({ target, temporary, contents: null });
    const fd = openSync(temporary, 'wx');
    try {
      const write = (chunk: string | Uint8Array) => void writeAll(fd, chunk);
      if (typeof contents === 'function') contents(write);
      else write(contents);
    } finally {
      closeSync(fd);
    }
  }

  /** Renames every temporary over its target (in staging order) and prints what goes to stdout. */
  commit(io: CliIO): void {
    const staged = this.staged.splice(0);
    for (const { target, temporary } of staged) {
      if (target.stdout || temporary === null) continue;
      renameSync(temporary, target.path);
      untrackTemporary(temporary);
    }
    this.madeFolders.length = 0;
    for (const { target, contents } of staged) {
      if (!target.stdout || contents === null) continue;
      if (typeof contents === 'function') contents((chunk) => io.stdout(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk)));
      else io.stdout(typeof contents === 'string' ? contents : new TextDecoder().decode(contents));
    }
  }

  /** Removes the temporaries and the (then empty) folders made for them. */
  discard(): void {
    for (const { temporary } of this.staged.splice(0)) {
      if (temporary === null) continue;
      rmSync(temporary, { force: true });
      untrackTemporary(temporary);
    }
    for (const folder of this.madeFolders.splice(0).reverse()) {
      try {
        rmdirSync(folder);
      } catch {
        // Not empty (something else wrote there): leave it.
      }
    }
  }

  private makeFolders(folder: string): void {
    const first = mkdirSync(folder, { recursive: true });
    if (first === undefined) return;
    // mkdirSync returns the first folder it made; remember each one down to `folder`.
    const made: string[] = [];
    for (let current = folder; current.length >= first.length; current = dirname(current)) {
      made.unshift(current);
      if (current === first) break;
    }
    this.madeFolders.push(...made);
  }
}

/** `.<name>.<pid>.<12 hex>.maxent-tmp`: a temporary of the process `pid`. */
const TEMPORARY_NAME = /^\..+\.(\d+)\.[0-9a-f]{12}\.maxent-tmp$/;
const swept = new Set<string>();

/**
 * Removes the temporaries a killed run (SIGKILL, power loss: no handler runs)
 * left in `folder`: those whose process no longer exists. Once per folder and
 * process, before this run writes its own there.
 */
export function removeStaleTemporaries(folder: string): void {
  if (swept.has(folder)) return;
  swept.add(folder);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = TEMPORARY_NAME.exec(name)?.[1];
    if (pid !== undefined && Number(pid) !== process.pid && !processExists(Number(pid))) rmSync(join(folder, name), { force: true });
  }
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset, bytes.length - offset);
}

/** Temporaries not yet renamed or removed: an interrupted run removes them before it exits (main.ts). */
const liveTemporaries = new Set<string>();

/** Marks a file of this run (a sweep's lock) to be removed if the run is interrupted. */
export function trackTemporary(path: string): void {
  liveTemporaries.add(path);
  liveChanged();
}

export function untrackTemporary(path: string): void {
  liveTemporaries.delete(path);
  liveChanged();
}

let onLive: ((live: boolean) => void) | undefined;

/**
 * Called with true when the first temporary appears and false when the last is
 * gone (main.ts installs its signal handlers only then: a handler would delay
 * Ctrl-C during long synchronous work until it ended).
 */
export function whenTemporariesLive(callback: (live: boolean) => void): void {
  onLive = callback;
}

let wasLive = false;
function liveChanged(): void {
  const live = liveTemporaries.size > 0;
  if (live !== wasLive) {
    wasLive = live;
    onLive?.(live);
  }
}

/**
 * Folders a run fills with files that are only whole together (maxent demo's):
 * removed with everything in them if the run is interrupted, or emptied when
 * they existed (empty) before it.
 */
const liveFolders = new Map<string, { readonly existed: boolean }>();

/** Marks `folder` as filled by this run until the returned release is called. */
export function trackTemporaryFolder(folder: string, existed: boolean): () => void {
  liveFolders.set(folder, { existed });
  liveTemporaries.add(folder);
  liveChanged();
  return () => {
    liveFolders.delete(folder);
    untrackTemporary(folder);
  };
}

export function removeLiveTemporaries(): void {
  for (const temporary of liveTemporaries) {
    const folder = liveFolders.get(temporary);
    if (folder === undefined) rmSync(temporary, { force: true });
    else if (!folder.existed) rmSync(temporary, { force: true, recursive: true });
    else for (const name of safeList(temporary)) rmSync(join(temporary, name), { force: true, recursive: true });
  }
  liveTemporaries.clear();
  liveFolders.clear();
  liveChanged();
}

function safeList(folder: string): string[] {
  try {
    return readdirSync(folder);
  } catch {
    return [];
  }
}

// The open batches of each run, innermost last (maxent demo runs commands inside its own run).
const batches = new WeakMap<CliIO, OutputBatch[]>();

export function openOutputBatch(io: CliIO, followSymlinks: boolean): OutputBatch {
  const stack = batches.get(io) ?? [];
  batches.set(io, stack);
  const batch = new OutputBatch(followSymlinks);
  stack.push(batch);
  return batch;
}

/** The innermost open batch of the run writing to `io`, if any. */
export function currentOutputBatch(io: CliIO): OutputBatch | undefined {
  return batches.get(io)?.at(-1);
}

/** Commits and closes the innermost batch (a command's action succeeded). */
export function commitOutputBatch(io: CliIO): void {
  batches.get(io)?.pop()?.commit(io);
}

/**
 * Commits what the innermost batch holds so far and keeps it open: for a result
 * that must be in place before its sources are removed (a sweep's point files).
 */
export function flushOutputBatch(io: CliIO): void {
  batches.get(io)?.at(-1)?.commit(io);
}

/** Discards every open batch of the run (it failed). */
export function discardOutputBatches(io: CliIO): void {
  const stack = batches.get(io);
  while (stack !== undefined && stack.length > 0) stack.pop()!.discard();
}
