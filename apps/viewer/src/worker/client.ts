// The page's side of the Web Worker. Work runs in lanes, one worker each:
// `explore` and `transitions` are restartable (a new request terminates the
// worker still busy with the old one and starts a fresh worker, so a stale
// solve never holds up the new setting); `files` runs its requests in turn and
// keeps its worker, which holds the opened networks.
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

interface LaneState {
  worker: Worker | null;
  pending: Pending | null;
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
      state = { worker: null, pending: null, queue: Promise.resolve() };
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
        if (message.type === 'done') pending.resolve(message.result);
        else pending.reject(rebuildWorkerError(message.error));
      });
      worker.addEventListener('error', (event) => {
        const pending = state.pending;
        state.pending = null;
        state.worker = null;
        pending?.reject(new Error(`the worker failed: ${event.message || 'it could not start'}`));
      });
      state.worker = worker;
    }
    const id = this.nextId++;
    const worker = state.worker;
    return new Promise((resolve, reject) => {
      state.pending = { id, resolve, reject, onProgress };
      const transfer = 'bytes' in request ? [request.bytes] : [];
      worker.postMessage({ ...request, id }, transfer);
    });
  }
}
