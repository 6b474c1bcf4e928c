// Quick mode of the benchmarks (`pnpm bench:quick`, or `scripts/bench.mjs --quick`):
// scripts/bench.mjs bundles this module in place of `tinybench`, so every bench
// written with `new Bench(...)` becomes a smoke test with no change to the bench.
// Each task runs once without warm-up, a task that throws fails the run, and a
// value a task returns must be finite (numbers, arrays, typed arrays and plain
// objects of them). Timings are printed as usual but never judged.
import { Bench as TimedBench } from 'tinybench';

export * from 'tinybench';

/** Options that make every task run exactly once, whatever the bench asked for. */
const ONCE = Object.freeze({ time: 0, iterations: 1, warmup: false, warmupTime: 0, warmupIterations: 0 });

/** Throws naming the task and the path to the first non-finite number in `value`. */
export function assertFiniteResult(value, where) {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`${where}: non-finite result ${value}`);
  } else if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    for (let index = 0; index < value.length; index++) assertFiniteResult(Number(value[index]), `${where}[${index}]`);
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => assertFiniteResult(item, `${where}[${index}]`));
  } else if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [key, item] of Object.entries(value)) assertFiniteResult(item, `${where}.${key}`);
  }
}

function checked(name, fn) {
  return function quickTask() {
    const result = fn.call(this);
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      return result.then((resolved) => (assertFiniteResult(resolved, name), resolved));
    }
    assertFiniteResult(result, name);
    return result;
  };
}

export class Bench extends TimedBench {
  constructor(options = {}) {
    super({ ...options, ...ONCE });
  }

  add(name, fn, options) {
    return super.add(name, checked(name, fn), options);
  }

  async run() {
    return failOnErrors(await super.run());
  }

  runSync() {
    return failOnErrors(super.runSync());
  }
}

function failOnErrors(tasks) {
  const failures = tasks.filter((task) => task.result.state !== 'completed');
  if (failures.length > 0) {
    const lines = failures.map((task) => `  ${task.name}: ${task.result.state}${'error' in task.result ? ` ${task.result.error?.stack ?? String(task.result.error)}` : ''}`);
    throw new Error(`benchmark tasks failed in quick mode:\n${lines.join('\n')}`);
  }
  return tasks;
}
