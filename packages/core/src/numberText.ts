import { InvalidInputError } from './errors.js';

export interface NumberTextOptions {
  /** Whole numbers only, exactly representable: below 2^53 in magnitude (seeds, sizes, counts). */
  readonly integer?: boolean;
  readonly min?: number;
  readonly exclusiveMin?: boolean;
  readonly max?: number;
}

/**
 * A number typed by a user (a flag, a list entry), checked the one way every
 * setting is (issue 17, class 2 and 5): `1e999` or `Infinity` is "not a finite
 * number", an integer must be exactly representable (9007199254740993 would
 * silently become ...992: refused, integers are below 2^53), and the bounds are
 * said in the message. Errors are InvalidInputError naming `field`.
 */
export function parseNumberText(text: string, field: string, options: NumberTextOptions = {}): number {
  const { integer = false, min = -Infinity, exclusiveMin = false, max = Infinity } = options;
  const shown = JSON.stringify(text);
  const fail = (why: string): never => {
    throw new InvalidInputError(field, `invalid \`${field}\`: ${why}, got ${shown}`);
  };
  const trimmed = text.trim();
  const value = Number(trimmed);
  const wanted = describeRange(integer, min, exclusiveMin, max);
  if (trimmed === '' || Number.isNaN(value)) fail(`must be ${wanted}`);
  if (!Number.isFinite(value)) throw new InvalidInputError(field, `invalid \`${field}\`: ${shown} is not a finite number (must be ${wanted})`);
  if (integer) {
    if (!Number.isInteger(value)) fail(`must be ${wanted}`);
    if (!Number.isSafeInteger(value)) fail(`must be ${wanted}; integers must be below 2^53 = 9007199254740992 in magnitude to be exact`);
  }
  if (exclusiveMin ? value <= min : value < min) fail(`must be ${wanted}`);
  if (value > max) fail(`must be ${wanted}`);
  return value;
}

function describeRange(integer: boolean, min: number, exclusiveMin: boolean, max: number): string {
  const kind = integer ? 'an integer' : 'a finite number';
  const parts: string[] = [];
  if (min > -Infinity) parts.push(`${exclusiveMin ? '>' : '>='} ${min}`);
  if (max < Infinity) parts.push(`<= ${max}`);
  return parts.length === 0 ? kind : `${kind} ${parts.join(' and ')}`;
}
