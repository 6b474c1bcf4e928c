import { describe, expect, it } from 'vitest';
import { resolveOptions } from './index.js';

const DEFAULTS = Object.freeze({ seed: 1 as number | string, kMax: 8, label: 'x' });

describe('resolveOptions', () => {
  it('fills in every default when nothing is given', () => {
    expect(resolveOptions(DEFAULTS)).toStrictEqual({ seed: 1, kMax: 8, label: 'x' });
    expect(resolveOptions(DEFAULTS, {})).toStrictEqual({ seed: 1, kMax: 8, label: 'x' });
  });

  it('treats an explicit undefined as the default, where a spread would copy it', () => {
    const options = { seed: undefined, kMax: 3 };
    expect({ ...DEFAULTS, ...options }.seed).toBeUndefined(); // the bug it replaces
    expect(resolveOptions(DEFAULTS, options)).toStrictEqual({ seed: 1, kMax: 3, label: 'x' });
  });

  it('keeps falsy values that are not undefined: 0, "", false and null are choices', () => {
    expect(resolveOptions({ a: 1, b: 'x', c: true, d: 5 as number | null }, { a: 0, b: '', c: false, d: null })).toStrictEqual({
      a: 0,
      b: '',
      c: false,
      d: null,
    });
  });

  it('passes on defined keys without a default (callbacks, signals) and drops undefined ones', () => {
    const onProgress = () => {};
    const resolved = resolveOptions(DEFAULTS, { onProgress, signal: undefined as AbortSignal | undefined });
    expect(resolved).toStrictEqual({ seed: 1, kMax: 8, label: 'x', onProgress });
    expect('signal' in resolved).toBe(false);
  });

  it('never changes the defaults or the options', () => {
    const options = { kMax: 2 };
    resolveOptions(DEFAULTS, options);
    expect(DEFAULTS).toStrictEqual({ seed: 1, kMax: 8, label: 'x' });
    expect(options).toStrictEqual({ kMax: 2 });
  });
});
