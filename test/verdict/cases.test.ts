import { describe, expect, it } from 'vitest';
import { runPlatform } from '../../src/experiment/run.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runWithAlternatives } from '../../src/verdict/alternatives.js';
import { buildVerdict } from '../../src/verdict/build-verdict.js';
import { verdictToJson } from '../../src/output/verdict-json.js';

/**
 * The three cases of issue 11 on workloads/diurnal.json, shortened (the afternoon around the
 * 14:00 peak of a Monday instead of a week or a day; warm-up off):
 * 1. the quickstart: both keep up and the VMs are cheaper;
 * 2. meanRps=100: the two e2-medium VMs reject about a third of the requests yet look cheaper;
 * 3. meanRps=200 with an unbounded VM backlog: the backlog grows without bound, nothing of it
 *    completes within the request timeout after a while.
 * In 2 and 3 Cloud Run is recommended, the VMs never are, and the verdict says why and what to try.
 */
function verdictOf(sets: string[]) {
  const file = 'workloads/diurnal.json';
  const base = ['start=2026-01-05T13:00:00Z', 'warmup=0', ...sets];
  const scenario = loadScenario(file, base);
  const { records, alternatives } = runWithAlternatives(scenario, { seed: 42 }, (more) => loadScenario(file, [...base, ...more]));
  return { records, verdict: buildVerdict({ scenario, records, alternatives }) };
}

/** The VMs' status with `count` VMs, simulated on its own (the same requests as the verdict's run). */
function vmStatusWith(sets: string[], count: number) {
  const scenario = loadScenario('workloads/diurnal.json', ['start=2026-01-05T13:00:00Z', 'warmup=0', ...sets, `vm.count=${count}`]);
  return runPlatform(scenario, scenario.platforms.find((p) => p.name === 'vm')!, { seed: 42, replication: 0 }).status;
}

/** The count of a "7 VMs instead of 2" change. */
const countOf = (change: string): number => Number(/^(\d+) VMs instead of 2$/.exec(change)![1]);

describe('the verdict on the three cases of issue 11', () => {
  it('the quickstart (1 hour at the peak): choose vm, both keep up, an extrapolation of a weekly pattern', () => {
    const { records, verdict } = verdictOf(['duration=1h']);
    expect(records.map((r) => r.status)).toEqual(['ok', 'ok']);
    expect(verdict.recommended).toBe('vm');
    expect(verdict.headline).toMatch(/^Choose vm: \$[\d,]+\/month, \$[\d,]+ \(\d+ %\) less than cloud-run; both keep up\.$/);
    expect(verdict.extrapolated).toBe(true);
    expect(verdict.trafficPeriodS).toBe(7 * 86_400);
    expect(verdict.difference!.cheaper).toBe('vm');
    expect(verdict.platforms.map((p) => p.configuration)).toEqual([
      '2 x e2-medium, 2 workers each, asyncio, on-demand, backlog 1000 per VM',
      '1 vCPU, 512 MiB, concurrency 80, min 0, max 100, request-based, asyncio',
    ]);
    // Egress is the largest line of the VMs' bill (16 KiB responses at $0.12/GiB; the VMs themselves are cheap).
    expect(verdict.platforms[0]!.costDrivers[0]!.component).toBe('network');
    expect(verdict.lines.join('\n')).toContain('What the bill is made of:');
    console.log(verdict.lines.join('\n'));
  });

  it('meanRps=100: the VMs reject about a third, look cheaper, and are not recommended', () => {
    const { records, verdict } = verdictOf(['duration=30m', 'traffic.meanRps=100']);
    const vm = records.find((r) => r.platform === 'vm')!;
    const run = records.find((r) => r.platform === 'cloud-run')!;
    expect(vm.status).toBe('overloaded');
    expect(vm.requests_rejected / vm.requests_arrived).toBeGreaterThan(0.25);
    expect(vm.cost_per_month_usd).toBeLessThan(run.cost_per_month_usd); // looks cheaper
    expect(run.status).toBe('ok');
    expect(verdict.recommended).toBe('cloud-run');
    expect(vm.rank).toBe(2);
    // ... and the headline says what the search below found: with enough VMs they keep up and would be the choice.
    expect(verdict.headline).toMatch(/^Choose cloud-run: \$[\d,]+\/month; vm looks cheaper at \$[\d,]+\/month but is overloaded\. vm keeps up with \d+ VMs instead of 2, at \$[\d,]+\/month, which would make it the choice\.$/);
    const why = verdict.platforms.find((p) => p.platform === 'vm')!;
    expect(why.statusReason).toMatch(/^loses \d+ % of requests \(\d+ % rejected/);
    expect(why.advice).toBe('add VMs (count, now 2) or use the MIG autoscaler (autoscaling.mode "on")');
    // Committed use of the same 2 VMs is billed from the same overloaded run: no change.
    const billed = verdict.alternatives.filter((a) => a.platform === 'vm' && !a.simulated);
    expect(billed.length).toBe(2);
    expect(billed.every((a) => a.status === 'overloaded' && !a.flipsVerdict)).toBe(true);
    // What would let the VMs keep up, searched: the advice's estimate first (enough VMs for the load
    // the 2 turned away, 1.25 x 2 / served = 8, smaller than the 9 the offered CPU asks for at 60 %),
    // then down by bisection to the least count that keeps up.
    const remedy = verdict.alternatives.find((a) => a.platform === 'vm' && a.simulated)!;
    const least = countOf(remedy.change);
    expect(remedy.search).toMatchObject({ fewest: true });
    expect(least).toBeLessThanOrEqual(8);
    // Checked apart from the search: one VM fewer does not keep up.
    expect(vmStatusWith(['duration=30m', 'traffic.meanRps=100'], least - 1)).not.toBe('ok');
    // It keeps up, and then the VMs are the cheaper choice: the answer would change.
    expect(remedy.status).toBe('ok');
    expect(remedy.costPerMonthUsd).toBeLessThan(run.cost_per_month_usd);
    expect(remedy.flipsVerdict).toBe(true);
    expect(verdict.lines.join('\n')).toContain(`vm         with ${least} VMs instead of 2: $`);
    expect(verdict.lines.join('\n')).toContain(`(simulated; the least that keeps up, not with ${least - 1} VMs; ${remedy.search!.simulations} simulations)`);
    console.log(verdict.lines.join('\n'));
  });

  it('meanRps=200, unbounded backlog: the VM backlog grows without bound; cloud-run recommended', () => {
    const { records, verdict } = verdictOf(['duration=30m', 'traffic.meanRps=200', 'vm.queueLimit=unbounded']);
    const vm = records.find((r) => r.platform === 'vm')!;
    expect(vm.status).toBe('overloaded');
    // Offered about 340 req/s at the peak against 133 req/s of capacity (4 workers / 30 ms).
    expect(vm.backlog_growth_per_s).toBeGreaterThan(100);
    expect(vm.requests_timed_out + vm.requests_unfinished).toBeGreaterThan(0.5 * vm.requests_arrived);
    expect(verdict.recommended).toBe('cloud-run');
    const why = verdict.platforms.find((p) => p.platform === 'vm')!;
    expect(why.statusReason).toContain('its backlog grows without bound');
    expect(why.advice).toContain('bound the backlog (queueLimit)');
    // Late answers count as lost, so served says 25 times the fleet; the CPU offered (about 400 req/s x
    // 30 ms over 1 vCPU at 60 %) asks for 20, which keeps up; the search goes down from there to the
    // least that does, and one VM fewer does not.
    const remedy = verdict.alternatives.find((a) => a.platform === 'vm' && a.simulated)!;
    const least = countOf(remedy.change);
    expect(least).toBeLessThanOrEqual(20);
    expect(remedy.status).toBe('ok');
    expect(remedy.search).toMatchObject({ fewest: true });
    expect(vmStatusWith(['duration=30m', 'traffic.meanRps=200', 'vm.queueLimit=unbounded'], least - 1)).not.toBe('ok');
    console.log(verdict.lines.join('\n'));
  });

  it('the verdict is the same JSON for the same seed', () => {
    const a = verdictToJson(verdictOf(['duration=20m']).verdict);
    const b = verdictToJson(verdictOf(['duration=20m']).verdict);
    expect(b).toBe(a);
  });
});
