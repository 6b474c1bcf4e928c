import cliProgress from 'cli-progress';
import type { CliIO } from './context.js';

export interface Progress {
  update(done: number, detail?: string): void;
  stop(): void;
}

/** How often a run whose stderr is not a terminal (a log file, CI, a batch job) reports progress. */
export const PLAIN_PROGRESS_INTERVAL_MS = 10_000;

/** Clock and interval of the plain progress lines (tests pass their own). */
export interface PlainProgressOptions {
  readonly now?: () => number;
  readonly intervalMs?: number;
}

/**
 * A progress bar on stderr when it is a terminal and not --quiet (interfaces.md
 * "Conventions"). When stderr is not a terminal, long runs print one plain line
 * (no escape codes) every ~10 s, so a job's log shows it is alive and how far
 * it is; runs shorter than that print nothing, as before.
 */
export function createProgress(io: CliIO, label: string, total: number, quiet: boolean, plain: PlainProgressOptions = {}): Progress {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (!io.stderrIsTTY) return plainProgress(io, label, total, plain);
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} | {detail} | eta {eta_formatted}`,
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { detail: '' });
  return {
    update: (done, detail = '') => bar.update(done, { detail }),
    stop: () => bar.stop(),
  };
}

/** `maxent: training 42% (4200/10000), 1 min 10 s elapsed, about 1 min 37 s left` at most every intervalMs. */
function plainProgress(io: CliIO, label: string, total: number, { now = () => performance.now(), intervalMs = PLAIN_PROGRESS_INTERVAL_MS }: PlainProgressOptions): Progress {
  const start = now();
  let next = start + intervalMs;
  return {
    update: (done) => {
      const time = now();
      if (time < next || !(total > 0)) return;
      next = time + intervalMs;
      const fraction = Math.min(1, Math.max(0, done / total));
      const elapsed = time - start;
      const left = fraction > 0 ? (elapsed * (1 - fraction)) / fraction : Number.NaN;
      io.stderr(
        `maxent: ${label} ${Math.floor(fraction * 100)}% (${done}/${total}), ${duration(elapsed)} elapsed` +
          `${Number.isFinite(left) ? `, about ${duration(left)} left` : ''}\n`,
      );
    },
    stop: () => {},
  };
}

function duration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
