import { formatDuration } from '../output/format-duration.js';
import { formatCount } from '../output/format-human.js';

/** What the progress line shows, at one instant. */
export interface ProgressState {
  readonly platform: string;
  /** 0-based index of the platform being simulated, and how many there are. */
  readonly index: number;
  readonly count: number;
  /** Simulated seconds done in this platform's run, of `total`. */
  readonly simulated: number;
  readonly total: number;
  /** Requests simulated so far in this platform's run. */
  readonly requests: number;
  /** Wall-clock seconds since the first platform started, and since this one did. */
  readonly elapsed: number;
  readonly platformElapsed: number;
}

/**
 * Seconds of wall-clock time before a rate or an ETA is shown: over the first few milliseconds
 * a rate is noise (a first sample once read 14,019,187,358 req/s, issue 11) and an ETA a guess.
 */
export const MIN_SAMPLE_S = 1;

/**
 * The progress line (pure): "platform 1 of 2 (cloud-run): 43.0 % simulated, 3d 1h of 7d,
 * 5,210,334 requests at 412,345 simulated requests/s, about 1m 10s left". Percent and ETA are
 * over all platforms (each run is the same simulated length); rate and ETA appear after
 * MIN_SAMPLE_S of wall-clock time.
 */
export function progressLine(s: ProgressState): string {
  const inPlatform = s.total > 0 ? Math.min(1, s.simulated / s.total) : 1;
  const done = (s.index + inPlatform) / s.count;
  const parts = [
    `platform ${s.index + 1} of ${s.count} (${s.platform}): ${(done * 100).toFixed(1)} % simulated`,
    `${formatDuration(s.simulated)} of ${formatDuration(s.total)}`,
  ];
  const rate = s.platformElapsed >= MIN_SAMPLE_S ? `${formatCount(s.requests / s.platformElapsed)} simulated requests/s` : 'simulated requests/s: measuring';
  parts.push(`${formatCount(s.requests)} requests at ${rate}`);
  if (s.elapsed >= MIN_SAMPLE_S && done > 0 && done < 1) parts.push(`about ${formatDuration(Math.round((s.elapsed * (1 - done)) / done))} left`);
  return parts.join(', ');
}

/**
 * Progress on stderr for a person watching a terminal, redrawn on one line at most every
 * 200 ms. Returns undefined when stderr is not a terminal, so piped and CI runs print nothing
 * extra. `platforms` is the number of platform runs to expect (the line says "platform i of n").
 */
export function terminalProgress(
  totalSimulated: number,
  platforms = 1,
): ((platform: string, simulated: number, requests: number) => void) & { done(): void } | undefined {
  const stderr = process.stderr;
  if (!stderr.isTTY) return undefined;
  let last = 0;
  const started = performance.now();
  let platformStarted = started;
  let current: string | null = null;
  let index = -1;
  const report = (platform: string, simulated: number, requests: number): void => {
    const now = performance.now();
    if (platform !== current) {
      current = platform;
      index++;
      platformStarted = now;
    }
    if (now - last < 200 && simulated < totalSimulated) return;
    last = now;
    const line = progressLine({
      platform,
      index: Math.min(index, platforms - 1),
      count: platforms,
      simulated,
      total: totalSimulated,
      requests,
      elapsed: (now - started) / 1000,
      platformElapsed: (now - platformStarted) / 1000,
    });
    stderr.write(`\r\x1b[K${line}`);
  };
  return Object.assign(report, { done: () => stderr.write('\r\x1b[K') });
}
