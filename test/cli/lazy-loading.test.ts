import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CompiledCli } from '../helpers/compiled-cli.js';
import { runProcess } from '../helpers/run-process.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

/**
 * Start-up (issue 12 item 1): a command loads the CommonJS packages it uses, not every one the
 * CLI may use. yaml (about 70 files) loads for a YAML scenario only, cli-progress when a
 * terminal wants a bar, stdlib's Student t (some 400 files) when an interval is computed.
 * What a process loaded is read from the CommonJS module cache at exit (a preload writes its
 * keys to stderr); packages imported as ES modules land there too, so the yaml case checks
 * that the preload sees what is loaded. Loading only: no timing is asserted.
 */
const cli = new CompiledCli('lazy-loading');
const MARK = 'scalesim-loaded ';
let preload = '';
let tiny = '';

beforeAll(() => {
  cli.create();
  preload = join(cli.work, 'loaded.mjs');
  writeFileSync(
    preload,
    [
      "import { createRequire } from 'node:module';",
      'const cache = createRequire(import.meta.url).cache;',
      `process.on('exit', () => process.stderr.write('\\n${MARK}' + JSON.stringify(Object.keys(cache)) + '\\n'));`,
    ].join('\n'),
  );
  tiny = cli.writeJson('tiny.json', TINY);
}, 60_000);

afterAll(() => cli.remove());

/** The npm packages a `sim` process loaded through CommonJS, by name. */
async function packagesLoaded(args: readonly string[]): Promise<Set<string>> {
  const r = await runProcess(process.execPath, ['--import', preload, cli.launcher, ...args], { cwd: cli.work, timeoutMs: 120_000 });
  expect(r.code).toBe(0);
  const line = r.stderr.split('\n').find((l) => l.startsWith(MARK));
  expect(line).toBeDefined();
  const files = JSON.parse(line!.slice(MARK.length)) as string[];
  return new Set(files.flatMap((f) => /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(f)?.[1]?.replace('\\', '/') ?? []));
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
});
