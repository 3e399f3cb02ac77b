import { createRequire } from 'node:module';

// cli-progress is loaded when a terminal wants a bar, not with the CLI (start-up, issue 12):
// piped and CI runs never load it.
const require = createRequire(import.meta.url);

/**
 * A progress bar on stderr for a person watching a terminal: runs done of the total, percent,
 * elapsed time and ETA, redrawn by cli-progress. Undefined when stderr is not a terminal, so
 * piped and CI runs print nothing extra.
 */
export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

export function terminalProgressBar(label: string): ProgressBar | undefined {
  if (process.stderr.isTTY !== true) return undefined;
  const cliProgress = require('cli-progress') as typeof import('cli-progress');
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} [{bar}] {value}/{total} runs | {percentage}% | {duration_formatted} elapsed | ETA {eta_formatted}`,
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
