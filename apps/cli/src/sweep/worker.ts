import type { SweepPoint } from './spec.js';
import { runSweepPoint, type SweepRow } from './runPoint.js';

/**
 * The piscina worker (one per thread): runs one sweep point. Worker threads
 * load this file's built JavaScript, apps/cli/dist/sweep/worker.js, not the
 * TypeScript source: run `pnpm build` first (the root `pnpm test` does).
 */
export default function runPointInWorker(point: SweepPoint): { row: SweepRow; seconds: number } {
  const start = performance.now();
  const row = runSweepPoint(point);
  return { row, seconds: (performance.now() - start) / 1000 };
}
