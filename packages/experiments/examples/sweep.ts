// A three-point sweep in memory, in this thread: the README's example.
// Run from the repository root: pnpm build && node --import tsx packages/experiments/examples/sweep.ts
import { parseConfig } from '@maxent/constraints';
import { createInThreadExecutor, createMemoryStore, mergeSweep, runSweep, type SweepSpec } from '@maxent/experiments';

const spec: SweepSpec = {
  base: parseConfig({ weightScale: 0.5 }),
  grids: [{ name: 'sweep', axes: [{ field: 'contexts', values: [1, 2, 3] }], initScales: [] }],
  training: null,
  matchWeightScale: false,
  seed: 1,
  preset: null,
};
const store = createMemoryStore();
const run = await runSweep(spec, { executor: createInThreadExecutor(), store, resume: false });
const { result, rows } = await mergeSweep(spec, store, { versions: { '@maxent/example': '0.0.0' }, csvPath: 'sweep.csv' });
console.log(`${run.ran} points, sweepHash ${result.sweepHash}`);
for (const row of rows) {
  console.log(`K = ${row.contexts}: specialization ${(row.specialization as number).toFixed(4)} (prior ${(row.specializationPrior as number).toFixed(4)})`);
}
