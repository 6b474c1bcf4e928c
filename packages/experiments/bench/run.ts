// The max-ent part of `maxent sweep --preset transitions` with tanh gains (issue 11
// target: under 1 minute on 2 cores). 19 points: K = 1..10 at sigma = 0.5, all but
// K = 1 out of reach there (each names its smallest attainable sigma, found by
// bisection), and K = 3 over nine sigma from 0.25 to 4. It runs once in this
// process with the in-thread executor (one core; `maxent sweep` spreads the points
// over worker threads), timed with the wall clock, since a tinybench loop would
// time the per-process threshold memo instead of the work. `--quick` runs a small smoke grid.
import { parseConfig } from '@maxent/constraints';
import { createInThreadExecutor, createMemoryStore, mergeSweep, PRESETS, runSweep, type SweepSpec } from '../src/index.js';

const quick = process.env.BENCH_QUICK === '1';
const grids = PRESETS.transitions.map((grid) => ({
  ...grid,
  initScales: [],
  axes: grid.axes.map((axis) => {
    if (!quick) return axis;
    // Quick (a smoke run): K <= 2, and two sigma on the K = 3 grid.
    if (axis.field === 'contexts' && axis.values.length > 1) return { ...axis, values: axis.values.filter((K) => Number(K) <= 2) };
    return axis.field === 'weightScale' && axis.values.length > 1 ? { ...axis, values: [2, 4] } : axis;
  }),
}));
const spec: SweepSpec = { base: parseConfig({ nonlinearity: 'tanh' }), grids, training: null, matchWeightScale: false, seed: 1, preset: 'transitions' };

const start = performance.now();
const store = createMemoryStore();
await runSweep(spec, { executor: createInThreadExecutor(), store, resume: false });
const seconds = (performance.now() - start) / 1000;
const merged = await mergeSweep(spec, store, { csvPath: 'bench.csv', versions: {} });
const rows = merged.rows as unknown as Record<string, unknown>[];
const unattainable = rows.filter((row) => row.attainable === false).length;
const solved = rows.filter((row) => row.attainable === true).length;
console.log(`\ntanh transitions preset, max-ent part${quick ? ' (quick smoke grid)' : ''}: ${rows.length} points in ${seconds.toFixed(1)} s on one thread`);
console.log(`  ${solved} solved, ${unattainable} not attainable (smallest sigma found), ${rows.length - solved - unattainable} other errors; target: under 60 s`);
if (solved + unattainable < rows.length - 1) {
  console.error('unexpected errors in the tanh transitions sweep');
  process.exit(1);
}
