// Progress when stderr is not a terminal (issue 17): sparse plain lines, no escape codes.
import { describe, expect, it } from 'vitest';
import { createProgress } from '../src/progress.js';
import { captureIO } from './harness.js';

/** Drives a progress reporter with a fake clock: one update per simulated second. */
function simulate(seconds: number, total: number, quiet = false): string {
  const { io, output } = captureIO('/');
  let clock = 1_000;
  const progress = createProgress(io, 'training', total, quiet, { now: () => clock, intervalMs: 10_000 });
  for (let s = 1; s <= seconds; s++) {
    clock += 1_000;
    progress.update(Math.round((s / seconds) * total));
  }
  progress.stop();
  return output.stderr;
}

describe('plain progress (stderr not a terminal)', () => {
  it('prints one line per ~10 s: percentage, counts, elapsed and remaining time', () => {
    const lines = simulate(40, 4000).trimEnd().split('\n');
    expect(lines).toEqual([
      'maxent: training 25% (1000/4000), 10 s elapsed, about 30 s left',
      'maxent: training 50% (2000/4000), 20 s elapsed, about 20 s left',
      'maxent: training 75% (3000/4000), 30 s elapsed, about 10 s left',
      'maxent: training 100% (4000/4000), 40 s elapsed, about 0 s left',
    ]);
  });

  it('says nothing for runs shorter than the interval (the usual quiet output)', () => {
    expect(simulate(9, 100)).toBe('');
  });

  it('formats long runs in minutes and hours, with no terminal escape codes', () => {
    // 7190 s left: whole hours and minutes, seconds dropped.
    const text = simulate(2 * 3600, 7200);
    expect(text).not.toMatch(/\u001b|\r/);
    expect(text.split('\n')[0]).toBe('maxent: training 0% (10/7200), 10 s elapsed, about 1 h 59 min left');
    expect(text).toContain('maxent: training 50% (3600/7200), 1 h 0 min elapsed, about 1 h 0 min left');
    expect(text.trimEnd().split('\n')).toHaveLength(720);
  });

  it('--quiet silences it', () => {
    expect(simulate(40, 4000, true)).toBe('');
  });
});
