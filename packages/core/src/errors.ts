/**
 * The input is invalid: a setting, a file or a shape. The CLI exits with code 2.
 * `field` names the setting or file at fault.
 */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The problem itself has no answer (an infeasible task, a solver that did not
 * converge). The CLI exits with code 3; the message says why.
 */
export class ProblemHasNoAnswerError extends Error {
  override readonly name = 'ProblemHasNoAnswerError';
  constructor(
    message: string,
    readonly reason: 'infeasible' | 'unattainable' | 'not-converged' | 'too-large' | 'non-finite',
  ) {
    super(message);
  }
}

/** One message template for every validation error (style.md "Numbers"). */
export function invalid(field: string, constraint: string, value: unknown): InvalidInputError {
  return new InvalidInputError(field, `invalid \`${field}\`: ${constraint}, got ${describeValue(value)}`);
}

export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    const text = JSON.stringify(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return String(value);
  }
}

/**
 * The default branch of a `switch` over a string-literal union (style.md "API"):
 * the type checker proves it unreachable, so a new member that a switch forgets
 * is a compile error. Values from outside are validated before the switch.
 */
export function assertNever(value: never): never {
  throw new Error(`unexpected value ${String(value)}`);
}

/** The closest of `candidates` to `word` (Levenshtein), to suggest a fix for a typo. */
export function closestWord(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 2)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const previous = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diagonal = previous[0];
    previous[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = previous[j];
      previous[j] = Math.min(above + 1, previous[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return previous[b.length];
}
