import { formatDuration } from '../output/format-duration.js';

/**
 * Progress on stderr for a person watching a terminal: simulated time done and the rate in
 * simulated requests per wall-clock second, redrawn on one line at most every 200 ms. Returns
 * undefined when stderr is not a terminal, so piped and CI runs print nothing extra.
 */
export function terminalProgress(totalSimulated: number): ((platform: string, simulated: number, requests: number) => void) & { done(): void } | undefined {
  const stderr = process.stderr;
  if (!stderr.isTTY) return undefined;
  let last = 0;
  let started = performance.now();
  let current = '';
  const report = (platform: string, simulated: number, requests: number): void => {
    if (platform !== current) {
      current = platform;
      started = performance.now();
    }
    const now = performance.now();
    if (now - last < 200 && simulated < totalSimulated) return;
    last = now;
    const elapsed = (now - started) / 1000;
    const rate = elapsed > 0 ? Math.round(requests / elapsed).toLocaleString('en-US') : '-';
    stderr.write(`\r\x1b[K${platform}: ${formatDuration(simulated)} of ${formatDuration(totalSimulated)} simulated, ${requests.toLocaleString('en-US')} requests, ${rate} req/s`);
  };
  return Object.assign(report, { done: () => stderr.write('\r\x1b[K') });
}
