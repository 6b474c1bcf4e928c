import { InvalidInputError } from './errors.js';

/**
 * Limits of the JSON this project reads (config files, result files, weight
 * matrices; issue 17, class 2). Nothing it writes comes near them; they stop a
 * hostile or broken file before it overflows the stack, exhausts memory or
 * reaches code that trusts it.
 */
export const JSON_INPUT_LIMITS = Object.freeze({
  /** Nesting of arrays and objects (a network file needs 3). */
  maxDepth: 64,
  /** Characters of one string or key (names, paths, labels). */
  maxStringLength: 4096,
});

/** Keys that would reach an object's prototype if code assigned them: refused anywhere. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses JSON text from outside, checked: the nesting depth (before parsing, so
 * a deep file cannot overflow any recursive code after it), then every number
 * finite (JSON.parse reads 1e999 as Infinity), every string and key at most
 * {@link JSON_INPUT_LIMITS}.maxStringLength characters, and no `__proto__`,
 * `constructor` or `prototype` key. Errors are InvalidInputError naming `field`
 * and where in the document (`task.matrix[1][0]`) and, given, the `source` (a file name).
 */
export function parseJsonInput(text: string, field: string, source = ''): unknown {
  const suffix = source === '' ? '' : ` (in ${source})`;
  assertJsonDepth(text, field, suffix);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const what = source === '' ? 'the text' : source;
    throw new InvalidInputError(field, `invalid \`${field}\`: ${what} is not valid JSON (${(error as Error).message})`);
  }
  checkJsonValue(value, field, suffix);
  return value;
}

/** The depth check of {@link parseJsonInput} alone, on the text, before it is parsed. */
export function assertJsonDepth(text: string, field: string, suffix = ''): void {
  const depth = nestingDepth(text);
  if (depth > JSON_INPUT_LIMITS.maxDepth) {
    throw new InvalidInputError(field, `invalid \`${field}\`: JSON nested ${depth} levels deep, at most ${JSON_INPUT_LIMITS.maxDepth} allowed${suffix}`);
  }
}

/** Deepest nesting of [ and { outside strings; a linear scan, no recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x5b || c === 0x7b) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) {
      depth--;
    }
  }
  return deepest;
}

interface Place {
  readonly parent: Place | null;
  readonly key: string | number;
}

function pathOf(place: Place | null): string {
  let path = '';
  for (let at = place; at !== null; at = at.parent) path = typeof at.key === 'number' ? `[${at.key}]${path}` : `${at.parent === null ? '' : '.'}${at.key}${path}`;
  return path;
}

/**
 * The checks after parsing, with an explicit stack; numbers in arrays are
 * checked in place and places are made into paths only for the message, so a
 * network file of 10^7 neurons costs one pass.
 */
export function checkJsonValue(root: unknown, field: string, suffix = ''): void {
  const fail = (place: Place | null, why: string): never => {
    const path = pathOf(place);
    throw new InvalidInputError(field, `invalid \`${field}\`: ${path === '' ? 'the document' : path} ${why}${suffix}`);
  };
  const checkLeaf = (value: unknown, place: Place | null): boolean => {
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) fail(place, 'is not a finite number (too large for a double)');
      return true;
    }
    if (typeof value === 'string') {
      if (value.length > JSON_INPUT_LIMITS.maxStringLength) fail(place, `is a string of ${value.length} characters, at most ${JSON_INPUT_LIMITS.maxStringLength} allowed`);
      return true;
    }
    return typeof value !== 'object' || value === null;
  };
  const stack: { value: unknown; place: Place | null }[] = [{ value: root, place: null }];
  while (stack.length > 0) {
    const { value, place } = stack.pop()!;
    if (checkLeaf(value, place)) continue;
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const entry: unknown = value[i];
        if (typeof entry === 'number') {
          if (!Number.isFinite(entry)) fail({ parent: place, key: i }, 'is not a finite number (too large for a double)');
        } else {
          stack.push({ value: entry, place: { parent: place, key: i } });
        }
      }
      continue;
    }
    for (const key of Object.keys(value as object)) {
      const at: Place = { parent: place, key };
      if (key.length > JSON_INPUT_LIMITS.maxStringLength) fail(place, `has a key of ${key.length} characters, at most ${JSON_INPUT_LIMITS.maxStringLength} allowed`);
      if (FORBIDDEN_KEYS.has(key)) fail(at, `is not allowed: ${JSON.stringify(key)} is reserved by JavaScript objects`);
      stack.push({ value: (value as Record<string, unknown>)[key], place: at });
    }
  }
}
