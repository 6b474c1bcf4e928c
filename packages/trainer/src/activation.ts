import { assertNever } from '@maxent/core';
import type { NonlinearityName } from '@maxent/constraints';
import { relu, reluGainOfOutput } from './kernels.js';

/**
 * Element-wise kernels for the nonlinearities of model.md §2 over a range of a
 * Float64Array, in place: `values[t]` holds the pre-activation h on entry and
 * phi(h) on exit; `gains[t]` receives phi'(h) (the gain of §3).
 *
 * One tight loop per nonlinearity, chosen once per call, so the hot loop has no
 * function call per element (the scalar functions of @maxent/constraints are
 * the reference the tests compare these with). The formulas match
 * `nonlinearities` in @maxent/constraints, including relu'(0) = 0 (NaN input
 * stays NaN, so a diverging run shows up in the loss).
 */
export function activate(
  name: NonlinearityName,
  values: Float64Array,
  gains: Float64Array,
  start: number,
  end: number,
): void {
  switch (name) {
    case 'relu':
      // Branch-free forms (kernels.ts): relu gates flip about half the time.
      for (let t = start; t < end; t++) {
        const x = relu(values[t]);
        values[t] = x;
        gains[t] = reluGainOfOutput(x);
      }
      return;
    case 'tanh':
      for (let t = start; t < end; t++) {
        const x = Math.tanh(values[t]);
        values[t] = x;
        gains[t] = 1 - x * x;
      }
      return;
    case 'softplus':
      for (let t = start; t < end; t++) {
        const h = values[t];
        // softplus(h) = log(1 + e^h) and its derivative sigmoid(h), from one exp(-|h|)
        // so neither overflows nor loses precision for large |h|.
        const e = Math.exp(-Math.abs(h));
        if (h > 0) {
          values[t] = h + Math.log1p(e);
          gains[t] = 1 / (1 + e);
        } else {
          values[t] = Math.log1p(e);
          gains[t] = e / (1 + e);
        }
      }
      return;
    case 'linear':
      gains.fill(1, start, end);
      return;
    default:
      return assertNever(name);
  }
}

/** As {@link activate} without the gains: h -> phi(h) in place. */
export function activateValues(name: NonlinearityName, values: Float64Array, start: number, end: number): void {
  switch (name) {
    case 'relu':
      for (let t = start; t < end; t++) values[t] = relu(values[t]);
      return;
    case 'tanh':
      for (let t = start; t < end; t++) values[t] = Math.tanh(values[t]);
      return;
    case 'softplus':
      for (let t = start; t < end; t++) {
        const h = values[t];
        const e = Math.log1p(Math.exp(-Math.abs(h)));
        values[t] = h > 0 ? h + e : e;
      }
      return;
    case 'linear':
      return;
    default:
      return assertNever(name);
  }
}
