import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { initCommand, type InitFlags, type Prompts } from '../../src/cli/init.js';

/** The flags as commander gives them when none is typed (the defaults of registerInit). */
const DEFAULTS: InitFlags = {
  logFormat: 'auto',
  strict: false,
  timeScale: '1',
  peakHour: '14',
  weekendFactor: '1',
  memory: '512Mi',
  region: 'us-central1',
  platforms: 'cloud-run,vm',
  cpu: '1',
  concurrency: '80',
  machineType: 'e2-medium',
  vmCount: '2',
  force: false,
  input: true,
};

/** Prompts that answer from a script by the start of their message, and record what was asked. */
function scripted(answers: [string, unknown][]): { prompts: Prompts; asked: string[] } {
  const asked: string[] = [];
  const answer = async (config: { message: string }) => {
    asked.push(config.message);
    const found = answers.find(([start]) => config.message.startsWith(start));
    if (found === undefined) throw new Error(`unexpected question: ${config.message}`);
    return found[1];
  };
  return { prompts: { input: answer, number: answer, select: answer, checkbox: answer } as unknown as Prompts, asked };
}

describe('sim init on a terminal', () => {
  it('asks for what the flags leave out, and writes what was answered', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scalesim-prompts-')), 'asked.yaml');
    const { prompts, asked } = scripted([
      ['Platforms to compare', ['cloud-run']],
      ['Cloud Run memory', '1Gi'],
      ['Region', 'europe-west1'],
      ['How much of a request is CPU', 'utilization'],
      ['CPU utilisation of one 1-vCPU instance', 0.2],
      ['at this many requests per second', 4],
      ['Traffic', 'per-day'],
      ['Requests per day', 432000],
      ['Peak requests per second', 8],
      ['p50 latency', '100ms'],
      ['p95 latency', '300ms'],
      ['Typical response size', '4KiB'],
    ]);
    let printed = '';
    await initCommand(path, { ...DEFAULTS }, () => false, (t) => (printed += t), { interactive: true, prompts });
    expect(asked).toHaveLength(12);
    expect(printed).toContain('wrote');
    const s = parseYaml(readFileSync(path, 'utf8')) as Record<string, any>;
    expect(s.platforms).toEqual([{ name: 'cloud-run', model: 'cloud-run', region: 'europe-west1', cpu: 1, memory: '1Gi', concurrency: 80 }]);
    // 432,000 / 86,400 = 5 req/s; peak 8: A = 8 / 5 - 1 = 0.6, peakToTrough = 1.6 / 0.4 = 4.
    expect(s.traffic).toEqual({ type: 'diurnal', meanRps: 5, peakToTrough: 4, peakHour: 14, weekendFactor: 1 });
    expect(s.requests.responseBytes).toBe(4096);
  });

  it('a flag that is given is not asked', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'scalesim-prompts-')), 'flags.json');
    const { prompts, asked } = scripted([
      ['Platforms to compare', ['cloud-run', 'vm']],
      ['Cloud Run memory', '512Mi'],
      ['Region', 'us-central1'],
      ['Typical response size', '16KiB'],
    ]);
    const flags = { ...DEFAULTS, meanRps: '3', p50: '50ms', p95: '120ms', cpuShare: '0.4' };
    await initCommand(path, flags, () => false, () => undefined, { interactive: true, prompts });
    expect(asked).toEqual(['Platforms to compare', 'Cloud Run memory', 'Region', 'Typical response size']);
  });
});
