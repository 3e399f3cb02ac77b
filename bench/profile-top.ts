/**
 * Top self-time functions of a V8 CPU profile, for finding hot spots:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist/bench/run.js --child mmc 1
 *   node dist/bench/profile-top.js /tmp/prof/*.cpuprofile [top=25]
 *
 * Self time of a node = its sample count times the mean sampling interval; nodes of the same
 * function (name, file, line) are summed. Percentages are of all samples, idle and GC included.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
}

interface CpuProfile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly startTime: number;
  readonly endTime: number;
}

export function topSelfTime(profile: CpuProfile, top: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const counts = new Map<string, number>();
  for (const id of profile.samples) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url === '' ? '' : ` ${basename(frame.url)}:${frame.lineNumber + 1}`;
    const key = `${frame.functionName || '(anonymous)'}${where}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const total = profile.samples.length;
  const ms = (profile.endTime - profile.startTime) / 1000;
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([key, n]) => `${((100 * n) / total).toFixed(1).padStart(5)} %  ${((ms * n) / total).toFixed(0).padStart(6)} ms  ${key}`);
}

const [file, top] = process.argv.slice(2);
if (file === undefined) {
  process.stderr.write('usage: node dist/bench/profile-top.js <file.cpuprofile> [top]\n');
  process.exitCode = 2;
} else {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  process.stdout.write(topSelfTime(profile, Number(top ?? 25)).join('\n') + '\n');
}
