// Runs a package's benchmark (bench/run.ts) as plain JavaScript under `node`.
// tsx's loader detaches an ArrayBuffer, after which V8 guards every typed-array
// access for the rest of the process (~20% slower hot loops); users run built
// code, so benchmarks must too. esbuild compiles the bench files (workspace
// packages stay external and load from their built dist/), then node runs them.
//
// `--quick` (anywhere in the arguments; `pnpm bench:quick` passes it) swaps
// tinybench for scripts/bench-quick.mjs: every task runs once, and a task that
// throws or returns a non-finite number fails the run. The child sees
// BENCH_QUICK=1, so a bench may skip extra timing work it does outside tinybench.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const [entry = 'bench/run.ts', ...benchArgs] = args.filter((arg) => arg !== '--quick');

const scripts = dirname(fileURLToPath(import.meta.url));
const quickTinybench = join(scripts, 'bench-quick.mjs');
/** The shared bench helpers (`#bench`, testing/bench.ts), bundled into every bench. */
const helpersPlugin = {
  name: 'bench-helpers',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^#bench$/ }, () => ({ path: join(scripts, '..', 'testing', 'bench.ts') }));
  },
};
/** Resolves every `tinybench` import to the quick shim, except the shim's own. */
const quickPlugin = {
  name: 'bench-quick',
  setup(esbuild) {
    esbuild.onResolve({ filter: /^tinybench$/ }, ({ importer }) => (importer === quickTinybench ? undefined : { path: quickTinybench }));
  },
};

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
  plugins: quick ? [helpersPlugin, quickPlugin] : [helpersPlugin],
});
const env = quick ? { ...process.env, BENCH_QUICK: '1' } : process.env;
const run = spawnSync(process.execPath, [outfile, ...benchArgs], { stdio: 'inherit', env });
process.exit(run.status ?? 1);
