import { describe, expect, it } from 'vitest';
import { parseConfig } from '@maxent/constraints';
import { parseTrainingSettings } from '@maxent/trainer';
import { createInThreadExecutor, createMemoryStore, mergeSweep, runSweep, type SweepRow, type SweepSpec } from '../src/index.js';

/**
 * A small seeded gd-match study (model.md §15): the select task at K = 2 and 3,
 * N = 500, rich regime (init scale 0.05), weight decay 0 and 3e-4, 2 seeds each.
 * Asserted: only what was measured to hold with margin (this seed; mean ± standard
 * error over the 2 seeds):
 *
 *     K  weight decay  joint mismatch    R^2      best sigma
 *     2  0             0.135 ± 0.013     0.99999  interior
 *     2  3e-4          0.046 ± 0.005     0.9989   lower end (1/64)
 *     3  0             0.634 ± 0.006     0.99996  interior
 *     3  3e-4          0.279 ± 0.013     0.9979   lower end (1/64)
 *
 * Not asserted, because it did not hold here: model.md §15's TV of 0.04-0.07 at K = 3
 * with weight decay (these shorter, smaller runs are further from it; docs/gd-match.md).
 */
const spec: SweepSpec = {
  base: parseConfig({}),
  grids: [{ name: 'rich', axes: [{ field: 'contexts', values: [2, 3] }, { field: 'weightScale', values: [1] }], initScales: [0.05], weightDecays: [0, 3e-4] }],
  training: parseTrainingSettings({ neurons: 500, steps: 1500 }),
  matchWeightScale: true,
  seed: 1,
  preset: null,
  replicates: 2,
};

describe('a small gd-match study', () => {
  it('rich regime: weight decay 3e-4 gives a lower joint mismatch than none, at K = 2 and K = 3', async () => {
    const store = createMemoryStore();
    await runSweep(spec, { executor: createInThreadExecutor(), store, resume: false });
    const { rows } = await mergeSweep(spec, store, { versions: {}, csvPath: 's.csv' });
    const mean = (contexts: number, weightDecay: number): SweepRow => rows.find((row) => row.mode === 'mean' && row.contexts === contexts && row.weightDecay === weightDecay)!;
    for (const contexts of [2, 3]) {
      const without = mean(contexts, 0);
      const withDecay = mean(contexts, 3e-4);
      expect(withDecay.matchMismatch as number).toBeLessThan((without.matchMismatch as number) - 0.05);
      // Weight decay costs accuracy, and its networks match the sigma -> 0 end of the family.
      expect(withDecay.r2 as number).toBeLessThan(without.r2 as number);
      expect(withDecay.matchAtRangeEnd).toBe(1);
      expect(withDecay.matchRangeEnd).toBe('lower');
    }
  }, 600_000);
});
