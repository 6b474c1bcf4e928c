import cliProgress from 'cli-progress';
import type { CliIO } from './context.js';

export interface Progress {
  update(done: number, detail?: string): void;
  stop(): void;
}

/**
 * A progress bar on stderr when it is a terminal and not --quiet (interfaces.md
 * "Conventions"); otherwise silent.
 */
export function createProgress(io: CliIO, label: string, total: number, quiet: boolean): Progress {
  if (quiet || !io.stderrIsTTY) return { update: () => {}, stop: () => {} };
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
