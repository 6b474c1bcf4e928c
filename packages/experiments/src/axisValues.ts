import { InvalidInputError } from '@maxent/core';
import type { SettingKind } from './settings.js';

/**
 * Values of one swept setting, written as a list or a range:
 *
 *     0.25,0.5,1        a list (numbers or names: relu,tanh)
 *     1..10             integers from 1 to 10
 *     0.1..0.5:0.1      arithmetic: from 0.1 in steps of 0.1 up to 0.5
 *     0.25..4*2         geometric: from 0.25, times 2, up to 4
 *
 * Ends are inclusive (within a relative 1e-9, so 0.1..0.5:0.1 ends at 0.5), and
 * range values are rounded to 12 significant digits so 0.1 + 0.2 reads 0.3.
 */
export type AxisValue = number | string;

/** At most this many values per axis: a typo like 1..1e6 should fail fast, not run for days. */
export const MAX_AXIS_VALUES = 10_000;

export function parseAxisValues(text: string, flag: string, kind: SettingKind): AxisValue[] {
  const fail = (why: string): never => {
    throw new InvalidInputError(flag, `invalid \`${flag}\`: ${why}, got ${JSON.stringify(text)}`);
  };
  const trimmed = text.trim();
  if (trimmed === '') fail('must be a value, a comma-separated list (a,b,c) or a range (a..b, a..b:step, a..b*factor)');
  const range = /^(.+?)\.\.(.+?)(?:([:*])(.+))?$/.exec(trimmed);
  let values: AxisValue[];
  if (range !== null && kind !== 'name') {
    const [, startText, endText, operator, stepText] = range;
    const start = Number(startText);
    const end = Number(endText);
    if (!Number.isFinite(start) || !Number.isFinite(end)) fail('a range needs finite numbers at both ends (a..b)');
    if (end < start) fail('a range must not run backwards (a..b needs a <= b)');
    values = [];
    if (operator === undefined) {
      if (!Number.isInteger(start) || !Number.isInteger(end)) fail('a range a..b without a step needs integer ends; give a step (a..b:step) or a factor (a..b*factor)');
      // Counted before the values are made: 1..1e9 must fail here, not after filling memory.
      if (end - start + 1 > MAX_AXIS_VALUES) fail(`a range may hold at most ${MAX_AXIS_VALUES} values (this one holds ${end - start + 1})`);
      for (let x = start; x <= end; x++) values.push(x);
    } else {
      const step = Number(stepText);
      if (operator === ':' && !(step > 0 && Number.isFinite(step))) fail('the step of a..b:step must be a positive number');
      if (operator === '*' && !(step > 1 && Number.isFinite(step))) fail('the factor of a..b*factor must be a number > 1');
      if (operator === '*' && !(start > 0)) fail('a geometric range a..b*factor needs a > 0');
      const slack = 1e-9 * Math.max(Math.abs(start), Math.abs(end), 1);
      for (let i = 0; ; i++) {
        const x = operator === ':' ? start + i * step : start * step ** i;
        if (x > end + slack) break;
        values.push(Number(x.toPrecision(12)));
        if (values.length > MAX_AXIS_VALUES) fail(`a range may hold at most ${MAX_AXIS_VALUES} values`);
      }
    }
  } else {
    const parts = trimmed.split(',').map((part) => part.trim());
    if (parts.some((part) => part === '')) fail('a list must not have empty entries');
    values =
      kind === 'name'
        ? parts
        : parts.map((part) => {
            const value = Number(part);
            return Number.isFinite(value) ? value : fail(`${JSON.stringify(part)} is not a finite number`);
          });
  }
  if (kind === 'integer' && values.some((value) => !Number.isInteger(value))) fail('must hold integers');
  if (values.length > MAX_AXIS_VALUES) fail(`may hold at most ${MAX_AXIS_VALUES} values`);
  if (new Set(values).size !== values.length) fail('must not repeat a value');
  return values;
}
