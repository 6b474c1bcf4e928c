import { InvalidInputError } from '@maxent/core';

/**
 * One word for a POSIX shell, whatever it holds (spaces, `$`, quotes): in single
 * quotes, where nothing is special, each `'` written as `'\''`.
 */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * A path as the value of an `#SBATCH` line. sbatch reads these lines itself, not
 * a shell: it groups a double-quoted value into one argument (so spaces work) but
 * has no escape for `"`, and it expands `%` patterns in file names (`%A`, `%a`),
 * so a path with `"`, `%` or a line break cannot be written there: an error naming
 * `field`.
 */
export function sbatchPath(path: string, field: string): string {
  if (/["%\n\r]/.test(path)) {
    throw new InvalidInputError(field, `invalid \`${field}\`: a path in an #SBATCH line cannot hold ", % or a line break, got ${JSON.stringify(path)}`);
  }
  return /\s/.test(path) ? `"${path}"` : path;
}
