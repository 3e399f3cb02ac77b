import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledCli } from '../helpers/compiled-cli.js';
import { LoadedFiles, packagesOf } from '../helpers/loaded-files.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * Start-up (issue 12 item 1): a command loads the packages it uses, not every one the CLI may
 * use. yaml (about 70 files) loads for a YAML scenario only, cli-progress when a terminal wants
 * a bar, stdlib's Student t (some 400 files) when an interval is computed, csv-parse when a CSV
 * is read (a trace, a run directory, a sweep's partial file). What a process loaded is read
 * from the CommonJS module cache and a module hook that sees ES modules (test/helpers/loaded-files.ts);
 * the yaml and csv-parse cases check that it sees what is loaded. Loading only: no timing is asserted.
 */
const cli = new CompiledCli('lazy-loading');
let loaded: LoadedFiles;
let tiny = '';

beforeAll(() => {
  cli.create();
  loaded = new LoadedFiles(cli.work);
  tiny = cli.writeJson('tiny.json', TINY);
}, 60_000);

afterAll(() => cli.remove());

/** The npm packages a `sim` process loaded, by name. */
async function packagesLoaded(args: readonly string[]): Promise<Set<string>> {
  return packagesOf(await loaded.run(cli.launcher, args, cli.work));
}

const stdlib = (packages: Set<string>): string[] => [...packages].filter((p) => p.startsWith('@stdlib/'));
const workload = (name: string): string => join(cli.root, 'workloads', name);

describe('what a command loads', () => {
  it('sim --version: no yaml, cli-progress, stdlib or DDSketch', async () => {
    const packages = await packagesLoaded(['--version']);
    for (const name of ['yaml', 'cli-progress', '@datadog/sketches-js']) expect(packages.has(name)).toBe(false);
    expect(stdlib(packages)).toEqual([]);
  });

  it('sim validate of a JSON scenario: no yaml, cli-progress or stdlib; of a YAML scenario: yaml', async () => {
    const json = await packagesLoaded(['validate', workload('diurnal.json')]);
    expect(json.has('yaml')).toBe(false);
    expect(json.has('cli-progress')).toBe(false);
    expect(stdlib(json)).toEqual([]);
    const yaml = await packagesLoaded(['validate', workload('diurnal.yaml')]);
    expect(yaml.has('yaml')).toBe(true);
  });

  it('sim run of two platforms (the verdict runs a break-even search, one replication): no stdlib, yaml or cli-progress', async () => {
    const packages = await packagesLoaded(['run', tiny]);
    expect(stdlib(packages)).toEqual([]);
    expect(packages.has('yaml')).toBe(false);
    expect(packages.has('cli-progress')).toBe(false);
    // It ran: DDSketch (the latency histograms) is CommonJS and was loaded.
    expect(packages.has('@datadog/sketches-js')).toBe(true);
  });

  it('sim run reads CSV with csv-parse for a trace scenario only', async () => {
    const diurnal = await packagesLoaded(['run', workload('diurnal.json'), '--set', 'duration=10m', '--set', 'warmup=0s']);
    expect(diurnal.has('csv-parse')).toBe(false);
    expect(diurnal.has('zod')).toBe(true); // an ES module package: the hook sees those
    const trace = await packagesLoaded(['run', workload('trace-azure.json'), '--set', 'duration=10m', '--set', 'warmup=0s']);
    expect(trace.has('csv-parse')).toBe(true);
  });
});
