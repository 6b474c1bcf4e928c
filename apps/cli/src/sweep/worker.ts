import { InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import type { SweepPoint } from './spec.js';
import { runSweepPoint, type SweepRow } from './runPoint.js';

/** What a worker sends back: the row, or the error with what is needed to rebuild its class. */
export type WorkerOutcome =
  | { readonly ok: true; readonly row: SweepRow; readonly seconds: number }
  | { readonly ok: false; readonly error: WorkerError };

export type WorkerError =
  | { readonly name: 'InvalidInputError'; readonly field: string; readonly message: string }
  | { readonly name: 'ProblemHasNoAnswerError'; readonly reason: ProblemHasNoAnswerError['reason']; readonly message: string }
  | { readonly name: 'Error'; readonly message: string; readonly stack: string | undefined };

/**
 * The piscina worker (one per thread): runs one sweep point. Worker threads
 * load this file's built JavaScript, apps/cli/dist/sweep/worker.js, not the
 * TypeScript source: run `pnpm build` first (the root `pnpm test` does).
 * Errors are returned as data, because structured cloning across threads drops
 * their classes, and the CLI's exit code depends on the class.
 */
export default function runPointInWorker(point: SweepPoint): WorkerOutcome {
  const start = performance.now();
  try {
    const row = runSweepPoint(point);
    return { ok: true, row, seconds: (performance.now() - start) / 1000 };
  } catch (error) {
    if (error instanceof InvalidInputError) return { ok: false, error: { name: 'InvalidInputError', field: error.field, message: error.message } };
    if (error instanceof ProblemHasNoAnswerError) return { ok: false, error: { name: 'ProblemHasNoAnswerError', reason: error.reason, message: error.message } };
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, error: { name: 'Error', message, stack: error instanceof Error ? error.stack : undefined } };
  }
}

/** The error a worker reported, as an instance of its class again. */
export function rebuildWorkerError(error: WorkerError): Error {
  switch (error.name) {
    case 'InvalidInputError':
      return new InvalidInputError(error.field, error.message);
    case 'ProblemHasNoAnswerError':
      return new ProblemHasNoAnswerError(error.message, error.reason);
    case 'Error': {
      const rebuilt = new Error(error.message);
      if (error.stack !== undefined) rebuilt.stack = error.stack;
      return rebuilt;
    }
  }
}
