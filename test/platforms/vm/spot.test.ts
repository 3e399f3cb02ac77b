import { describe, expect, it } from 'vitest';
import { ComputeEngineBilling } from '../../../src/billing/compute-engine-billing.js';
import { Ledger } from '../../../src/billing/ledger.js';
import { Simulation } from '../../../src/engine/simulation.js';
import { streamFor } from '../../../src/engine/streams.js';
import { runPlatform } from '../../../src/experiment/run.js';
import { planPreemption } from '../../../src/platforms/vm/spot.js';
import { VmFleetPlatform } from '../../../src/platforms/vm/vm-fleet.js';
import type { ComputeEngineSpec, PreemptionSpec } from '../../../src/scenario/types.js';
import { constant, scenario, vmSpec } from '../../helpers/specs.js';

const preemption: PreemptionSpec = { enabled: true, meanTimeToPreemption: 1000, noticePeriod: 30, restart: true };
const E2_MEDIUM_PER_S = 0.0335057 / 3600;

describe('planPreemption', () => {
  it('draws the notice as createdAt + Exp(mean) from the stream it is given; the stop follows noticePeriod later', () => {
    const u = streamFor(7, 'check')();
    const plan = planPreemption(preemption, 100, streamFor(7, 'check'));
    expect(plan.notice).toBe(100 - 1000 * Math.log(1 - u));
    expect(plan.stop).toBe(plan.notice + 30);
  });

  it('has mean meanTimeToPreemption (seeded, 1 % tolerance over 40 000 draws)', () => {
    const rng = streamFor(1, 'mean');
    let sum = 0;
    for (let i = 0; i < 40_000; i++) sum += planPreemption(preemption, 0, rng).notice;
    expect(sum / 40_000).toBeGreaterThan(990);
    expect(sum / 40_000).toBeLessThan(1010);
  });
});

describe('ComputeEngineBilling: a Spot VM preempted in its first minute', () => {
  const bill = (stop: number, preempted: boolean): number => {
    const ledger = new Ledger();
    const billing = new ComputeEngineBilling(ledger, vmSpec());
    billing.vmStarted(0);
    billing.vmStopped(stop, 0, preempted);
    return ledger.component('cpu', 200) + ledger.component('memory', 200);
  };

  it.each([
    // [stop s, preempted, seconds billed, why]
    [45, true, 0, 'preempted within the first minute: not charged'],
    [45, false, 60, 'stopped otherwise: the one-minute minimum'],
    [59.9, true, 0, 'just inside the first minute'],
    [60, true, 60, 'a full minute: charged'],
    [90, true, 90, 'preempted later: per second as usual'],
  ])('stopped at %d s, preempted %s: %d s billed (%s)', (stop, preempted, seconds) => {
    expect(bill(stop, preempted)).toBeCloseTo(seconds * E2_MEDIUM_PER_S, 15);
  });
});

/**
 * The platform with preemptions on a fixed seed. Its `vm/preemption` stream is read here too,
 * so each test knows the schedule: one draw per VM in creation order (the initial VMs 0, 1, ...,
 * then each restart).
 */
function spot(seed: number, over: Partial<ComputeEngineSpec> = {}) {
  const sim = new Simulation(seed);
  const spec = vmSpec({ boot: constant(20), preemption, ...over });
  const platform = new VmFleetPlatform(sim, spec, 0);
  const draws = streamFor(seed, 'vm/preemption');
  const schedule = (createdAt: number) => planPreemption(spec.preemption!, createdAt, draws);
  let nextId = 0;
  const send = (t: number, io: number): void => {
    const id = nextId++;
    sim.at(t, () => platform.arrive({ id, arrival: t, cpu: 0, io, bytes: 0 }));
  };
  const internals = platform as unknown as { vms: { id: number; state: string; connections: number }[] };
  const vms = (): [number, string][] => internals.vms.map((v) => [v.id, v.state]);
  const connections = (): Record<number, number> => Object.fromEntries(internals.vms.map((v) => [v.id, v.connections]));
  const vmCost = (now: number): number => platform.ledger.component('cpu', now) + platform.ledger.component('memory', now);
  return { sim, spec, platform, stats: platform.stats, send, schedule, vms, connections, vmCost };
}

describe('VmFleetPlatform with Spot preemption', () => {
  it('takes the VM out of routing at the notice, fails what it holds at the stop, and boots it again', () => {
    // Seed 3: VM 0 gets its notice at T = 317.7 s, VM 1 at 1098.8 s; VM 0's replacement (VM 2),
    // created at T + 30, gets its notice 477.8 s later.
    const h = spot(3, { count: 2, maxConcurrency: 1 });
    const [vm0, vm1] = [h.schedule(0), h.schedule(0)];
    const T = vm0.notice;
    expect(T).toBeCloseTo(317.7, 1);
    expect(vm1.notice).toBeGreaterThan(T + 200);
    const vm2 = h.schedule(T + 30);
    expect(vm2.notice).toBeGreaterThan(T + 200);

    h.send(T - 5, 1000); // VM 0, in flight past the stop
    h.send(T - 5, 10); // VM 1, done at T + 5
    h.send(T - 5, 1); // VM 0's backlog (maxConcurrency 1)
    h.send(T - 5, 1); // VM 1's backlog
    h.send(T + 1, 1); // during the notice: VM 1 only
    h.send(T + 1, 1);
    h.sim.run(T + 2);
    expect(h.vms()).toEqual([
      [0, 'noticed'],
      [1, 'serving'],
    ]);
    expect(h.connections()).toEqual({ 0: 2, 1: 4 });

    h.sim.run(T + 30);
    expect(h.stats.all.failed).toBe(2); // VM 0's request in flight and the one in its backlog
    expect(h.vms()).toEqual([
      [1, 'serving'],
      [2, 'starting'],
    ]);
    h.sim.run(T + 50);
    expect(h.vms()).toEqual([
      [1, 'serving'],
      [2, 'serving'],
    ]);
    expect(h.stats.starting.integral(T + 50)).toBeCloseTo(20, 9);
    expect(h.stats.all.completed).toBe(4);

    h.send(T + 51, 5);
    h.send(T + 51, 5);
    h.sim.run(T + 52);
    expect(h.connections()).toEqual({ 1: 1, 2: 1 }); // the restarted VM takes its share
    expect(h.stats.all.instanceStarts).toBe(3);
    // VM 0 billed from 0 to its stop (more than a minute), VM 1 throughout, VM 2 from T + 30 (boot included).
    const now = T + 60;
    expect(h.vmCost(now)).toBeCloseTo((T + 30 + now + (now - T - 30)) * E2_MEDIUM_PER_S, 12);
  });

  it('a VM preempted in its first minute costs nothing; with no VM in service requests get 503', () => {
    // Seed 1: the notice comes at 16.3 s, the stop at 46.3 s; no restart.
    const h = spot(1, { count: 1, preemption: { ...preemption, restart: false } });
    const { notice, stop } = h.schedule(0);
    expect(notice).toBeCloseTo(16.3, 1);
    h.send(10, 100); // in flight at the stop: fails
    h.send(notice + 1, 1); // during the notice: no VM in service, 503
    h.send(stop + 1, 1); // after the stop: none either
    h.sim.run(200);
    expect(h.vms()).toEqual([]);
    expect(h.stats.all).toMatchObject({ arrived: 3, completed: 0, failed: 1, rejected: 2 });
    expect(h.stats.busy.value + h.stats.idle.value + h.stats.starting.value).toBe(0);
    expect(h.vmCost(200)).toBeCloseTo(0, 15);
  });

  it('reports failed requests as requests_failed in the summary', () => {
    // Requests of 45 s outlast the 30 s notice, so a preempted VM still holds some at its stop
    // (requests of a few seconds finish during the notice and nothing fails).
    const spec = vmSpec({ count: 2, boot: constant(30), preemption: { ...preemption, meanTimeToPreemption: 600 } });
    const s = scenario({ type: 'poisson', rps: 5 }, { cpu: constant(0.05), io: constant(45), responseBytes: constant(0) }, [spec], 7200);
    const record = runPlatform(s, spec, { seed: 1 });
    expect(record.requests_failed).toBeGreaterThan(0);
    expect(record.requests_rejected).toBeGreaterThanOrEqual(0);
    expect(record.requests_completed + record.requests_failed + record.requests_rejected).toBeLessThanOrEqual(record.requests_arrived);
    expect(record.instance_starts).toBeGreaterThan(2);
  });

  it('leaves the other streams alone: without preemption the routing and the results are as before', () => {
    // Preemption off draws nothing from vm/preemption, and on, it draws only from it.
    const base = vmSpec({ count: 3, loadBalancer: 'random' });
    const s = scenario({ type: 'poisson', rps: 20 }, { cpu: constant(0.05), io: constant(0), responseBytes: constant(0) }, [base], 600);
    const a = runPlatform(s, base, { seed: 4 });
    const b = runPlatform(s, { ...base, preemption: { ...preemption, enabled: false } }, { seed: 4 });
    expect(b).toEqual(a);
  });
});
