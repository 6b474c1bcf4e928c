// Runs a package's benchmark (bench/run.ts) as plain JavaScript under `node`.
// tsx's loader detaches an ArrayBuffer, after which V8 guards every typed-array
// access for the rest of the process (~20% slower hot loops); users run built
// code, so benchmarks must too. esbuild compiles the bench files (workspace
// packages stay external and load from their built dist/), then node runs them.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

const entry = process.argv[2] ?? 'bench/run.ts';
// Inside the package folder, so a bench may import its own package by name (self-reference).
const outfile = join(process.cwd(), '.bench-build', 'run.mjs');
await build({
  entryPoints: [entry],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile,
  logLevel: 'warning',
  // Bench files are imported for their side effects; the packages' "sideEffects": false would drop them.
  ignoreAnnotations: true,
});
const run = spawnSync(process.execPath, [outfile, ...process.argv.slice(3)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
