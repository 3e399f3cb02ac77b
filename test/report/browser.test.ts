import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS } from '../../src/metrics/summary.js';
import { chartLibraries } from '../../src/report/chart-library.js';
import { reportHtml } from '../../src/report/html-page.js';
import { sweepReportData } from '../../src/report/sweep-data.js';
import { writeReport } from '../../src/report/write-report.js';
import { ROOT, sweepResults, writeRunDirectory } from './fixtures.js';

/**
 * A generated report opened in a real browser: Debian's Chromium (apt-get install chromium;
 * .ci/run installs it) driven by playwright-core, which downloads nothing. The run report comes
 * from a 3-hour run written in-process (test/report/fixtures.ts), not from the CLI, so no dist
 * build races test/cli. Screenshots go to test/artifacts/ (gitignored) for people to look at.
 */
const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) console.warn(`test/report/browser.test.ts: skipped: ${CHROMIUM} is missing (apt-get install chromium)`);

const ARTIFACTS = join(ROOT, 'test/artifacts');
let dir = '';
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!HAVE_CHROMIUM) return;
  dir = mkdtempSync(join(tmpdir(), 'scalesim-browser-'));
  context = await chromium.launchPersistentContext(join(dir, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1200, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

interface ChartMarks {
  readonly name: string;
  /** Data marks drawn: line and area paths, bars, dots. */
  readonly marks: number;
  /** The longest line or area path's `d` (many points for a chart over time). */
  readonly longestPath: number;
}

/** Opens a page, waits for its charts, and fails on a console error, a page error or any request off the file. */
async function open(file: string): Promise<{ page: Page; problems: string[]; charts: ChartMarks[] }> {
  const page = await context!.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith('file:') && !r.url().startsWith('data:')) problems.push(`request: ${r.url()}`);
  });
  await page.goto(`file://${file}`);
  await page.waitForFunction(() => document.body.dataset.rendered !== undefined, null, { timeout: 30_000 });
  expect(await page.evaluate(() => document.body.dataset.rendered)).toBe('true');
  const charts = await page.$$eval('[data-chart]', (elements) =>
    elements.map((el) => {
      const paths = [...el.querySelectorAll('g[aria-label="line"] path, g[aria-label="area"] path')];
      const marks = paths.length + el.querySelectorAll('g[aria-label="bar"] rect, g[aria-label="dot"] circle').length;
      return { name: el.getAttribute('data-chart') ?? '', marks, longestPath: Math.max(0, ...paths.map((p) => (p.getAttribute('d') ?? '').length)) };
    }),
  );
  return { page, problems, charts };
}

async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  console.log(`test/report/browser.test.ts: screenshot test/artifacts/${name}`);
}

describe('a report in headless Chromium', () => {
  it.skipIf(!HAVE_CHROMIUM)('draws every chart of a run, with data, and no error', async () => {
    await writeRunDirectory(join(dir, 'run'));
    const out = join(dir, 'report.html');
    await writeReport(join(dir, 'run'), out);
    const { page, problems, charts } = await open(out);
    await screenshot(page, 'report.png');
    expect(problems).toEqual([]);
    const byName = Object.fromEntries(charts.map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual([
      'traffic',
      'instances-cloud-run',
      'instances-vm',
      'cpu',
      'latency',
      'cold-start-wait',
      'starting',
      'cost-rate',
      'cost-cumulative',
      'cost-components',
    ]);
    // Charts over time: a line or area of ~1350 points (3 h at 1 s, in 8-s buckets) is a long path.
    for (const name of ['traffic', 'instances-cloud-run', 'instances-vm', 'cpu', 'starting', 'cost-rate', 'cost-cumulative']) {
      expect(byName[name]!.marks, name).toBeGreaterThanOrEqual(2);
      expect(byName[name]!.longestPath, name).toBeGreaterThan(5000);
    }
    // Six quantiles x two platforms as dots, one line each.
    expect(byName.latency!.marks).toBe(14);
    // Cloud Run's mean and p99 cold-start wait (the VMs have none).
    expect(byName['cold-start-wait']!.marks).toBe(2);
    expect(byName['cost-components']!.marks).toBeGreaterThanOrEqual(5);
    expect(await page.$$eval('table[data-table="summary"] tbody tr', (rows) => rows.length)).toBe(SUMMARY_FIELDS.length - 2); // all but scenario and platform
    await page.close();
  });

  it.skipIf(!HAVE_CHROMIUM)('draws a sweep: metrics with bands against the grid, the frontier, the breakeven', async () => {
    const data = sweepReportData(sweepResults([1, 5, 20, 40], 3), ['cost_total_usd', 'latency_p95_s'], 'results.csv');
    const out = join(dir, 'sweep.html');
    writeFileSync(out, reportHtml(data, await chartLibraries(), 'sweep'));
    const { page, problems, charts } = await open(out);
    await screenshot(page, 'report-sweep.png');
    expect(problems).toEqual([]);
    expect(charts.map((c) => c.name)).toEqual(['metric-cost-total-usd-traffic-meanrps', 'metric-latency-p95-s-traffic-meanrps', 'frontier']);
    for (const c of charts.slice(0, 2)) expect(c.marks, c.name).toBe(2 + 2 + 8); // 2 bands, 2 lines, 8 dots
    expect(charts[2]!.marks).toBeGreaterThanOrEqual(8);
    expect(await page.textContent('body')).toContain('traffic.meanRps ≈ 10');
    await page.close();
  });
});
