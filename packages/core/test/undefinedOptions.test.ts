// An explicit `undefined` option means the default (architecture.md). Core's only
// public function with options is the resolver the other packages use for theirs.
import { describeUndefinedOptions, optionKeys, optionsCase } from '#testing';
import { DEFAULT_SEED, resolveOptions } from '../src/index.js';

interface ExampleOptions {
  readonly seed?: number | string;
  readonly kMax?: number;
  readonly onProgress?: (done: number) => void;
}
const DEFAULTS = Object.freeze({ seed: DEFAULT_SEED as number | string, kMax: 8 });
const onProgress = () => {};

describeUndefinedOptions('@maxent/core: an undefined option is the default', [
  optionsCase<ExampleOptions>({
    name: 'resolveOptions',
    call: (options) => resolveOptions(DEFAULTS, options),
    base: { seed: 'x', kMax: 3, onProgress },
    keys: optionKeys<ExampleOptions>({ seed: true, kMax: true, onProgress: true }),
  }),
]);
