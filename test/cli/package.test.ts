import { cpSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { transpileTree } from '../experiment/transpile-tree.js';
import { runProcess } from '../helpers/run-process.js';

/**
 * The package as a user installs it: `npm pack`, then `npm install -g` of the tarball into a
 * temporary prefix, then `sim run` from a directory that has nothing of the repository. The
 * package is staged in a temporary folder with dist/ compiled there file by file (so this test
 * never races the dist/ build of test/cli/cli.test.ts), and packed with --ignore-scripts (the
 * prepare script would build with tsc, which a user's `npm pack` does and which the staged
 * dist/ stands for). Dependencies come from npm's cache (--prefer-offline) or the npm registry,
 * nothing else.
 */
const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const temp = mkdtempSync(join(tmpdir(), 'scalesim-pack-'));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// The installed tree has some thousand files: removing them takes a while on a busy machine.
afterAll(async () => {
  if (process.env.KEEP_PACK === undefined) await rm(temp, { recursive: true, force: true });
}, 180_000);

async function run(command: string, args: string[], cwd: string, timeoutMs = 240_000) {
  const r = await runProcess(command, args, { cwd, timeoutMs, env: { ...process.env, npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' } });
  if (r.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('npm pack and a global install', () => {
  it('the tarball holds dist/, models/, workloads/, schema/; installed, `sim run` works from any directory', async () => {
    const stage = join(temp, 'stage');
    mkdirSync(stage);
    for (const entry of ['package.json', 'README.md', 'bin', 'models', 'workloads', 'schema']) cpSync(join(root, entry), join(stage, entry), { recursive: true });
    transpileTree(root, join(stage, 'dist'));
    const packed = JSON.parse(await run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', temp], stage)) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]!.files.map((f) => f.path);
    expect(files).toContain('dist/src/cli/main.js');
    expect(files).toContain('bin/sim.js');
    expect(files).toContain('models/cloud-run.json');
    expect(files).toContain('workloads/diurnal.json');
    expect(files).toContain('workloads/logs/cloud-run-requests.ndjson.gz');
    expect(files).toContain('schema/scenario.schema.json');
    expect(files.some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);

    const prefix = join(temp, 'prefix');
    await run(npm, ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(temp, packed[0]!.filename)], temp, 600_000);
    const sim = join(prefix, 'bin', 'sim');
    expect(readdirSync(join(prefix, 'bin'))).toContain('sim');

    // From an empty directory: the scenario path names the package's workloads/.
    const elsewhere = join(temp, 'elsewhere');
    mkdirSync(elsewhere);
    const out = await run(sim, ['run', 'workloads/steady.json', '--set', 'duration=30m', '--format', 'json'], elsewhere);
    const list = (JSON.parse(out) as { records: { platform: string; requests_arrived: number }[] }).records;
    expect(list.map((r) => r.platform)).toEqual(['cloud-run', 'vm']);
    expect(list[0]!.requests_arrived).toBeGreaterThan(0);
    // YAML, init from a packaged sample log, and a run of what it wrote, all outside the repository.
    await run(sim, ['validate', 'diurnal.yaml'], elsewhere);
    const installed = join(prefix, 'lib', 'node_modules', 'scalesim', 'workloads', 'logs', 'cloud-run-requests.ndjson.gz');
    await run(sim, ['init', 'mine.yaml', '--from-logs', installed, '--cpu-share', '0.3'], elsewhere);
    await run(sim, ['run', 'mine.yaml', '--format', 'csv'], elsewhere);
  }, 900_000);
});
