import { ProblemHasNoAnswerError } from '@maxent/core';

/**
 * Every number of a result must be finite: JSON has no NaN or Infinity, and
 * JSON.stringify would write them as null, which reads as "undefined" where the
 * contract allows null (issue 17, class 3). A non-finite number is exit 3 naming
 * where it is (`r2`, `perContext[1].mse`) and what it is. Typed arrays are checked
 * too (the streaming writer takes them as they are).
 */
export function assertFiniteResult(value: unknown, path = ''): void {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw nonFinite(path, value);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  if (ArrayBuffer.isView(value)) {
    const array = value as unknown as ArrayLike<number>;
    for (let i = 0; i < array.length; i++) if (!Number.isFinite(array[i])) throw nonFinite(`${path}[${i}]`, array[i]);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) assertFiniteResult(value[i], `${path}[${i}]`);
    return;
  }
  for (const [key, entry] of Object.entries(value)) assertFiniteResult(entry, path === '' ? key : `${path}.${key}`);
}

function nonFinite(path: string, value: number): ProblemHasNoAnswerError {
  const what = Number.isNaN(value) ? 'NaN (not a number)' : `${value > 0 ? '+' : '-'}infinite`;
  return new ProblemHasNoAnswerError(
    `the result has no finite value: ${path === '' ? 'the value' : path} is ${what}; the input is out of the range where it can be computed in double precision`,
    'non-finite',
  );
}
