/**
 * stdout or stderr cannot be written (EPIPE: the reading end closed; ENOSPC: the
 * disk is full). The run ends with exit 1 and this one-line message, never a
 * stack trace (issue 17, class 1).
 */
export class OutputStreamError extends Error {
  override readonly name = 'OutputStreamError';
  constructor(
    readonly stream: 'stdout' | 'stderr',
    cause: unknown,
  ) {
    super(`cannot write to ${stream}: ${describeCause(cause)}`);
  }
}

export function describeCause(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EPIPE') return 'the reading end of the pipe is closed (EPIPE)';
  if (code === 'ENOSPC') return 'no space left on the device (ENOSPC)';
  if (code !== undefined) return code;
  return cause instanceof Error ? cause.message : String(cause);
}
