import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudRunBilling } from '../../src/billing/cloud-run-billing.js';
import { Ledger } from '../../src/billing/ledger.js';
import { runCommand } from '../../src/cli/run.js';
import { constant } from '../helpers/specs.js';
import { GIB, HOUR, JAN_1, JAN_H, cloudRun, cloudRunPlatform } from './helpers.js';

/**
 * Cloud Run billing rules over whole platform runs and free tiers, against closed forms from
 * docs/gcp-facts.md. Specs come from file-form entries (preset: 1 vCPU, 512 MiB, Tier 1).
 */

const CPU = 0.000024; // request-based $/vCPU-s
const MEM = 0.5 * 0.0000025; // request-based $/s for 0.5 GiB
const IDLE = 1 * 0.0000025 + 0.5 * 0.0000025; // min instance between requests, $/s
const INSTANCE = 1 * 0.000018 + 0.5 * 0.000002; // instance-based $/s

describe('request-based billing over a platform run', () => {
  it('a min instance over a known idle stretch: start-up and request at the full rate, the rest idle', () => {
    const h = cloudRunPlatform(cloudRun({ minInstances: 1, coldStart: '2s', minInstancesStart: 'cold' }));
    h.send(100, { io: 1 }); // the min instance (ready at 2) serves 100..101
    h.sim.run(1000);
    h.platform.close(1000);
    const l = h.platform.ledger;
    // Billable 0..2 (start-up) and 100..101: 3 s x (0.000024 + 0.00000125) = 0.00007575.
    expect(l.component('cpu', 1000) + l.component('memory', 1000)).toBeCloseTo(3 * (CPU + MEM), 15);
    // Idle 2..100 and 101..1000 = 98 + 899 = 997 s x 0.00000375 = 0.00373875.
    expect(l.component('idle', 1000)).toBeCloseTo(997 * IDLE, 15);
    expect(l.component('requests', 1000)).toBeCloseTo(0.4e-6, 18);
  });

  it('a warm min instance (minInstancesStart "warm"): no start counted, no start-up billed, idle from 0', () => {
    const h = cloudRunPlatform(cloudRun({ minInstances: 1, coldStart: '2s', minInstancesStart: 'warm' }));
    h.send(100, { io: 1 });
    h.sim.run(1000);
    h.platform.close(1000);
    const l = h.platform.ledger;
    // Billable only 100..101: 1 s x 0.00002525; idle 0..100 and 101..1000 = 999 s x 0.00000375.
    expect(l.component('cpu', 1000) + l.component('memory', 1000)).toBeCloseTo(CPU + MEM, 15);
    expect(l.component('idle', 1000)).toBeCloseTo(999 * IDLE, 15);
    expect(h.platform.stats.all.instanceStarts).toBe(0);
  });

  it('min-instances idle fee: max(0, min - busy) of the idle instances (cloud.google.com/run/docs/configuring/min-instances)', () => {
    // Google's example: min 10, 0 active -> 10 idle billed; 6 active -> 4.
    const ledger10 = new Ledger();
    const b10 = new CloudRunBilling(ledger10, cloudRun({ minInstances: 10 }));
    b10.idleInstances(0, 10, 0);
    b10.idleInstances(100, 4, 6);
    // 100 s x 10 + 100 s x 4 = 1400 instance-seconds at 0.00000375 $/s = 0.00525.
    expect(ledger10.component('idle', 200)).toBeCloseTo(1400 * IDLE, 15);
    // Above the minimum: min 3, 2 busy and 3 idle -> 1 billed idle (not min(3, 3) = 3).
    const ledger3 = new Ledger();
    new CloudRunBilling(ledger3, cloudRun({ minInstances: 3 })).idleInstances(0, 3, 2);
    expect(ledger3.component('idle', 100)).toBeCloseTo(100 * IDLE, 15);
  });

  it('shutdown: the process exits after its shutdown time, billed, capped by the grace period', () => {
    const run = (shutdown: string) => {
      const h = cloudRunPlatform(cloudRun({ coldStart: '1s', shutdownGrace: '10s', shutdown, minInstancesStart: 'cold', idleRetention: '0s' }));
      h.send(0, { io: 2 }); // billable 0..3; idle from 3, retired at 905 (idle cap 900 s, 5-s ticks)
      h.sim.run(2000);
      return h.platform.ledger.component('cpu', 2000) + h.platform.ledger.component('memory', 2000);
    };
    // Exit after 300 ms: 3 s + 0.3 s = 3.3 s; an app that ignores SIGTERM (30 s) is killed at 10 s: 13 s.
    expect(run('300ms')).toBeCloseTo(3.3 * (CPU + MEM), 15);
    expect(run('30s')).toBeCloseTo(13 * (CPU + MEM), 15);
  });

  it('graceful shutdown: the 10 s after SIGTERM are billed', () => {
    const run = (shutdownGrace: string) => {
      const h = cloudRunPlatform(cloudRun({ coldStart: '1s', shutdownGrace, shutdown: '10s' }));
      h.send(0, { io: 2 }); // billable 0..3; idle from 3, retired at 905 (idle cap 900 s, 5-s ticks)
      h.sim.run(2000);
      return h.platform.ledger.component('cpu', 2000) + h.platform.ledger.component('memory', 2000);
    };
    // With grace: 3 s + 10 s (905..915) = 13 s; without: 3 s. The difference is 10 s x 0.00002525.
    expect(run('10s')).toBeCloseTo(13 * (CPU + MEM), 15);
    expect(run('0s')).toBeCloseTo(3 * (CPU + MEM), 15);
  });
});

describe('instance-based billing', () => {
  it('one-minute minimum: an instance that lives 20 s bills 60 s, no request fee', () => {
    const h = cloudRunPlatform(cloudRun({ billing: 'instance', coldStart: '1s' }));
    h.send(0, { io: 2 });
    h.sim.run(20);
    h.platform.close(20);
    // 60 s x (0.000018 + 0.5 x 0.000002) = 0.00114
    expect(h.platform.ledger.total(20)).toBeCloseTo(60 * INSTANCE, 15);
    expect(h.platform.ledger.component('requests', 20)).toBe(0);
  });
});

describe('free tier, request-based (180,000 vCPU-s, 360,000 GiB-s, 2 million requests a month)', () => {
  it('a billable stretch across a month boundary uses each month\'s allowance; exact at the month end', () => {
    const spec = cloudRun({}, { start: JAN_1, billing: { freeTier: true } });
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, spec);
    billing.billableStart(0);
    const endJan = JAN_H * HOUR; // 2,678,400 s
    // January: cpu 2,678,400 x 0.000024 = 64.2816, free 180,000 x 0.000024 = 4.32;
    // memory 0.5 GiB: 1,339,200 GiB-s, free 360,000 x 0.0000025 = 0.90.
    expect(ledger.component('discount', endJan)).toBeCloseTo(-(4.32 + 0.9), 12);
    expect(ledger.total(endJan)).toBeCloseTo(endJan * (CPU + MEM) - 5.22, 9);
    // Ten days into February: the allowance is fresh: 864,000 s x 0.000024 = 20.736 > 4.32 and
    // 432,000 GiB-s > 360,000, so another 4.32 + 0.90 off.
    const end = endJan + 10 * 86400;
    billing.billableEnd(end, 0);
    expect(ledger.component('discount', end)).toBeCloseTo(-2 * 5.22, 12);
  });

  it('a small month is entirely free', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({}, { billing: { freeTier: true } }));
    billing.billableStart(0);
    billing.request(0);
    billing.billableEnd(1000.05, 0); // billed 1000.1 s
    // 1000.1 s x (0.000024 + 0.00000125) = 0.025252525; one request 0.0000004. All free.
    expect(ledger.total(2000)).toBeCloseTo(0, 15);
    expect(ledger.component('discount', 2000)).toBeCloseTo(-(1000.1 * (CPU + MEM) + 0.4e-6), 15);
  });

  it('2 million requests a month, counted exactly; a new month starts over', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({}, { billing: { freeTier: true } }));
    for (let i = 0; i < 2_000_005; i++) billing.request(1);
    // 2,000,005 x 0.0000004 = 0.800002 on the requests line, 2,000,000 x 0.0000004 = 0.8 back.
    expect(ledger.component('requests', 1)).toBeCloseTo(0.800002, 12);
    expect(ledger.component('discount', 1)).toBeCloseTo(-0.8, 12);
    billing.request(JAN_H * HOUR); // time 0 is 1 January: this is 1 February 00:00
    expect(ledger.component('discount', JAN_H * HOUR)).toBeCloseTo(-0.8000004, 12);
  });

  it('does not cover the idle rate of min instances', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({ minInstances: 1 }, { billing: { freeTier: true } }));
    billing.idleInstances(0, 1);
    expect(ledger.total(1000)).toBeCloseTo(1000 * IDLE, 15);
  });

  it('1 GiB of egress a month', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({}, { billing: { freeTier: true } }));
    billing.egress(4 * GIB, 10);
    // 4 x 0.12 = 0.48; 1 x 0.12 free.
    expect(ledger.component('network', 10)).toBeCloseTo(0.48, 12);
    expect(ledger.component('discount', 10)).toBeCloseTo(-0.12, 12);
  });
});

describe('free tier, instance-based (240,000 vCPU-s, 450,000 GiB-s a month)', () => {
  it('300,000 s of one instance: 60,000 vCPU-s paid, memory free', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({ billing: 'instance' }, { billing: { freeTier: true } }));
    billing.instanceCreated(0);
    billing.instanceGone(300_000, 0);
    // cpu 300,000 x 0.000018 = 5.40, free 240,000 x 0.000018 = 4.32;
    // memory 150,000 GiB-s x 0.000002 = 0.30, all free (< 450,000).
    expect(ledger.component('discount', 300_000)).toBeCloseTo(-(4.32 + 0.3), 12);
    expect(ledger.total(300_000)).toBeCloseTo(1.08, 12);
  });
});

describe('reachable from a scenario file and the CLI', () => {
  it('billing.freeTier and sim run --free-tier', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scalesim-billing-'));
    const file = join(dir, 'free.json');
    writeFileSync(
      file,
      JSON.stringify({
        name: 'free',
        duration: '1h',
        traffic: { type: 'poisson', rps: 0.5 },
        requests: { cpu: '10ms', responseBytes: '512B' },
        platforms: [{ name: 'run', model: 'cloud-run', coldStart: constant(1) }],
      }),
    );
    const discount = async (freeTier: boolean): Promise<number> => {
      let out = '';
      await runCommand(file, { seed: 1, set: [], format: 'json', timelineStep: 1, freeTier }, (text) => (out += text));
      return (JSON.parse(out) as { records: { cost_discount_usd: number; cost_total_usd: number }[] }).records[0]!.cost_discount_usd;
    };
    expect(await discount(false)).toBe(0);
    // An hour is 1/744 of January's allowances (prorated, free-tier-share.ts): 2,000,000 / 744 =
    // 2,688 requests, 1 GiB / 744 = 1.44 MB of egress, 242 vCPU-s. An hour at 0.5 rps (about
    // 1,800 requests of 10 ms and 512 B: 0.9 MB, 18 vCPU-s plus cold starts) is inside each.
    expect(await discount(true)).toBeLessThan(0);
    let out = '';
    await runCommand(file, { seed: 1, set: [], format: 'json', timelineStep: 1, freeTier: true }, (text) => (out += text));
    expect((JSON.parse(out) as { records: { cost_total_usd: number }[] }).records[0]!.cost_total_usd).toBeCloseTo(0, 12);
  });
});
