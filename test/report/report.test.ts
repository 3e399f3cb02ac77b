import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLIENT_SCRIPT } from '../../src/report/client-script.js';
import { escapeHtml, jsonForScript, scriptSource } from '../../src/report/html-escape.js';
import { writeReport } from '../../src/report/write-report.js';
import { ROOT, writeRunDirectory } from './fixtures.js';

let dir = '';
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scalesim-report-'));
  await writeRunDirectory(join(dir, 'run'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process; stdout and stderr are captured. */
async function sim(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = ((chunk: string) => ((stdout += chunk), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string) => ((stderr += chunk), true)) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'sim', ...argv]), stdout, stderr };
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
}

describe('sim report', () => {
  it('writes one self-contained page for a run directory', async () => {
    const out = join(dir, 'run.html');
    const r = await sim('report', join(dir, 'run'), '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^report: run .*; wrote .*run\.html \(\d+ KB\)\n$/);
    const html = readFileSync(out, 'utf8');
    // Nothing loaded from elsewhere: outside the inline scripts, no src= and no href= but the
    // inline icon. (Booleans, so that a failure does not print 700 KB of page.)
    const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, '<script></script>');
    expect(/\bsrc\s*=/i.test(markup)).toBe(false);
    expect(markup.match(/\bhref\s*=\s*"([^"]*)"/gi)).toEqual(['href="data:,"']);
    expect(markup.match(/<script\b/g)).toHaveLength(4);
    expect(html.includes('// @observablehq/plot v0.6')).toBe(true);
    expect(html.includes('https://d3js.org v7')).toBe(true);
    expect(markup.includes('<table data-table="summary">')).toBe(true);
    const json = /<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!;
    const data = JSON.parse(json);
    expect(data.kind).toBe('run');
    expect(data.platforms).toEqual(['cloud-run', 'vm']);
    expect(data.series[0].t_s.length).toBeGreaterThan(1000);
    expect(data.series[0].t_s.length).toBeLessThanOrEqual(2000);
  });

  it('accepts --max-points and a run\'s summary.csv for its directory', async () => {
    const out = join(dir, 'small.html');
    expect((await sim('report', join(dir, 'run', 'summary.csv'), '--out', out, '--max-points', '100')).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const data = JSON.parse(/<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(html)![1]!);
    expect(data.series[0].t_s.length).toBeLessThanOrEqual(100);
  });

  it('gives the same page from a run directory as sim run --report during the run', async () => {
    const a = join(dir, 'a.html');
    const b = join(dir, 'b.html');
    const scenario = join(dir, 'scenario.json');
    const base = JSON.parse(readFileSync(join(ROOT, 'workloads/diurnal.json'), 'utf8'));
    writeFileSync(scenario, JSON.stringify({ ...base, $schema: undefined, duration: '2h', warmup: 0 }));
    expect((await sim('run', scenario, '--format', 'csv', '--out', join(dir, 'run2'), '--report', a)).code).toBe(0);
    expect((await sim('report', join(dir, 'run2'), '--out', b)).code).toBe(0);
    const series = (path: string) => JSON.parse(/<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(readFileSync(path, 'utf8'))![1]!);
    const [x, y] = [series(a), series(b)];
    expect(x.summaries).toEqual(y.summaries);
    expect(x.series[0].t_s).toEqual(y.series[0].t_s);
    for (const [name, values] of Object.entries(x.series[0].values as Record<string, number[]>)) {
      values.forEach((v, i) => expect(v, name).toBeCloseTo(y.series[0].values[name][i], 3));
    }
  });

  it('exits 2 with one line for bad input', async () => {
    const missing = await sim('report', join(dir, 'nowhere'), '--out', join(dir, 'x.html'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/^sim: .*nowhere: no such file or directory: a run directory .* or a sweep's results CSV/);
    const notSweep = await sim('report', join(dir, 'run', 'timeline.csv'), '--out', join(dir, 'x.html'));
    expect(notSweep.code).toBe(2);
    expect(notSweep.stderr).toMatch(/timeline.csv: not a sweep's results/);
    const metric = await sim('report', join(dir, 'run'), '--out', join(dir, 'x.html'), '--metric', 'nope');
    expect(metric.code).toBe(2);
    expect(metric.stderr).toMatch(/^sim: --metric: "nope" is not allowed/);
    const empty = join(dir, 'empty');
    mkdirSync(empty);
    await expect(writeReport(empty, join(dir, 'y.html'))).rejects.toThrow(/empty: not a whole run directory: no manifest.json/);
  });
});

describe('page pieces', () => {
  it('parses as JavaScript', () => {
    expect(() => new Function(CLIENT_SCRIPT)).not.toThrow();
  });

  it('cannot end a script element early', () => {
    expect(jsonForScript({ a: '</script><script>alert(1)</script>' })).not.toContain('</script');
    expect(JSON.parse(jsonForScript({ a: '</script>\u2028' }))).toEqual({ a: '</script>\u2028' });
    expect(scriptSource('var s = "</script>";')).toBe('var s = "<\\/script>";');
    expect(escapeHtml('<a href="x">&\'')).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});
