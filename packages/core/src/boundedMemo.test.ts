import { describe, expect, it } from 'vitest';
import { createBoundedMemo } from './boundedMemo.js';

describe('createBoundedMemo', () => {
  it('computes a key once while it is kept', () => {
    const memo = createBoundedMemo<string, number>(2);
    let calls = 0;
    const compute = () => ++calls;
    expect(memo.valueOf('a', compute)).toBe(1);
    expect(memo.valueOf('a', compute)).toBe(1);
    expect(calls).toBe(1);
  });

  it('forgets the oldest key first and never keeps more than its capacity', () => {
    const memo = createBoundedMemo<number, string>(3);
    const computed: number[] = [];
    const valueOf = (key: number) => memo.valueOf(key, () => (computed.push(key), `v${key}`));
    for (const key of [1, 2, 3, 4]) valueOf(key);
    expect(memo.size).toBe(3);
    // 1 was the oldest and is recomputed; 2, 3 and 4 are still kept.
    valueOf(2);
    valueOf(3);
    valueOf(4);
    expect(computed).toEqual([1, 2, 3, 4]);
    valueOf(1);
    expect(computed).toEqual([1, 2, 3, 4, 1]);
    // Recomputing 1 evicted 2, the oldest then.
    valueOf(2);
    expect(computed).toEqual([1, 2, 3, 4, 1, 2]);
  });

  it('keeps undefined values as values', () => {
    const memo = createBoundedMemo<string, undefined>(1);
    let calls = 0;
    memo.valueOf('k', () => void calls++);
    memo.valueOf('k', () => void calls++);
    expect(calls).toBe(1);
  });

  it('refuses a capacity that is not a positive integer', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN]) expect(() => createBoundedMemo(capacity)).toThrow(/capacity/);
  });
});
