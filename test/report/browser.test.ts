import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SUMMARY_FIELDS } from '../../src/metrics/summary.js';
import { chartLibraries } from '../../src/report/chart-library.js';
import { reportHtml } from '../../src/report/html-page.js';
import { sweepReportData } from '../../src/report/sweep-data.js';
import { writeReport } from '../../src/report/write-report.js';
import { sensitivityReportData } from '../../src/report/sensitivity-data.js';
import type { SensitivityResult } from '../../src/sensitivity/types.js';
import { ROOT, SENSITIVITY_FIXTURE, sensitivityFixture, sweepResults, VERDICT_FIXTURE, writeRunDirectory } from './fixtures.js';

/**
 * A generated report opened in a real browser: Debian's Chromium (apt-get install chromium;
 * .ci/run installs it) driven by playwright-core, which downloads nothing. The run report comes
 * from a 3-hour run written in-process (test/report/fixtures.ts), not from the CLI, so no dist
 * build races test/cli. Screenshots go to test/artifacts/ (gitignored) for people to look at:
 * each page at a desktop's 1400 px and at a phone's 400 px.
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
    viewport: { width: 1400, height: 900 },
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
async function open(file: string, width = 1400): Promise<{ page: Page; problems: string[]; charts: ChartMarks[] }> {
  const page = await context!.newPage();
  await page.setViewportSize({ width, height: 900 });
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
      const marks = paths.length + el.querySelectorAll('g[aria-label="bar"] rect, g[aria-label="dot"] circle, g[aria-label="rule"] line, g[aria-label="tick"] line').length;
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

/** What overflows the page sideways at the current width: elements wider than the window, outside a scrolling box. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const limit = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      if (el.closest('.scroll') !== null || el.closest('script') !== null) continue;
      const box = el.getBoundingClientRect();
      if (box.width > 0 && box.right > limit + 1) out.push(`${el.tagName.toLowerCase()}${el.getAttribute('data-chart') ? `[data-chart=${el.getAttribute('data-chart')}]` : ''} ends at ${Math.round(box.right)} px`);
    }
    return out.slice(0, 5);
  });
}

/** Text boxes of a chart that overlap each other: [a, b] pairs of their texts. */
async function overlappingLabels(page: Page, chart: string): Promise<string[][]> {
  return page.$$eval(`[data-chart="${chart}"] g[aria-label="text"] text`, (texts) => {
    const boxes = texts.map((t) => ({ text: t.textContent ?? '', box: t.getBoundingClientRect() }));
    const pairs: string[][] = [];
    boxes.forEach((a, i) =>
      boxes.slice(i + 1).forEach((b) => {
        if (a.box.left < b.box.right && b.box.left < a.box.right && a.box.top < b.box.bottom && b.box.top < a.box.bottom) pairs.push([a.text, b.text]);
      }),
    );
    return pairs;
  });
}

describe('a report in headless Chromium', () => {
  it.skipIf(!HAVE_CHROMIUM)('draws the verdict card first, every chart of a run with data, the tornado, and no error', async () => {
    await writeRunDirectory(join(dir, 'run'));
    copyFileSync(VERDICT_FIXTURE, join(dir, 'run', 'verdict.json'));
    copyFileSync(SENSITIVITY_FIXTURE, join(dir, 'run', 'sensitivity.json'));
    const out = join(dir, 'report.html');
    await writeReport(join(dir, 'run'), out);
    const { page, problems, charts } = await open(out);
    await screenshot(page, 'report.png');
    expect(problems).toEqual([]);
    expect(await overflow(page)).toEqual([]);

    // The card comes before anything else, and says what test/report/fixtures/verdict.json says.
    expect(await page.$eval('body', (b) => b.querySelector('section, [data-chart]')?.getAttribute('data-card'))).toBe('verdict');
    expect(await page.textContent('[data-verdict="headline"]')).toBe('Choose cloud-run: $24/month, $61 (71 %) less than vm; both keep up. Uncertain: it rests on a rule Google does not publish (cloud-run.maxIdle; see Assumptions).');
    expect(await page.textContent('[data-verdict="recommendation"]')).toBe('Recommended: cloud-run. Difference: $61 a month (71 %), cloud-run the cheaper.');
    const card = await page.$$eval('table[data-table="verdict"] tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(card).toEqual([
      ['', 'cloud-runrecommended', 'vm'],
      ['status', 'ok: keeps up', 'ok: keeps up'],
      ['per month (extrapolated)', '$24', '$85'],
      ['latency p50', '65.8 ms', '64.6 ms'],
      ['latency p95', '197 ms', '194 ms'],
      ['latency p99', '288 ms', '281 ms'],
      ['requests served', '100 %', '100 %'],
      ['configuration', '1 vCPU, 512 MiB, concurrency 80, min 0, request-based', '2 x e2-medium, 2 workers each, on-demand'],
      ['most of the bill', 'CPU 58 %, egress 35 %, request fees 7.0 %', 'CPU 37 %, fixed costs (disk, IP, load balancer) 34 %, memory 20 %'],
    ]);
    const alternatives = await page.$$eval('table[data-table="alternatives"] tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
    expect(alternatives[3]).toEqual(['vm', '3-year committed use discount', '$22', '-$63', 'ok: keeps up', 'changes the choice', 're-billed, same requests']);
    expect(await page.textContent('[data-verdict="breakeven"]')).toContain('traffic.meanRps ≈ 17.6');
    expect(await page.$$eval('[data-verdict="warnings"] li', (li) => li.map((l) => l.textContent))).toEqual([
      'Costs per month are extrapolated: the run is shorter than its traffic\'s own period (7 days), so the month repeats a part of it.',
      'requests.cpu.mean: 30 means 30 s; did you mean "30ms"?',
    ]);
    expect(await page.textContent('[data-verdict="basis"]')).toBe('Statuses judged by: served >= 99.9 %. The simulated run itself cost cloud-run $0.10, vm $0.35; per month is that scaled to 730 hours, at the egress tiers and sustained-use discounts a whole month of it reaches.');
    // The platform's colour on the card is the one its lines have in the charts.
    const swatch = await page.$eval('table[data-table="verdict"] thead th:nth-child(2) .swatch', (el) => getComputedStyle(el).backgroundColor);
    const line = await page.$eval('[data-chart="cpu"] g[aria-label="line"] path', (el) => getComputedStyle(el).stroke);
    expect(line).toBe(swatch);

    const byName = Object.fromEntries(charts.map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual([
      'tornado',
      'traffic',
      'instances-cloud-run',
      'instances-vm',
      'cpu',
      'latency',
      'cold-start-wait',
      'cost-rate',
      'cost-cumulative',
      'cost-components',
    ]);
    // Charts over time: a line or area of ~1350 points (3 h at 1 s, in 8-s buckets) is a long path.
    for (const name of ['traffic', 'instances-cloud-run', 'instances-vm', 'cpu', 'cost-rate', 'cost-cumulative']) {
      expect(byName[name]!.marks, name).toBeGreaterThanOrEqual(2);
      expect(byName[name]!.longestPath, name).toBeGreaterThan(5000);
    }
    // Four rows, a bar at each end (8), the zero and baseline ticks in each row's panel (8).
    expect(byName.tornado!.marks).toBe(8 + 8);
    expect(await page.textContent('[data-sensitivity="summary"]')).toBe('Flips under 1 of the 4 rules Google does not publish: if cloud-run.maxIdle is 60m (vm recommended).');
    expect(await page.$$eval('table[data-table="sensitivity"] tbody tr.flipped', (trs) => trs.length)).toBe(1);
    // Its eleven columns fit the page at 1400 px: no sideways scrolling.
    expect(await page.$eval('table[data-table="sensitivity"]', (t) => [t.scrollWidth, t.parentElement!.clientWidth])).toSatisfy(([table, box]: number[]) => table! <= box!);
    // Six quantiles x two platforms as dots, each on its own grid rule; no label overlaps another.
    expect(byName.latency!.marks).toBe(12 + 12);
    expect(await overlappingLabels(page, 'latency')).toEqual([]);
    // Cloud Run's mean and p99 cold-start wait; the VMs have none, which the note says.
    expect(byName['cold-start-wait']!.marks).toBe(2 + 1); // and the zero rule
    expect(await page.textContent('body')).toContain('vm: VMs have no cold starts');
    // Cloud Run's one instance started in the first point: no near-empty chart of starts over time.
    expect(await page.textContent('body')).toContain('No instance started after the first 8 s of the run');
    expect(byName['cost-components']!.marks).toBeGreaterThanOrEqual(5);
    // The traffic legend names what is drawn: arrivals only, since no platform lost a request.
    expect(await page.$$eval('[data-chart="traffic"] .legend > span', (s) => s.map((e) => e.textContent))).toEqual(['arrivals (all platforms)']);
    // Every axis of a chart with a value axis names its unit.
    const units = await page.$$eval('[data-chart] g[aria-label="y-axis label"] text, [data-chart] g[aria-label="x-axis label"] text', (ts) => ts.map((t) => t.textContent ?? ''));
    for (const u of units) expect(u, u).toMatch(/\(|%|\$|ms|req\/s|instances|VMs|starting/);
    expect(await page.$$eval('table[data-table="summary"] tbody tr', (rows) => rows.length)).toBe(SUMMARY_FIELDS.length - 2); // all but scenario and platform

    // Narrowed in place, the page draws its charts again to the new width.
    // (The svg's own width attribute, not its box, which CSS alone would shrink.)
    expect(Number(await page.$eval('[data-chart="cpu"] svg', (s) => s.getAttribute('width')))).toBeGreaterThan(1000);
    await page.setViewportSize({ width: 400, height: 900 });
    await page.waitForFunction(() => Number(document.querySelector('[data-chart="cpu"] svg')?.getAttribute('width') ?? 1e9) <= 400, null, { timeout: 10_000 });
    expect(await overflow(page)).toEqual([]);
    await page.close();

    // At a phone's width: nothing sticks out sideways but inside the scrolling tables, every
    // chart is drawn to the width, and the card's labels do not overlap.
    const phone = await open(out, 400);
    await screenshot(phone.page, 'report-phone.png');
    expect(phone.problems).toEqual([]);
    expect(await overflow(phone.page)).toEqual([]);
    // The verdict card's tables fit the phone without scrolling sideways (the alternatives' seven
    // columns needed about 570 px), and no figure is split from its unit or cut.
    expect(await phone.page.$$eval('[data-card="verdict"] .scroll', (boxes) => boxes.map((b) => b.scrollWidth - b.clientWidth))).toEqual([0, 0]);
    const figures = await phone.page.$$eval('[data-card="verdict"] .num', (els) => els.map((e) => ({ text: e.textContent, lines: e.getClientRects().length, cut: e.getBoundingClientRect().right > (e.closest('td')?.getBoundingClientRect().right ?? 0) + 0.5 })));
    expect(figures.length).toBeGreaterThan(20);
    expect(figures.filter((f) => f.lines !== 1 || f.cut)).toEqual([]);
    const widths = await phone.page.$$eval('[data-chart] svg', (svgs) => svgs.map((s) => Number(s.getAttribute('width') ?? 1e9)));
    for (const w of widths) expect(w).toBeLessThanOrEqual(400);
    expect(await overlappingLabels(phone.page, 'latency')).toEqual([]);
    expect(await overlappingLabels(phone.page, 'tornado')).toEqual([]);
    await phone.page.close();
  });

  it.skipIf(!HAVE_CHROMIUM)('shows the real verdict of an overloaded run: the VMs are not recommended, and why', async () => {
    // The issue's case, shortened: 100 req/s at the weekday peak on two e2-medium VMs, 20 minutes.
    await writeRunDirectory(join(dir, 'overloaded'), ['traffic.meanRps=100', 'duration=20m', 'start=2026-01-05T12:00:00Z'], { verdict: true });
    const out = join(dir, 'overloaded.html');
    await writeReport(join(dir, 'overloaded'), out);
    const { page, problems } = await open(out, 400);
    await screenshot(page, 'report-overloaded-phone.png');
    expect(problems).toEqual([]);
    expect(await overflow(page)).toEqual([]);
    expect(await page.textContent('[data-verdict="headline"]')).toMatch(/^Choose cloud-run: .*vm .*overloaded/);
    const status = await page.$$eval('table[data-table="verdict"] tbody tr:first-child td', (tds) => tds.map((td) => td.textContent));
    expect(status).toEqual(['ok: keeps up', 'overloaded']);
    expect(await page.textContent('[data-verdict="reasons"]')).toMatch(/^vm .*rejected.* Try: add VMs/);
    // The lost requests are drawn, and the legend says whose they are.
    expect(await page.$$eval('[data-chart="traffic"] .legend > span', (s) => s.map((e) => e.textContent))).toEqual(['arrivals (all platforms)', 'vm: lost']);
    await page.close();
  });

  it.skipIf(!HAVE_CHROMIUM)('draws a sweep: metrics with bands against the grid, a frontier per traffic level, the break-even', async () => {
    const data = sweepReportData(sweepResults([1, 5, 20, 40], 3), ['cost_total_usd', 'latency_p95_s'], 'results.csv');
    const out = join(dir, 'sweep.html');
    writeFileSync(out, reportHtml(data, await chartLibraries(), 'sweep'));
    for (const width of [1400, 400]) {
      const { page, problems, charts } = await open(out, width);
      await screenshot(page, width === 1400 ? 'report-sweep.png' : 'report-sweep-phone.png');
      expect(problems).toEqual([]);
      expect(await overflow(page)).toEqual([]);
      expect(charts.map((c) => c.name)).toEqual([
        'metric-cost-total-usd-traffic-meanrps',
        'metric-latency-p95-s-traffic-meanrps',
        'frontier-traffic-meanrps-1',
        'frontier-traffic-meanrps-5',
        'frontier-traffic-meanrps-20',
        'frontier-traffic-meanrps-40',
      ]);
      // 2 bands, 2 lines, 8 dots; and the crossing's rule on the cost chart.
      expect(charts.slice(0, 2).map((c) => c.marks)).toEqual([2 + 2 + 8 + 1, 2 + 2 + 8]);
      // Two dots, the frontier's path and its rings per level: both points ringed where cloud-run
      // is cheaper (1 and 5 req/s), vm alone above the crossing at 10.
      expect(charts.slice(2).map((c) => c.marks)).toEqual([2 + 1 + 2, 2 + 1 + 2, 2 + 1 + 1, 2 + 1 + 1]);
      expect(await page.textContent('body')).toContain('traffic.meanRps ≈ 10');
      await page.close();
    }
  });

  it.skipIf(!HAVE_CHROMIUM)('draws a tornado of each platform\'s cost when there is one platform (no difference)', async () => {
    const r = sensitivityFixture();
    const one: SensitivityResult = {
      ...r,
      baseline: { ...r.baseline, costDifferenceUsd: null, platforms: r.baseline.platforms.slice(0, 1) },
      rows: r.rows.map((row) => ({ ...row, flips: false, at: { low: { ...row.at.low, costDifferenceUsd: null, platforms: row.at.low.platforms.slice(0, 1) }, high: { ...row.at.high, costDifferenceUsd: null, platforms: row.at.high.platforms.slice(0, 1) } } })),
    };
    const out = join(dir, 'tornado.html');
    writeFileSync(out, reportHtml(sensitivityReportData(one), await chartLibraries(), 'sensitivity'));
    for (const width of [1400, 400]) {
      const { page, problems, charts } = await open(out, width);
      if (width === 400) await screenshot(page, 'report-sensitivity-phone.png');
      expect(problems).toEqual([]);
      expect(await overflow(page)).toEqual([]);
      // Per row, cloud-run's low-to-high segment and its baseline dot; vm.boot leaves cloud-run's
      // cost where it was ($24.33 at both ends), so it is named under the chart, not drawn.
      expect(charts).toEqual([expect.objectContaining({ name: 'tornado', marks: 3 + 3 })]);
      expect(await page.textContent('[data-chart="tornado"] .note')).toBe('Not drawn, as they move every platform\'s cost by less than a cent a month: vm.boot.');
      expect(await overlappingLabels(page, 'tornado')).toEqual([]);
      await page.close();
    }
  });

  it.skipIf(!HAVE_CHROMIUM)('keeps break-even labels apart when crossings are close', async () => {
    // Two crossings 0.5 req/s apart in one panel: the second label goes on a line of its own.
    const base = sweepReportData(sweepResults([1, 5, 20, 40], 1), ['cost_total_usd'], 'results.csv');
    const data = { ...base, crossings: [base.crossings[0]!, { ...base.crossings[0]!, value: 10.5, lowerBelow: 'vm', lowerAbove: 'cloud-run' }] };
    const out = join(dir, 'crossings.html');
    writeFileSync(out, reportHtml(data, await chartLibraries(), 'crossings'));
    for (const width of [1400, 400]) {
      const { page, problems } = await open(out, width);
      expect(problems).toEqual([]);
      expect(await overlappingLabels(page, 'metric-cost-total-usd-traffic-meanrps')).toEqual([]);
      expect(await page.$$eval('[data-chart="metric-cost-total-usd-traffic-meanrps"] g[aria-label="text"] text', (t) => t.map((e) => e.textContent))).toEqual(['≈ 10', '≈ 10.5']);
      await page.close();
    }
  });
});
