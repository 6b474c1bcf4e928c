import { InvalidInputError, ProblemHasNoAnswerError } from './errors.js';

/**
 * An error as plain data, to send from a worker (a worker thread, a Web Worker,
 * a job on a cluster) to the code that started it. Structured cloning and JSON
 * keep only `message` of an Error and drop its class, but the class decides what
 * happens next (the CLI exits 2 for invalid input, 3 for a problem with no answer),
 * so the class and its fields travel by name.
 */
export type WorkerError =
  | { readonly name: 'InvalidInputError'; readonly field: string; readonly message: string }
  | { readonly name: 'ProblemHasNoAnswerError'; readonly reason: ProblemHasNoAnswerError['reason']; readonly message: string }
  | { readonly name: 'Error'; readonly message: string; readonly stack: string | undefined };

/** Any thrown value as {@link WorkerError} data. */
export function encodeWorkerError(error: unknown): WorkerError {
  if (error instanceof InvalidInputError) return { name: 'InvalidInputError', field: error.field, message: error.message };
  if (error instanceof ProblemHasNoAnswerError) return { name: 'ProblemHasNoAnswerError', reason: error.reason, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { name: 'Error', message, stack: error instanceof Error ? error.stack : undefined };
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
