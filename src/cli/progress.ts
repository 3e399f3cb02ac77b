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

/** "about 1m 10s left" from the share `done` after `elapsed` wall-clock seconds; none in the first MIN_SAMPLE_S, at 0 or when done. */
function timeLeft(elapsed: number, done: number): string[] {
  return elapsed >= MIN_SAMPLE_S && done > 0 && done < 1 ? [`about ${formatDuration(Math.round((elapsed * (1 - done)) / done))} left`] : [];
}

/**
 * The progress line (pure): "platform 1 of 2 (cloud-run): 43.0 % simulated, about 1m 10s left,
 * 3d 1h of 7d, 5,210,334 requests at 412,345 simulated requests/s". Percent and ETA are
 * over all platforms (each run is the same simulated length); rate and ETA appear after
 * MIN_SAMPLE_S of wall-clock time.
 */
export function progressLine(s: ProgressState): string {
  const inPlatform = s.total > 0 ? Math.min(1, s.simulated / s.total) : 1;
  const done = (s.index + inPlatform) / s.count;
  // Most telling first: a narrow terminal cuts the line's end (fitToWidth).
  const parts = [`platform ${s.index + 1} of ${s.count} (${s.platform}): ${(done * 100).toFixed(1)} % simulated`];
  parts.push(...timeLeft(s.elapsed, done), `${formatDuration(s.simulated)} of ${formatDuration(s.total)}`);
  const rate = s.platformElapsed >= MIN_SAMPLE_S ? `${formatCount(s.requests / s.platformElapsed)} simulated requests/s` : 'simulated requests/s: measuring';
  parts.push(`${formatCount(s.requests)} requests at ${rate}`);
  return parts.join(', ');
}

/**
 * The line cut to a terminal `columns` wide, one column spare (pure): a line redrawn with `\r`
 * must fit on one row, or each redraw leaves the rows it wrapped onto behind (an 80-column
 * terminal scrolled a copy of "platform 1 of 2 (cloud-run): 43.0 % simulated, ..." every
 * 200 ms). Unchanged when the width is unknown.
 */
export function fitToWidth(line: string, columns: number | undefined): string {
  if (columns === undefined || !(columns > 1) || line.length < columns) return line;
  return `${line.slice(0, Math.max(0, columns - 2))}…`;
}

/** The platforms of a run simulated at once (sim run --workers), at one instant. */
export interface ParallelProgressState {
  /** Platform names in scenario order, with simulated seconds and requests so far of each. */
  readonly platforms: readonly { readonly name: string; readonly simulated: number; readonly requests: number }[];
  readonly total: number;
  /** Wall-clock seconds since the run started. */
  readonly elapsed: number;
  /** What is simulated, before the per-platform shares; default "N platforms at once". */
  readonly what?: string;
}

/**
 * The progress line when the platforms run at once (pure): "2 platforms at once: 41.5 %
 * simulated, about 1m 10s left, 12,345,678 requests at 412,345 simulated requests/s (cloud-run
 * 43.0 %, vm 40.0 %)". Percent and ETA are over all platforms; rate and ETA appear after
 * MIN_SAMPLE_S of wall-clock time, as in progressLine.
 */
export function parallelProgressLine(s: ParallelProgressState): string {
  const fraction = (simulated: number): number => (s.total > 0 ? Math.min(1, simulated / s.total) : 1);
  const done = s.platforms.reduce((sum, p) => sum + fraction(p.simulated), 0) / Math.max(1, s.platforms.length);
  const requests = s.platforms.reduce((sum, p) => sum + p.requests, 0);
  const each = s.platforms.map((p) => `${p.name} ${(fraction(p.simulated) * 100).toFixed(1)} %`).join(', ');
  // Most telling first, each platform's share last: a narrow terminal cuts the line's end (fitToWidth).
  const parts = [`${s.what ?? `${s.platforms.length} platforms at once`}: ${(done * 100).toFixed(1)} % simulated`, ...timeLeft(s.elapsed, done)];
  const rate = s.elapsed >= MIN_SAMPLE_S ? `${formatCount(requests / s.elapsed)} simulated requests/s` : 'simulated requests/s: measuring';
  parts.push(`${formatCount(requests)} requests at ${rate}`);
  return `${parts.join(', ')} (${each})`;
}

/** A progress reporter: called with a platform's simulated seconds and requests so far. */
export type Progress = ((platform: string, simulated: number, requests: number) => void) & { done(): void };

/**
 * Progress on stderr when the platforms `names` are simulated at once, redrawn at most every
 * 200 ms; undefined when stderr is not a terminal (as terminalProgress).
 */
export function terminalParallelProgress(totalSimulated: number, names: readonly string[], what?: string): Progress | undefined {
  const stderr = process.stderr;
  if (!stderr.isTTY) return undefined;
  const started = performance.now();
  let last = 0;
  const platforms = names.map((name) => ({ name, simulated: 0, requests: 0 }));
  const report = (platform: string, simulated: number, requests: number): void => {
    const entry = platforms.find((p) => p.name === platform);
    if (entry === undefined) return;
    entry.simulated = simulated;
    entry.requests = requests;
    const now = performance.now();
    if (now - last < 200) return;
    last = now;
    const line = parallelProgressLine({ platforms, total: totalSimulated, elapsed: (now - started) / 1000, ...(what !== undefined ? { what } : {}) });
    stderr.write(`\r\x1b[K${fitToWidth(line, stderr.columns)}`);
  };
  return Object.assign(report, { done: () => stderr.write('\r\x1b[K') });
}

/**
 * Progress on stderr for a person watching a terminal, redrawn on one line at most every
 * 200 ms. Returns undefined when stderr is not a terminal, so piped and CI runs print nothing
 * extra. `platforms` is the number of platform runs to expect (the line says "platform i of n").
 */
export function terminalProgress(totalSimulated: number, platforms = 1): Progress | undefined {
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
    stderr.write(`\r\x1b[K${fitToWidth(line, stderr.columns)}`);
  };
  return Object.assign(report, { done: () => stderr.write('\r\x1b[K') });
}
