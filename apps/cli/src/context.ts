import { displayText } from './displayText.js';
import { OutputStreamError } from './outputStreamError.js';

/** Where a command writes; tests pass buffers, the real bin passes the process streams. */
export interface CliIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is an interactive terminal (progress bars are drawn only then). */
  readonly stderrIsTTY: boolean;
  readonly cwd: string;
}

/**
 * The process streams. What is shown has its control characters escaped
 * ({@link displayText}); a write that fails (EPIPE: the reader went away,
 * ENOSPC: disk full) becomes an {@link OutputStreamError}, which ends the run
 * with one line and exit 1 (main.ts also catches the failures reported later).
 */
export const processIO: CliIO = {
  stdout: (text) => writeStream(process.stdout, 'stdout', text),
  stderr: (text) => writeStream(process.stderr, 'stderr', text),
  stderrIsTTY: process.stderr.isTTY === true,
  cwd: process.cwd(),
};

function writeStream(stream: NodeJS.WriteStream, name: 'stdout' | 'stderr', text: string): void {
  try {
    stream.write(displayText(text));
  } catch (error) {
    throw new OutputStreamError(name, error);
  }
}

// Each io a command was given, to the io of the whole run (commands run inside `maxent demo` get a wrapper).
const roots = new WeakMap<CliIO, CliIO>();

/** The io of the whole run that `io` belongs to. */
export function rootIO(io: CliIO): CliIO {
  return roots.get(io) ?? io;
}

/**
 * The io handed to commands: like `io`, except that while `stdoutTaken()` (a
 * result goes to stdout, `--out -`) their text goes to stderr, so stdout holds
 * the result alone.
 */
export function commandIO(io: CliIO, stdoutTaken: () => boolean): CliIO {
  const routed: CliIO = {
    ...io,
    stdout: (text) => (stdoutTaken() ? io.stderr(text) : io.stdout(text)),
  };
  roots.set(routed, rootIO(io));
  return routed;
}
