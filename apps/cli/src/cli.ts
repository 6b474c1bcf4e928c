import { CommanderError } from 'commander';
import { InvalidInputError, ProblemHasNoAnswerError } from '@maxent/core';
import { commands } from './commands/index.js';
import { processIO, type CliIO } from './context.js';
import { displayText } from './displayText.js';
import { discardOutputBatches } from './outputBatch.js';
import { OutputStreamError } from './outputStreamError.js';
import { createProgram } from './program.js';
import { SweepIncompleteError } from './sweep/sweepIncompleteError.js';

/** Exit codes of interfaces.md "Conventions" (4: a sweep with missing or failed points, `maxent sweep --merge`). */
export const EXIT = { ok: 0, internal: 1, invalidInput: 2, noAnswer: 3, sweepIncomplete: 4 } as const;

/**
 * Runs the `maxent` command with `argv` (without node and script) and returns
 * the exit code; never calls process.exit, so tests can run it in-process.
 */
export async function runCli(argv: readonly string[], io: CliIO = processIO): Promise<number> {
  const program = createProgram(io, commands).description('Maximum-entropy network connectivity: solve, sample, train, evaluate, analyse');
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    // Nothing of a failed run replaces an existing file: drop its staged outputs.
    discardOutputBatches(io);
    return reportError(error, io, debug);
  }
}

function reportError(error: unknown, io: CliIO, debug: boolean): number {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (unknown option, missing argument...).
    // --help and --version succeed; help shown because no command was given is a usage error.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
    if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.invalidInput;
    return EXIT.invalidInput;
  }
  if (error instanceof OutputStreamError) {
    // One line, no advice: the stream that failed may be the one this goes to.
    safely(() => io.stderr(`maxent: ${error.message}\n`));
    return EXIT.internal;
  }
  if (error instanceof InvalidInputError) {
    io.stderr(`maxent: ${displayText(error.message)}\n`);
    if (debug) io.stderr(`${error.stack}\n`);
    return EXIT.invalidInput;
  }
  if (error instanceof ProblemHasNoAnswerError) {
    io.stderr(`maxent: ${displayText(commandLineAdvice(error.message))}\n`);
    if (debug) io.stderr(`${error.stack}\n`);
    return EXIT.noAnswer;
  }
  if (error instanceof SweepIncompleteError) {
    io.stderr(`maxent: ${error.message}\n`);
    return EXIT.sweepIncomplete;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`maxent: internal error: ${displayText(message)}\n`);
  if (debug && error instanceof Error) io.stderr(`${error.stack}\n`);
  else io.stderr('(run again with --debug for the stack trace)\n');
  return EXIT.internal;
}

function safely(write: () => void): void {
  try {
    write();
  } catch {
    // stderr itself failed: the exit code is all that is left.
  }
}

/**
 * Advice of the library that names settings the command line does not have
 * (the solver's maxIterations and tolerance are options of its API): said as
 * what happened instead. The library's own messages stay as they are (they are
 * part of its results, compared byte for byte).
 */
const LIBRARY_ONLY_ADVICE: readonly (readonly [string, string])[] = [
  ['; raise maxIterations or the tolerance', '; Newton reached its iteration cap before the tolerance'],
];

function commandLineAdvice(message: string): string {
  return LIBRARY_ONLY_ADVICE.reduce((text, [library, command]) => text.replaceAll(library, command), message);
}
