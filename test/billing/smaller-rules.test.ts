import { describe, expect, it } from 'vitest';
import { CloudRunBilling } from '../../src/billing/cloud-run-billing.js';
import { Ledger } from '../../src/billing/ledger.js';
import { expectInputError } from '../scenario/helpers.js';
import { GIB, HOUR, cloudRun, fleet, resolved, vm } from './helpers.js';

/** Issue 10, item 6: the smaller billing rules, each against a hand-computed example. */

describe('Spot price inside Google\'s stated 60-91 % range (catalog snapshot of 2026-07-30)', () => {
  const hourly = (entry: Record<string, unknown>) => {
    const s = vm({ count: 1, pricing: 'spot', ...entry });
    return s.prices.cpuHour + s.prices.memoryHour;
  };
  it.each([
    // e2-medium: snapshot 0.020106 is 40 % off 0.0335057, outside the range: taken at 60 % off, 0.0335057 x 0.4.
    ['e2-medium', 0.0335057 * 0.4],
    // n2-standard-2: snapshot 0.04606 is 52.6 % off 0.097118: taken at 60 % off.
    ['n2-standard-2', 0.097118 * 0.4],
    // n1-standard-1: snapshot 0.0167525 is 64.7 % off, inside the range: kept.
    ['n1-standard-1', 0.0167525],
  ])('%s: %d $/h', (machineType, expected) => expect(hourly({ machineType })).toBeCloseTo(expected, 12));

  it('spotDiscount sets it: 0.91 off e2-medium is 0.0335057 x 0.09', () => {
    expect(hourly({ machineType: 'e2-medium', spotDiscount: 0.91 })).toBeCloseTo(0.0335057 * 0.09, 12);
  });
});

describe('external IPv4 on Spot VMs: $0.0025/h (standard VMs $0.005/h)', () => {
  it('one Spot e2-medium with an external IP for 10 h: the IP costs 10 x 0.0025', () => {
    const ip = (pricing: string) => fleet(vm({ count: 1, pricing, disk: null, externalIp: true, externalLoadBalancer: false })).close(10 * HOUR).component('fixed', 10 * HOUR);
    expect(ip('spot')).toBeCloseTo(0.025, 12);
    expect(ip('on-demand')).toBeCloseTo(0.05, 12);
  });
});

describe('load balancer data processing, inbound and outbound ($0.008/GiB each way)', () => {
  it('a 1 GiB request and a 2 GiB response: 3 GiB processed, $0.024 on fixed', () => {
    const spec = vm({ count: 2, disk: null, externalIp: false, externalLoadBalancer: true });
    const f = fleet(spec);
    f.sim.at(10, () => f.platform.arrive({ id: 0, arrival: 10, cpu: 0, io: 0, bytes: 2 * GIB, requestBytes: GIB }));
    const l = f.close(HOUR);
    // Forwarding rule 1 h x $0.025 + 3 GiB x $0.008 = 0.025 + 0.024.
    expect(l.component('fixed', HOUR)).toBeCloseTo(0.025 + 0.024, 12);
  });

  it('requests.requestBytes resolves like responseBytes', () => {
    const s = resolved([{ name: 'vm', model: 'compute-engine' }]);
    expect(s.requests.requestBytes).toEqual({ dist: 'constant', value: 0 });
  });
});

describe('Cloud Run free tier in a Tier 2 region is valued at Tier 1 prices', () => {
  it('europe-west2: 180,000 vCPU-s x $0.000024 = $4.32 of cpu free a month, not 180,000 x $0.0000336', () => {
    const ledger = new Ledger();
    const billing = new CloudRunBilling(ledger, cloudRun({ region: 'europe-west2' }, { billing: { freeTier: true } }));
    billing.billableStart(0);
    billing.billableEnd(200_000, 0); // 200,000 vCPU-s of 1 vCPU at $0.0000336: $6.72 of cpu
    // cpu free: $4.32; memory 200,000 s x 0.5 GiB = 100,000 GiB-s, all inside 360,000: all free.
    expect(ledger.component('cpu', 200_000)).toBeCloseTo(6.72, 9);
    expect(ledger.component('cpu', 200_000) + ledger.component('memory', 200_000) + ledger.component('discount', 200_000)).toBeCloseTo(6.72 - 4.32, 9);
  });
});

describe('cpu below 1 vCPU: first-generation environment and request-based billing only', () => {
  it.each([
    [{ cpu: 0.5, concurrency: 1, memory: '512Mi', executionEnvironment: 'gen2' }, 'needs "gen1"'],
    [{ cpu: 0.5, concurrency: 1, memory: '512Mi', billing: 'instance' }, 'needs request-based billing'],
  ])('%o is refused', (entry, why) => {
    expectInputError(() => cloudRun(entry), ['platforms[0].cpu', why]);
  });

  it('0.5 vCPU with gen1 and request-based billing resolves', () => {
    expect(cloudRun({ cpu: 0.5, concurrency: 1, memory: '512Mi' })).toMatchObject({ cpu: 0.5, executionEnvironment: 'gen1', billing: 'request' });
  });
});
