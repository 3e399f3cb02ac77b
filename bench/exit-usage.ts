/**
 * Preloaded into a measured Node process (`node --import <this> ...`): at exit it writes the
 * process's CPU seconds (user + system, every thread: worker threads and GC included) and peak
 * RSS to stderr as one line `scalesim-bench-usage {...}`, which whole-process.ts reads.
 */
import { writeSync } from 'node:fs';

process.on('exit', () => {
  const cpu = process.cpuUsage();
  const usage = { cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  writeSync(2, `\nscalesim-bench-usage ${JSON.stringify(usage)}\n`);
});
