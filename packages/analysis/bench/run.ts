// Benchmarks of @maxent/analysis; each file runs its benchmarks when imported.
// Run: pnpm --filter @maxent/analysis bench (tsx bench/run.ts).
import './metrics.bench.js';
import './populations.bench.js';
