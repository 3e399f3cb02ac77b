import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCommand, type RunCommandOptions } from '../../src/cli/run.js';
import { scenarioFolder } from '../helpers/scenario-folder.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * `sim run --format csv` with neither --out nor --report prints the records and nothing else,
 * so it makes none of the verdict's work (bills beside the run, simulated alternatives, the
 * remedies' search, break-even, the assumptions check). Its records must be the very bytes of a
 * run that does all of that: here the VM is overloaded (a remedy search runs), Cloud Run has the
 * start-up boost (its other setting is simulated) and both carry billed variants.
 */
const { dir, write } = scenarioFolder('scalesim-run-csv-');
const file = write('busy.json', {
  ...TINY,
  name: 'busy',
  traffic: { type: 'poisson', rps: 120 },
  platforms: [
    { name: 'cloud-run', model: 'cloud-run', concurrency: 80, startupCpuBoost: true },
    { name: 'vm', model: 'compute-engine', count: 1 },
  ],
});

async function run(options: Partial<RunCommandOptions>): Promise<string> {
  let text = '';
  await runCommand(file, { seed: 3, set: [], format: 'csv', timelineStep: 60, workers: 1, ...options }, (t) => (text += t), () => {});
  return text;
}

describe('sim run --format csv', () => {
  it('prints the records of the run that judges them, byte for byte', async () => {
    const alone = await run({});
    const out = join(dir, 'out');
    const judged = await run({ out });
    expect(alone).toBe(judged);
    expect(readFileSync(join(out, 'summary.csv'), 'utf8')).toBe(alone);
    // The judged run did judge: the VM does not keep up, so its verdict searched a remedy.
    const verdict = JSON.parse(readFileSync(join(out, 'verdict.json'), 'utf8')) as { alternatives: { platform: string; simulated: boolean }[] };
    expect(alone.split('\n')[2]).toMatch(/^busy,vm,compute-engine,overloaded,/);
    expect(verdict.alternatives.some((a) => a.platform === 'vm' && a.simulated)).toBe(true);
  }, 120_000);
});
