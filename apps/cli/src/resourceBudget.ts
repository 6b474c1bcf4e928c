import { totalmem } from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { InvalidInputError } from '@maxent/core';
import { formatBytes } from './io.js';

/**
 * Up-front estimates of what a requested size costs (issue 17, class 2): a run
 * that cannot fit in memory, or would take more than a few hours, is refused before
 * any work with exit 2 naming the setting, instead of dying of heap exhaustion
 * or running silently for hours. The estimates are rough (a factor of a few)
 * and err on the side of allowing: they stop absurd sizes, not big ones.
 */
export const RESOURCE_LIMITS = Object.freeze({
  /** Memory a run may plan for: the V8 heap limit (node --max-old-space-size raises it), at most half the machine's memory. */
  memoryBytes: Math.min(getHeapStatistics().heap_size_limit, totalmem() / 2),
  /** Elementary steps (multiply-adds, sampler updates) of one run: about three hours at 10^8 per second. */
  workSteps: 1e12,
});

/** Refuses `bytes` of memory for `what` beyond the budget, naming `setting`. */
export function assertMemory(bytes: number, setting: string, what: string): void {
  if (!(bytes > RESOURCE_LIMITS.memoryBytes)) return;
  throw new InvalidInputError(
    setting,
    `invalid \`${setting}\`: ${what} needs about ${formatBytes(bytes)} of memory, more than the ${formatBytes(RESOURCE_LIMITS.memoryBytes)} this process may use (the V8 heap limit; node --max-old-space-size raises it)`,
  );
}

/** Refuses `steps` of work for `what` beyond the budget, naming `setting`. */
export function assertWork(steps: number, setting: string, what: string): void {
  if (!(steps > RESOURCE_LIMITS.workSteps)) return;
  throw new InvalidInputError(
    setting,
    `invalid \`${setting}\`: ${what} is about ${steps.toExponential(1)} elementary steps, beyond the ${RESOURCE_LIMITS.workSteps.toExponential(0)} (about three hours) one run may take; lower it`,
  );
}

/** Bytes per number while a result is built and written (a JS number in an array, its JSON text, working copies). */
export const BYTES_PER_RESULT_NUMBER = 48;
