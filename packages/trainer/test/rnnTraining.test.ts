import { describe, expect, it } from 'vitest';
import { trainRnn, type RnnEpoch } from '../src/index.js';

// The full network of model.md §12 trained without a penalty. The original reports
// networks above 90% test accuracy; a PyTorch reference got there within 10 epochs
// for 4 of 5 seeds (the others sat at the option-only ceiling of 62.5%). We require
// at least 3 of 5, stopping each run as soon as it crosses 90% to keep CI short.
// Full-size training runs take minutes of CPU (10 minutes under load): they run when
// MAXENT_LONG_TESTS=1 is set, and say so when skipped (docs/assumptions.md, issue 14).
const long = process.env.MAXENT_LONG_TESTS === '1';
if (!long) console.log('skipping the full-size RNN training test: set MAXENT_LONG_TESTS=1 to run it (minutes of CPU)');

describe.runIf(long)('trainRnn without a penalty', () => {
  it('reaches >= 90% test accuracy within 10 epochs for at least 3 of 5 seeds', { timeout: 900_000 }, () => {
    const reached: boolean[] = [];
    const seen: number[][] = [];
    for (const seed of [1, 2, 3, 4, 5]) {
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
