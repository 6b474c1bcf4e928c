import { describe, expect, it } from 'vitest';
import { trainRnn, type RnnEpoch } from '../src/index.js';

// The full network of model.md §12 trained without a penalty. The original reports
// networks above 90% test accuracy; a PyTorch reference got there within 10 epochs
// for 4 of 5 seeds (the others sat at the option-only ceiling of 62.5%). We require
// at least 3 of 5. Each run stops as soon as it crosses 90%, and the seeds stop as
// soon as the outcome is decided (3 reached, or 3 failed), which keeps the test at
// about 35 s of CPU on the WebAssembly SIMD products (measured 2026-12-01: seeds 1,
// 3, 4 and 5 reach 90% in 2, 2, 2 and 5 epochs, seed 2 sits at 62-79% for all 10),
// so it runs in CI unconditionally.
describe('trainRnn without a penalty', () => {
  it('reaches >= 90% test accuracy within 10 epochs for at least 3 of 5 seeds', { timeout: 600_000 }, () => {
    const reached: boolean[] = [];
    const seen: number[][] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
      const successes = reached.filter(Boolean).length;
      if (successes >= 3 || reached.length - successes >= 3) break;
      const controller = new AbortController();
      const accuracies: number[] = [];
      const onEpoch = (epoch: RnnEpoch) => {
        accuracies.push(epoch.testAccuracy);
        if (epoch.testAccuracy >= 0.9) controller.abort('reached');
      };
      try {
        trainRnn({ seed, regularizer: 'none', epochs: 10 }, { onEpoch, signal: controller.signal });
      } catch (error) {
        if (error !== 'reached') throw error;
      }
      seen.push(accuracies);
      reached.push(accuracies.some((accuracy) => accuracy >= 0.9));
      // Epoch 0 is the untrained network: about chance (25%), not above the option-only 62.5%.
      expect(accuracies[0]).toBeLessThan(0.5);
    }
    expect(reached.filter(Boolean).length, JSON.stringify(seen)).toBeGreaterThanOrEqual(3);
  });
});
