import { closestWord, describeValue, InvalidInputError } from '@maxent/core';
import type { z } from 'zod';

/**
 * Parses `input` with a zod schema and turns the first problem into an
 * {@link InvalidInputError} that names the field (dotted path), the constraint and
 * the value found: "invalid `weightScale`: must be a positive finite number, got -1".
 * Unknown keys name the closest known key, since they are usually typos.
 */
export function parseWithSchema<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  options: { fieldPrefix?: string } = {},
): z.output<Schema> {
  const result = schema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  // `fieldPrefix` is the dotted path of `input` inside a larger object (e.g. `training`).
  const segments = options.fieldPrefix === undefined || options.fieldPrefix === '' ? [] : [options.fieldPrefix];
  const path = [...segments, ...issue.path.map(String)].join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0];
    const parentPath = path.length > 0 ? `${path}.` : '';
    const known = knownKeys(schema, issue.path);
    const suggestion = closestWord(key, known);
    const hint = suggestion === undefined ? '' : ` (did you mean \`${parentPath}${suggestion}\`?)`;
    return throwInvalid(
      `${parentPath}${key}`,
      `unknown key \`${parentPath}${key}\`${hint}; allowed keys: ${known.join(', ')}`,
    );
  }
  const field = path.length > 0 ? path : '(config)';
  const got = 'input' in issue ? describeValue(issue.input) : 'nothing';
  throw new InvalidInputError(field, `invalid \`${field}\`: ${issue.message}, got ${got}`);
}

function throwInvalid(field: string, message: string): never {
  throw new InvalidInputError(field, message);
}

// Keys of the object schema found by walking `path` (through defaults/optionals).
function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: unknown = schema;
  for (const step of [...path, null]) {
    node = unwrap(node);
    const shape = (node as { shape?: Record<string, unknown> }).shape;
    if (shape === undefined) return [];
    if (step === null) return Object.keys(shape);
    node = shape[String(step)];
  }
  return [];
}

function unwrap(node: unknown): unknown {
  let current = node as { def?: { innerType?: unknown; in?: unknown } } | undefined;
  for (let depth = 0; depth < 10 && current?.def !== undefined; depth++) {
    const inner = current.def.innerType ?? current.def.in;
    if (inner === undefined) break;
    current = inner as typeof current;
  }
  return current;
}
