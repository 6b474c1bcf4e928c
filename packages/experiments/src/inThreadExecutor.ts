import { runAnyPoint, type Executor } from './executor.js';

/**
 * Runs the points one after another in this thread (`maxent sweep --workers 0`,
 * or a viewer's Web Worker running a small sweep by itself). The signal also
 * reaches the solver and the trainer, so an abort stops the running point too.
 */
export function createInThreadExecutor(): Executor {
  return {
    async run(points, { onResult, signal }) {
      for (const point of points) {
        signal?.throwIfAborted();
        const start = performance.now();
        const row = runAnyPoint(point, signal);
        await onResult({ index: point.index, seconds: (performance.now() - start) / 1000, row });
      }
      signal?.throwIfAborted();
    },
  };
}
