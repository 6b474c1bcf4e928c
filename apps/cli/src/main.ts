#!/usr/bin/env node
import { runCli } from './cli.js';
import { describeCause } from './outputStreamError.js';
import { removeLiveTemporaries, whenTemporariesLive } from './outputBatch.js';

// A write to stdout or stderr that fails later (a closed pipe): one line, exit 1, no stack trace.
for (const [name, stream] of [['stdout', process.stdout], ['stderr', process.stderr]] as const) {
  stream.on('error', (error) => {
    removeLiveTemporaries();
    if (name === 'stdout') {
      try {
        process.stderr.write(`maxent: cannot write to stdout: ${describeCause(error)}\n`);
      } catch {
        // stderr failed too: the exit code is all that is left.
      }
    }
    process.exit(1);
  });
}

// Interrupted (Ctrl-C, kill) while temporaries or a sweep lock exist: remove them, old files stay as
// they were. Only then: a handler would hold Ctrl-C back during long synchronous work.
const SIGNALS = [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const;
const handlers = SIGNALS.map(([signal, code]) => [signal, () => {
  removeLiveTemporaries();
  try {
    process.stderr.write(`maxent: interrupted (${signal}); unfinished outputs removed\n`);
  } catch {
    // Nothing more to say.
  }
  process.exit(code);
}] as const);
whenTemporariesLive((live) => {
  for (const [signal, handler] of handlers) {
    if (live) process.on(signal, handler);
    else process.off(signal, handler);
  }
});

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
