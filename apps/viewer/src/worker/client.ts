// The page's side of the Web Worker. Work runs in lanes, one worker each:
// `explore` and `transitions` are restartable: a new request replaces the one
// in flight. If that one has run for a while, its worker is terminated and a
// fresh one started, so a long stale solve never holds up the new setting; if
// it has only just started (a slider moving), the new request waits for it
// instead, since starting a worker costs more than a short solve. `files` runs
// its requests in turn and keeps its worker, which holds the opened networks.
import { rebuildWorkerError } from '@maxent/core';
import type { WorkerRequest, WorkerResponse, WorkerResults } from './protocol.js';

export type Lane = 'explore' | 'transitions' | 'files';

/** A request replaced by a newer one before it finished. */
export class CancelledError extends Error {
  override readonly name = 'CancelledError';
}

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;
type Progress = Extract<WorkerResponse, { type: 'progress' }>['progress'];

interface Pending {
  readonly id: number;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
  readonly onProgress: ((progress: Progress) => void) | undefined;
}

/** A request in flight for less than this is waited for rather than terminated. */
export const RESTART_AFTER_MS = 150;

interface Queued {
  readonly request: Request;
  readonly onProgress: ((progress: Progress) => void) | undefined;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

interface LaneState {
  worker: Worker | null;
  pending: Pending | null;
  pendingSince: number;
  /** Restartable lanes: the request that waits for a young one in flight (the latest only). */
  next: Queued | null;
  /** files lane: requests waiting for the worker. */
  queue: Promise<unknown>;
}

function spawn(): Worker {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
}

export class WorkerClient {
  private nextId = 1;
  private readonly lanes = new Map<Lane, LaneState>();
  /** Workers started so far (restarts included), for the page's status line and tests. */
  spawned = 0;

  run<T extends Request['type']>(lane: Lane, request: Extract<Request, { type: T }>, onProgress?: (progress: Progress) => void): Promise<WorkerResults[T]> {
    const state = this.lane(lane);
    if (lane === 'files') {
      const next = state.queue.then(
        () => this.send(state, request, onProgress),
        () => this.send(state, request, onProgress),
      );
      state.queue = next.catch(() => undefined);
      return next as Promise<WorkerResults[T]>;
    }
    if (state.pending !== null) {
      state.next?.reject(new CancelledError('replaced by a newer request'));
      state.next = null;
      if (performance.now() - state.pendingSince < RESTART_AFTER_MS) {
        return new Promise((resolve, reject) => {
          state.next = { request, onProgress, resolve: resolve as (value: unknown) => void, reject };
        });
      }
      state.worker?.terminate();
      state.worker = null;
      state.pending.reject(new CancelledError('replaced by a newer request'));
      state.pending = null;
    }
    return this.send(state, request, onProgress) as Promise<WorkerResults[T]>;
  }

  /** Ends every worker (the page is closing). */
  dispose(): void {
    for (const state of this.lanes.values()) state.worker?.terminate();
    this.lanes.clear();
  }

  private lane(lane: Lane): LaneState {
    let state = this.lanes.get(lane);
    if (state === undefined) {
      state = { worker: null, pending: null, pendingSince: 0, next: null, queue: Promise.resolve() };
      this.lanes.set(lane, state);
    }
    return state;
  }

  private send(state: LaneState, request: Request, onProgress: ((progress: Progress) => void) | undefined): Promise<unknown> {
    if (state.worker === null) {
      const worker = spawn();
      this.spawned++;
      worker.addEventListener('message', (event: MessageEvent<WorkerResponse>) => {
        const message = event.data;
        const pending = state.pending;
        if (pending === null || pending.id !== message.id) return;
        if (message.type === 'progress') {
          pending.onProgress?.(message.progress);
          return;
        }
        state.pending = null;
        const next = state.next;
        state.next = null;
        if (next !== null) {
          // The answer is to a request already replaced: drop it and send the waiting one.
          pending.reject(new CancelledError('replaced by a newer request'));
          this.send(state, next.request, next.onProgress).then(next.resolve, next.reject);
          return;
        }
        if (message.type === 'done') pending.resolve(message.result);
        else pending.reject(rebuildWorkerError(message.error));
      });
      worker.addEventListener('error', (event) => {
        const pending = state.pending;
        state.pending = null;
        state.worker = null;
        const failure = new Error(`the worker failed: ${event.message || 'it could not start'}`);
        pending?.reject(failure);
        state.next?.reject(failure);
        state.next = null;
      });
      state.worker = worker;
    }
    const id = this.nextId++;
    const worker = state.worker;
    return new Promise((resolve, reject) => {
      state.pending = { id, resolve, reject, onProgress };
      state.pendingSince = performance.now();
      const transfer = 'bytes' in request ? [request.bytes] : [];
      worker.postMessage({ ...request, id }, transfer);
    });
  }
}
