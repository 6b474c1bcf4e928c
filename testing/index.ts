// Shared test helpers (not a package: imported by tests through the `#testing` alias).
import { expect } from 'vitest';

export interface Tolerance {
  /** Relative tolerance; default 1e-9. */
  readonly rtol?: number;
  /** Absolute tolerance; default 0. */
  readonly atol?: number;
}

/**
 * Asserts |actual - expected| <= atol + rtol * |expected| elementwise, and on
 * failure names the first bad index with both values, the difference and the
 * tolerance (style.md "Tests").
 */
export function expectAllClose(
  actual: ArrayLike<number> | number,
  expected: ArrayLike<number> | number,
  { rtol = 1e-9, atol = 0 }: Tolerance = {},
): void {
  const a = typeof actual === 'number' ? [actual] : Array.from(actual);
  const e = typeof expected === 'number' ? [expected] : Array.from(expected);
  expect(a.length, 'length').toBe(e.length);
  for (let i = 0; i < a.length; i++) {
    const difference = Math.abs(a[i] - e[i]);
    const tolerance = atol + rtol * Math.abs(e[i]);
    if (!(difference <= tolerance)) {
      expect.fail(
        `index ${i}: actual ${a[i]}, expected ${e[i]}, |difference| ${difference.toExponential(3)} > tolerance ${tolerance.toExponential(3)}`,
      );
    }
  }
}

export { describeUndefinedOptions, optionKeys, optionsCase, outcome } from './undefinedOptions.js';
export type { OptionalKeys, OptionsCase } from './undefinedOptions.js';
