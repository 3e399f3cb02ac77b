/**
 * Billing against closed forms from the price table (docs/validation.md, "Billing"), each
 * through a full simulation of a month: the platform bills itself as it runs, the test only
 * reads the ledger at the end.
 *
 * A month is 730 h = 2 628 000 s (Google's monthly figure), starting Monday 2026-01-05.
 * Prices (models/, docs/gcp-facts.md): Cloud Run request-based $0.000024 per vCPU-s,
 * $0.0000025 per GiB-s, idle min instance $0.0000025 per vCPU-s and per GiB-s, $0.40 per
 * million requests; e2-medium $0.0335057 per hour.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { CloudRunPlatform } from '../../src/platforms/cloud-run/cloud-run.js';
import { VmFleetPlatform } from '../../src/platforms/vm/vm-fleet.js';
import { resolveScenario } from '../../src/scenario/load.js';
import type { CloudRunSpec, ComputeEngineSpec } from '../../src/scenario/types.js';
import { cloudRunSpec, constant } from '../helpers/specs.js';
import { relativeError } from '../helpers/stats.js';
import { runInChunks } from './harness.js';

const MONTH_S = 730 * 3600; // 2 628 000

const CPU_SECOND = 0.000024;
const GIB_SECOND = 0.0000025;
const MEMORY_GIB = 0.5;
const REQUEST_FEE = 0.4 / 1e6;
/** 0.3 x (0.000024 + 0.5 x 0.0000025) = 0.3 x 0.00002525 = $0.000007575 per request. */
const PER_REQUEST_COMPUTE = 0.3 * (CPU_SECOND + MEMORY_GIB * GIB_SECOND);

interface Bill {
  readonly requests: number;
  readonly cpu: number;
  readonly memory: number;
  readonly idle: number;
  readonly fee: number;
  readonly total: number;
  /** The same charges summed naively in float64, for comparison with the ledger. */
  readonly naive: number;
}

/**
 * One Cloud Run instance (1 vCPU, 512 MiB, concurrency 1), requests one at a time every `gap`
 * seconds from `gap / 2` on, each holding the instance exactly 250 ms (`work`: I/O or CPU),
 * for a 730-hour month. Requests are fed to the platform directly (Poisson traffic would not
 * give fixed gaps).
 */
async function cloudRunMonth(over: Partial<CloudRunSpec>, gap: number, work: { cpu: number; io: number }): Promise<Bill> {
  const spec = cloudRunSpec({
    cpu: 1,
    memoryGiB: MEMORY_GIB,
    concurrency: 1,
    maxInstances: 1,
    coldStart: constant(0),
    shutdownGrace: 0,
    billing: 'request',
    ...over,
  });
  const sim = new Simulation('billing');
  const platform = new CloudRunPlatform(sim, spec, 0);
  let id = 0;
  const send = (): void => {
    const t = sim.now;
    platform.arrive({ id: id++, arrival: t, cpu: work.cpu, io: work.io, bytes: 0 });
    if (t + gap < MONTH_S) sim.at(t + gap, send);
  };
  sim.at(gap / 2, send);
  await runInChunks(sim, MONTH_S);
  platform.close(MONTH_S);
  const l = platform.ledger;
  expect(platform.stats.all.completed).toBe(id);
  expect(platform.stats.all.rejected).toBe(0);
  expect(platform.stats.all.instanceStarts).toBe(1);
  let naive = 0;
  for (let k = 0; k < id; k++) naive += PER_REQUEST_COMPUTE + REQUEST_FEE;
  return {
    requests: id,
    cpu: l.component('cpu', MONTH_S),
    memory: l.component('memory', MONTH_S),
    idle: l.component('idle', MONTH_S),
    fee: l.component('requests', MONTH_S),
    total: l.total(MONTH_S),
    naive,
  };
}

describe('Cloud Run request-based: one instance, a request every 10 s holding it 250 ms', () => {
  /*
   * Set-up: `scale-per-request` with maxInstances 1 and keepAlive 1 h, so the first request
   * starts the one instance (cold start 0 s: a zero-length start-up, billed as nothing) and it
   * never expires between requests 10 s apart; shutdownGrace 0; no min instances, so no idle fee.
   * Every request is then a billable stretch of exactly 0.25 s, rounded up to 0.3 s:
   *   compute  0.3 x (0.000024 + 0.5 x 0.0000025) = $0.000007575
   *   fee      $0.0000004
   *   total    $0.000007975 per request
   * A month of 730 h holds 2 628 000 / 10 = 262 800 requests (at 5, 15, ..., 2 627 995 s):
   *   cpu    262 800 x 0.3 x 0.000024         = $1.892160
   *   memory 262 800 x 0.3 x 0.00000125       = $0.098550
   *   fees   262 800 x 0.0000004              = $0.105120
   *   total  262 800 x 0.000007975            = $2.095830 (before the free tier)
   * A 5 % error anywhere (no rounding up: 0.25 instead of 0.3 s, -17 %; a missing fee, -5 %)
   * is far beyond the 1e-12 relative tolerance, which is there only for float64 rounding.
   */
  for (const [what, work] of [
    ['I/O', { cpu: 0, io: 0.25 }],
    ['CPU', { cpu: 0.25, io: 0 }],
  ] as const) {
    it(`${what} work: $0.000007575 + $0.0000004 per request, $2.095830 for the month`, async () => {
      const b = await cloudRunMonth({ autoscaler: 'scale-per-request', keepAlive: 3600, minInstances: 0 }, 10, work);
      const n = 262_800;
      expect(b.requests).toBe(n);
      console.log(`Cloud Run request-based, ${what}: cpu ${b.cpu} memory ${b.memory} fees ${b.fee} total ${b.total} (${(b.total / n).toExponential(6)} per request)`);
      expect(PER_REQUEST_COMPUTE).toBeCloseTo(0.000007575, 15);
      expect(relativeError(b.cpu, n * 0.3 * CPU_SECOND)).toBeLessThan(1e-12);
      expect(relativeError(b.memory, n * 0.3 * MEMORY_GIB * GIB_SECOND)).toBeLessThan(1e-12);
      expect(relativeError(b.fee, n * REQUEST_FEE)).toBeLessThan(1e-12);
      expect(b.idle).toBe(0);
      expect(relativeError(b.total, n * 0.000007975)).toBeLessThan(1e-12);
      expect(b.total.toFixed(6)).toBe('2.095830');
    });
  }

  it('with one min instance (autoscaler cloud-run): the idle rate between requests', async () => {
    /*
     * minInstances 1 starts the instance at t = 0 (start-up 0 s, billed as nothing). Between
     * requests it is idle and costs the idle rate 1 x 0.0000025 + 0.5 x 0.0000025 = $0.00000375
     * per second; each request is billed as above. Idle time = 2 628 000 - 262 800 x 0.25 =
     * 2 562 300 s (the 100-ms round-up is a billing artefact, not time the instance is busy):
     *   idle   2 562 300 x 0.00000375 = $9.608625
     *   total  2.095830 + 9.608625   = $11.704455
     */
    const b = await cloudRunMonth({ autoscaler: 'cloud-run', minInstances: 1 }, 10, { cpu: 0, io: 0.25 });
    const n = 262_800;
    const idleRate = 1 * GIB_SECOND + MEMORY_GIB * GIB_SECOND;
    console.log(`Cloud Run request-based with a min instance: idle ${b.idle} total ${b.total}`);
    expect(b.requests).toBe(n);
    expect(relativeError(b.idle, (MONTH_S - n * 0.25) * idleRate)).toBeLessThan(1e-12);
    expect(relativeError(b.total, n * 0.000007975 + 2_562_300 * 0.00000375)).toBeLessThan(1e-12);
    expect(b.total.toFixed(6)).toBe('11.704455');
  });
});

describe('Compute Engine: one e2-medium for a 730-hour month', () => {
  /*
   * 730 h x $0.0335057 = $24.459161, $24.46 to the cent, no discount (E2 has no sustained
   * use). The machine type and its price come from the catalog (models/compute-engine.json)
   * through the scenario resolver, so this also checks the catalog figure. No traffic: a VM is
   * billed while it runs, busy or not. The check is on the machine's lines (cpu + memory, the
   * hourly price split between them); fixed costs such as disks or addresses are not part of
   * the reference figure.
   */
  it('bills $24.46 (730 x 0.0335057 to 1e-9 relative)', () => {
    const scenario = resolveScenario(
      {
        name: 'e2-month',
        duration: '730h',
        traffic: { type: 'poisson', rps: 1 },
        requests: { cpu: 0, io: 0.01, responseBytes: 0 },
        platforms: [{ name: 'vm', model: 'compute-engine', machineType: 'e2-medium', count: 1 }],
      },
      '',
    );
    const spec = scenario.platforms[0] as ComputeEngineSpec;
    expect(spec.machineType).toBe('e2-medium');
    expect(scenario.duration).toBe(MONTH_S);
    const sim = new Simulation('billing');
    const platform = new VmFleetPlatform(sim, spec, 0);
    sim.run(MONTH_S);
    platform.close(MONTH_S);
    const l = platform.ledger;
    const machine = l.component('cpu', MONTH_S) + l.component('memory', MONTH_S);
    console.log(`e2-medium, 730 h: cpu ${l.component('cpu', MONTH_S)} memory ${l.component('memory', MONTH_S)} machine ${machine} total ${l.total(MONTH_S)}`);
    expect(relativeError(machine, 730 * 0.0335057)).toBeLessThan(1e-9);
    expect(machine.toFixed(2)).toBe('24.46');
    expect(l.component('discount', MONTH_S)).toBe(0);
    expect(l.component('network', MONTH_S)).toBe(0);
  });
});

describe('Money sums without drift over a month', () => {
  /*
   * A request every 2 s for 730 h: 1 314 000 requests, each adding two rate segments (cpu,
   * memory), two 100-ms round-ups and a fee to the ledger (about 7e6 additions). The ledger
   * must equal the closed form 1 314 000 x 0.000007975 = $10.479150 to 1e-12 relative; summing
   * the same per-request charges naively in float64 drifts by 2e-11 relative (logged for
   * comparison), so this catches a ledger that lost its exact summation.
   */
  it('1 314 000 requests: ledger total equals the closed form to 1e-12', async () => {
    const b = await cloudRunMonth({ autoscaler: 'scale-per-request', keepAlive: 3600, minInstances: 0 }, 2, { cpu: 0, io: 0.25 });
    const n = 1_314_000;
    const exact = n * 0.000007975;
    console.log(
      `month of a request every 2 s: ledger ${b.total} closed form ${exact} relative error ${relativeError(b.total, exact).toExponential(2)};` +
        ` naive float sum ${b.naive} relative error ${relativeError(b.naive, exact).toExponential(2)}`,
    );
    expect(b.requests).toBe(n);
    expect(relativeError(b.total, exact)).toBeLessThan(1e-12);
    expect(b.total.toFixed(6)).toBe('10.479150');
  });
});
