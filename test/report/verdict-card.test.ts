import { describe, expect, it } from 'vitest';
import { reportHtml } from '../../src/report/html-page.js';
import { platformColors } from '../../src/report/platform-colors.js';
import { sensitivityReportData } from '../../src/report/sensitivity-data.js';
import { sensitivitySectionHtml, valueText } from '../../src/report/sensitivity-table.js';
import { figuresWhole, verdictCardHtml } from '../../src/report/verdict-card.js';
import type { Verdict } from '../../src/verdict/types.js';
import { sensitivityFixture, verdictFixture } from './fixtures.js';

/** The overloaded case: two e2-medium VMs at 100 req/s reject 31 % and look cheapest. */
function overloaded(): Verdict {
  const v = verdictFixture();
  const vm = v.platforms[1]!;
  return {
    ...v,
    recommended: 'cloud-run',
    headline: 'Choose cloud-run: $1,004/month; vm is cheaper ($487) but rejects 31 % of requests.',
    platforms: [v.platforms[0]!, { ...vm, status: 'overloaded', statusReason: 'rejects 31 % of requests at the weekday peak', advice: 'add VMs or use the MIG autoscaler', servedFraction: 0.69, latencyP50S: 20.8 }],
    difference: null,
    extrapolated: false,
    warnings: [],
  };
}

describe('verdictCardHtml', () => {
  it('keeps each figure with its unit, and labels the alternatives\' cells for a phone', () => {
    // A narrow column breaks at spaces: without the span ">= 99.9999 %" read ">=" / "99.9999" / "%".
    expect(figuresWhole('>= 99.9999 %')).toBe('&gt;= <span class="num">99.9999 %</span>');
    expect(figuresWhole('1 vCPU, 512 MiB, concurrency 80, keep-alive 10 min')).toBe('<span class="num">1 vCPU</span>, <span class="num">512 MiB</span>, concurrency 80, keep-alive <span class="num">10 min</span>');
    expect(figuresWhole('egress 57 %, CPU 4.1 %, p99 1,234 ms <b>')).toBe('egress <span class="num">57 %</span>, CPU <span class="num">4.1 %</span>, p99 <span class="num">1,234 ms</span> &lt;b&gt;');
    expect(figuresWhole('2 x e2-medium, 10 seconds')).toBe('2 x e2-medium, 10 seconds'); // no unit, or a word that only starts with one
    const html = verdictCardHtml(verdictFixture(), platformColors(['cloud-run', 'vm']));
    // Under 600 px each alternative is a block whose figures are led by these labels (html-page.ts).
    expect(html).toMatch(/<tr><td class="platform">vm<\/td><td class="text change" data-label="with">3-year committed use discount<\/td><td class="num" data-label="per month">\$22<\/td><td class="num" data-label="against now">-\$63<\/td>/);
    expect(html).toContain('<strong class="num">$24</strong>');
  });

  it('lays the alternatives out as blocks under 600 px and never wraps a figure (the page\'s stylesheet)', () => {
    const css = /<style>([^]*)<\/style>/.exec(reportHtml(sensitivityReportData(sensitivityFixture()), [], 'stylesheet'))?.[1] ?? '';
    expect(css).toContain('.verdict .num { white-space: nowrap; }');
    const phone = css.slice(css.indexOf('@media (max-width: 600px)'));
    expect(phone).toContain('table[data-table="alternatives"], table[data-table="alternatives"] tbody, table[data-table="alternatives"] tr { display: block; }');
    expect(phone).toContain('table[data-table="alternatives"] thead { display: none; }');
    expect(phone).toContain('table[data-table="alternatives"] td[data-label]::before { content: attr(data-label) " "; color: #56657a; }');
  });

  it('says why an overloaded platform is not recommended, and what to try', () => {
    const html = verdictCardHtml(overloaded(), platformColors(['cloud-run', 'vm']));
    expect(html).toContain('<ul class="reasons" data-verdict="reasons"><li><strong>vm</strong> rejects 31 % of requests at the weekday peak. Try: add VMs or use the MIG autoscaler.</li></ul>');
    expect(html).toContain('<span class="status status-overloaded">overloaded</span>');
    expect(html).toContain('<td><span class="num">20.8 s</span></td>'); // a p50 over a second reads in seconds
    expect(html).toContain('<td><span class="num">69.0 %</span></td>'); // formatServedText, as sim run writes it
    expect(html).not.toContain('data-verdict="warnings"'); // not extrapolated, no warnings
    expect(html).not.toContain('Difference:');
  });

  it('says so when no platform keeps up', () => {
    const v = overloaded();
    const none: Verdict = { ...v, recommended: null, platforms: v.platforms.map((p) => ({ ...p, status: 'misses-slo', statusReason: 'p99 1.2 s is over the 500 ms objective', advice: null })) };
    const html = verdictCardHtml(none, platformColors(['cloud-run', 'vm']));
    expect(html).toContain('<strong>No platform keeps up: none is recommended.</strong>');
    expect(html).not.toContain('class="chosen"');
    expect(html.match(/status-misses-slo/g)).toHaveLength(2);
    expect(html).toContain('<strong>cloud-run</strong> p99 1.2 s is over the 500 ms objective.</li>');
  });

  it('labels the break-even once: the hint of the verdict carries its own lead-in and value', () => {
    const v = verdictFixture();
    const hint = 'Break-even traffic: traffic.meanRps ≈ 45.2 req/s; cloud-run is cheaper below it, vm above (sim breakeven, 10 values simulated).';
    const html = verdictCardHtml({ ...v, breakeven: { parameter: 'traffic.meanRps', value: 45.2, hint } }, platformColors(['cloud-run', 'vm']));
    expect(html).toContain(
      '<p class="breakeven" data-verdict="breakeven"><strong>Break-even traffic:</strong> traffic.meanRps ≈ 45.2 req/s; cloud-run is cheaper below it, vm above (sim breakeven, 10 values simulated).</p>',
    );
    expect(html.match(/Break-even/g)).toHaveLength(1);
    // The command of a search too long to run here is set as code, as the terminal quotes it.
    const command = "Break-even traffic: `sim breakeven 'my dir/x.json' --vary traffic.rps` (about 3 min at 300,000 simulated requests/s).";
    const hinted = verdictCardHtml({ ...v, breakeven: { parameter: 'traffic.rps', value: null, hint: command } }, platformColors(['cloud-run', 'vm']));
    expect(hinted).toContain('<strong>Break-even traffic:</strong> <code>sim breakeven &#39;my dir/x.json&#39; --vary traffic.rps</code> (about 3 min at 300,000 simulated requests/s).</p>');
  });

  it('sets the command that finishes a remedy search as code, its words escaped', () => {
    const v = verdictFixture();
    const note = "less may keep up too: 3 VMs to 8 VMs not simulated (past sim run's 10 s budget: `sim optimize x.json --grid vm.count=3,4 --slo 'reject<=0.001'` tries them, about 4 min on one core); 1 simulation";
    const searched = { ...v.alternatives[0]!, platform: 'vm', change: '9 VMs instead of 2', simulated: true, search: { simulations: 1, fewest: false, note } };
    const html = verdictCardHtml({ ...v, alternatives: [searched] }, platformColors(['cloud-run', 'vm']));
    expect(html).toContain(
      'simulated; less may keep up too: 3 VMs to 8 VMs not simulated (past sim run&#39;s 10 s budget: <code>sim optimize x.json --grid vm.count=3,4 --slo &#39;reject&lt;=0.001&#39;</code> tries them, about 4 min on one core); 1 simulation</td>',
    );
  });

  it('says what an alternative makes the choice, or that none keeps up; "changes the choice" for a verdict.json from before', () => {
    const v = verdictFixture();
    const a = v.alternatives[0]!;
    const cells = (alternative: typeof a): string => {
      const html = verdictCardHtml({ ...v, alternatives: [alternative] }, platformColors(['cloud-run', 'vm']));
      return /<td class="text">(<strong class="flips">[^<]*<\/strong>|same choice)<\/td>/.exec(html)?.[1] ?? '';
    };
    expect(cells({ ...a, flipsVerdict: true, recommendedWith: 'vm' })).toBe('<strong class="flips">makes vm the choice</strong>');
    expect(cells({ ...a, flipsVerdict: true, recommendedWith: null })).toBe('<strong class="flips">none keeps up</strong>');
    const { recommendedWith: _, ...before } = { ...a, flipsVerdict: true };
    expect(cells(before)).toBe('<strong class="flips">changes the choice</strong>');
    expect(cells({ ...a, flipsVerdict: false, recommendedWith: 'cloud-run' })).toBe('same choice');
  });

  it('says whether the verdict holds over the assumptions, or gives the command; nothing for a verdict.json written before the field', () => {
    const v = verdictFixture();
    const colors = platformColors(['cloud-run', 'vm']);
    const ran = verdictCardHtml(v, colors);
    expect(ran).toContain(
      '<p class="sensitivity" data-verdict="sensitivity"><strong>Assumptions:</strong> the verdict flips under 1 of the 4 rules Google does not publish: if cloud-run.maxIdle is 60m (vm recommended) (4 ranges in models/; <code>sim sensitivity workloads/diurnal.json --seed 7</code> gives the whole table).</p>',
    );
    // Only the unpublished rules were checked (holds null, a summary): said so, with the command for all.
    const partial = verdictCardHtml({ ...v, sensitivity: { ...v.sensitivity!, holds: null } }, colors);
    expect(partial).toContain(
      '(only the unpublished rules of the 4 ranges in models/ were checked here; <code>sim sensitivity workloads/diurnal.json --seed 7</code> checks them all).</p>',
    );
    const hint = verdictCardHtml({ ...v, sensitivity: { ...v.sensitivity!, holds: null, summary: null } }, colors);
    expect(hint).toContain('<strong>Assumptions:</strong> <code>sim sensitivity workloads/diurnal.json --seed 7</code> says whether the verdict holds under each of the 4 ranges in models/ (4 rules Google does not publish; 10 simulations).</p>');
    // A verdict.json written before assumptions had kinds: the count alone.
    const { kinds: _k, ...noKinds } = v.sensitivity!;
    expect(verdictCardHtml({ ...v, sensitivity: { ...(noKinds as typeof v.sensitivity & object), holds: null, summary: null } }, colors)).toContain('each of the 4 ranges in models/ (10 simulations).</p>');
    const { sensitivity: _, ...older } = v;
    expect(verdictCardHtml(older as Verdict, colors)).not.toContain('data-verdict="sensitivity"');
  });

  it('escapes every string of the verdict: platform names are user text', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const v = verdictFixture();
    const hostile: Verdict = {
      ...v,
      recommended: evil,
      headline: `Choose ${evil}`,
      platforms: v.platforms.map((p, i) => (i === 0 ? { ...p, platform: evil, configuration: '"quoted" & <b>' } : p)),
      alternatives: v.alternatives.map((a) => ({ ...a, platform: evil, change: '</td><script>' })),
      breakeven: { parameter: '<x>', value: 1, hint: '<y>' },
      sensitivity: { ranges: 1, simulations: 3, holds: 1, kinds: [{ kind: 'unpublished', total: 1, holds: 1 }], flips: [], summary: '<s>', command: '<c>', hint: '<h>' },
      lines: ['</pre><script>alert(1)</script>'],
      objectives: ['<objective>'],
      warnings: ['<warning>'],
    };
    const html = verdictCardHtml(hostile, platformColors([evil, 'vm']));
    expect(html).not.toMatch(/<img|<script|<b>|<x>|<y>|<s>|<c>|<warning>|<objective>/);
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&quot;quoted&quot; &amp; &lt;b&gt;');
  });

  it('is the same text for the same verdict', () => {
    const colors = platformColors(['cloud-run', 'vm']);
    expect(verdictCardHtml(verdictFixture(), colors)).toBe(verdictCardHtml(verdictFixture(), colors));
  });
});

describe('sensitivitySectionHtml', () => {
  it('writes the summary, one row per assumption in the given order, and marks the flip', () => {
    const html = sensitivitySectionHtml(sensitivityFixture());
    expect(html).toContain('<p class="headline" data-sensitivity="summary">Flips under 1 of the 4 rules Google does not publish: if cloud-run.maxIdle is 60m (vm recommended).</p>');
    // Each row says whose unknown it is; a file written before rows had a kind shows none.
    expect(html).toContain('<code>vm.boot</code> <span class="kind" data-kind="unpublished">unpublished rule</span><br>');
    const old = sensitivityFixture();
    for (const row of old.rows) delete (row as Partial<typeof row>).kind;
    expect(sensitivitySectionHtml(old)).not.toContain('class="kind"');
    const rows = [...html.matchAll(/<tr( class="flipped")?><td><code>([^<]+)<\/code>/g)].map((m) => [m[2], m[1] !== undefined]);
    expect(rows).toEqual([
      ['cloud-run.maxIdle', true],
      ['cloud-run.billingRounding', false],
      ['cloud-run.scaleInDelay', false],
      ['vm.boot', false],
    ]);
    // At the high end of maxIdle vm is $7.23 cheaper than cloud-run: a negative difference.
    // Figures never break; a cell wraps only between them (the table is 11 columns wide).
    expect(html).toContain('<td><span class="fig">$66</span></td><td><span class="fig">-$7.23</span></td>');
    expect(html).toContain('<td><span class="fig">cloud-run /</span> <span class="fig">vm</span></td>');
    expect(html).toContain('<th><span class="fig">cloud-run</span><br>per month<br>low / high</th>');
    expect(html).toContain('1 assumption that does not apply here');
    expect(html).toContain('span 30 s to 5 min (the scenario sets this parameter itself: the range is taken around its value)</span>');
  });

  it('shows each platform\'s cost when there is no difference (one platform)', () => {
    const r = sensitivityFixture();
    const one = { ...r, baseline: { ...r.baseline, costDifferenceUsd: null, platforms: r.baseline.platforms.slice(0, 1) } };
    const html = sensitivitySectionHtml(one);
    expect(html).not.toContain('difference<br>at low');
    expect(html).toContain('The bars show each platform\'s cost per month from the low to the high end.');
  });
});

describe('sensitivitySectionHtml at a baseline whose runner-up is cheaper but overloaded', () => {
  it('says the runner-up costs less but does not keep up, not that the recommendation is "-$X cheaper"', () => {
    const fixture = sensitivityFixture();
    const html = sensitivitySectionHtml({ ...fixture, baseline: { ...fixture.baseline, costDifferenceUsd: -1810 } });
    expect(html).toContain('the runner-up costs $1,810 a month less but does not keep up.');
    expect(html).not.toContain('a month cheaper than the runner-up');
    expect(sensitivitySectionHtml(fixture)).toContain('a month cheaper than the runner-up.');
  });
});

describe('valueText', () => {
  it('writes a parameter value as people read it', () => {
    expect(valueText('60s')).toBe('60s');
    expect(valueText(0.6)).toBe('0.6');
    expect(valueText(null)).toBe('none');
    expect(valueText({ dist: 'lognormal', mean: '1.8s', cv: 0.4 })).toBe('lognormal, mean 1.8s, cv 0.4');
    expect(valueText({ type: 'pd-balanced', sizeGB: 10 })).toBe('pd-balanced, sizeGB 10');
  });
});

describe('platformColors', () => {
  it('gives each platform its own colour, in scenario order', () => {
    expect(platformColors(['a', 'b', 'c'])).toEqual({ a: '#4e79a7', b: '#f28e2c', c: '#59a14f' });
  });
});
