// The house rule "an explicit `undefined` option means the default" (architecture.md),
// checked the same way for every public function that takes options.
import { describe, expect, it } from 'vitest';

/** The keys of T that may be left out. */
export type OptionalKeys<T> = { [K in keyof T]-?: object extends Pick<T, K> ? K : never }[keyof T];

/**
 * Every optional key of `Options`, listed once: the record must name each of them
 * (and no other key), so the type checker flags a new option the table forgot.
 */
export function optionKeys<Options extends object>(keys: { readonly [K in OptionalKeys<Options>]: true }): OptionalKeys<Options>[] {
  return Object.keys(keys) as OptionalKeys<Options>[];
}

/** The result of a call, or the message it throws: invalid input is behaviour to compare too. */
export function outcome(run: () => unknown): unknown {
  try {
    return run();
  } catch (error) {
    return `throws ${(error as Error).message}`;
  }
}

/** One public function: how to call it with fixed seeds and minimal arguments, and its option keys. */
export interface OptionsCase<Options extends object> {
  readonly name: string;
  readonly call: (options: Options) => unknown;
  /** Options every call gets (required ones such as `seed`, or values that make the defaults matter). */
  readonly base: Options;
  readonly keys: readonly OptionalKeys<Options>[];
}

/** A table row: keeps each row's options type while the table mixes them. */
export function optionsCase<Options extends object>(row: OptionsCase<Options>): OptionsCase<object> {
  return row as unknown as OptionsCase<object>;
}

/**
 * For every case and key: `call({ ...base, key: undefined })` deep-equals (strictly)
 * `call(base without key)`, i.e. an explicit undefined is the same as leaving the key out.
 */
export function describeUndefinedOptions(title: string, cases: readonly OptionsCase<object>[]): void {
  describe(title, () => {
    const rows = cases.flatMap((row) => row.keys.map((key) => [row.name, String(key), row] as const));
    it.each(rows)('%s: { %s: undefined } is the same as leaving it out', (_, key, row) => {
      const omitted: Record<string, unknown> = { ...row.base };
      delete omitted[key];
      const explicit = { ...row.base, [key]: undefined };
      expect(row.call(explicit)).toStrictEqual(row.call(omitted));
    });
  });
}
