import { writeRunManifest } from '../../src/output/run-manifest.js';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { CLIENT_SCRIPT } from '../../src/report/client-script.js';
import { escapeHtml, jsonForScript, scriptSource } from '../../src/report/html-escape.js';
import { writeReport } from '../../src/report/write-report.js';
import { ROOT, SENSITIVITY_FIXTURE, VERDICT_FIXTURE, writeRunDirectory } from './fixtures.js';

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
    // The verdict: passed in by sim run, read from verdict.json by sim report; the same card.
    expect(x.verdict.headline).toMatch(/^Choose /);
    expect(x.verdict).toEqual(y.verdict);
    const card = (path: string) => /<section class="verdict"[\s\S]*?<\/section>/.exec(readFileSync(path, 'utf8'))![0];
    expect(card(a)).toBe(card(b));
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

describe('sim report with a verdict and a sensitivity result', () => {
  const pageData = (path: string) => JSON.parse(/<script id="report-data" type="application\/json">(.*?)<\/script>/s.exec(readFileSync(path, 'utf8'))![1]!);

  it('puts the verdict card first when the run directory holds verdict.json, and none without', async () => {
    const plain = join(dir, 'plain.html');
    expect((await sim('report', join(dir, 'run'), '--out', plain)).code).toBe(0);
    expect(readFileSync(plain, 'utf8')).not.toContain('data-card="verdict"');
    expect(pageData(plain).verdict).toBeNull();

    const withVerdict = join(dir, 'with-verdict');
    mkdirSync(withVerdict);
    for (const f of ['summary.csv', 'timeline.csv']) copyFileSync(join(dir, 'run', f), join(withVerdict, f));
    copyFileSync(VERDICT_FIXTURE, join(withVerdict, 'verdict.json'));
    copyFileSync(SENSITIVITY_FIXTURE, join(withVerdict, 'sensitivity.json'));
    // A run directory is one unit (src/output/run-manifest.ts): the manifest a run writes last.
    await writeRunManifest(withVerdict, 'test', 'assembled', ['summary.csv', 'timeline.csv', 'verdict.json']);
    const out = join(dir, 'verdict.html');
    expect((await sim('report', withVerdict, '--out', out)).code).toBe(0);
    const html = readFileSync(out, 'utf8');
    const body = html.slice(html.indexOf('<body>'));
    // Card, then the tornado's section, then the charts, then the summary table.
    const order = ['data-card="verdict"', 'data-section="sensitivity"', '<div id="charts">', 'data-table="summary"'].map((m) => body.indexOf(m));
    expect(order.every((at, i) => at > 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(body).toContain('<p class="headline" data-verdict="headline">Choose cloud-run: $24/month, $61 (71 %) less than vm; both keep up. Uncertain: it rests on a rule Google does not publish (cloud-run.maxIdle; see Assumptions).</p>');
    expect(pageData(out).sensitivity.rows).toHaveLength(4);

    // Deterministic: the same directory gives the same bytes.
    const again = join(dir, 'verdict-again.html');
    expect((await sim('report', withVerdict, '--out', again)).code).toBe(0);
    expect(readFileSync(again).equals(readFileSync(out))).toBe(true);
  });

  it('draws the tornado alone from a directory or file of sim sensitivity', async () => {
    const only = join(dir, 'sensitivity-only');
    mkdirSync(only);
    copyFileSync(SENSITIVITY_FIXTURE, join(only, 'sensitivity.json'));
    for (const input of [only, join(only, 'sensitivity.json')]) {
      const out = join(dir, 'tornado.html');
      const r = await sim('report', input, '--out', out);
      expect(r.stderr).toBe('');
      expect(r.stdout).toMatch(/^report: sensitivity /);
      const html = readFileSync(out, 'utf8');
      expect(html).toContain('<title>scalesim sensitivity: diurnal</title>');
      expect(html).toContain('data-chart="tornado"');
      expect(pageData(out).kind).toBe('sensitivity');
    }
  });

  it('exits 2 with one line naming a verdict.json that is not one', async () => {
    const bad = join(dir, 'bad-verdict');
    mkdirSync(bad);
    for (const f of ['summary.csv', 'timeline.csv']) copyFileSync(join(dir, 'run', f), join(bad, f));
    writeFileSync(join(bad, 'verdict.json'), '{"headline": 3}');
    const r = await sim('report', bad, '--out', join(dir, 'x.html'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^sim: .*bad-verdict\/verdict.json: "headline" is a number: expected the verdict as sim run --out DIR writes it, whose "headline" is a string\n$/);
    writeFileSync(join(bad, 'verdict.json'), '{"headline": ');
    const broken = await sim('report', bad, '--out', join(dir, 'x.html'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^sim: .*verdict.json: not JSON \(.*\): expected the verdict/);
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
