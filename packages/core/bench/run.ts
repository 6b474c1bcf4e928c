// Benchmarks of @maxent/core; each file runs its benchmarks when imported.
// Run: pnpm --filter @maxent/core bench (node ../../scripts/bench.mjs bench/run.ts).
import './rng.bench.js';
import './linalg.bench.js';
