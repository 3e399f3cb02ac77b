import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { VmFleetPlatform } from '../../../src/platforms/vm/vm-fleet.js';
import type { ComputeEngineSpec } from '../../../src/scenario/types.js';
import { vmSpec } from '../../helpers/specs.js';

/**
 * VmFleetPlatform driven directly on a Simulation with constant request work, so that every
 * outcome is exact. vmSpec(): e2-medium, 1 vCPU, 2 workers (compute rate min(1, 2) = 1 vCPU).
 */

interface Sent {
  cpu?: number;
  io?: number;
  bytes?: number;
}

function harness(over: Partial<ComputeEngineSpec> = {}) {
  const sim = new Simulation(1);
  const spec = vmSpec(over);
  const platform = new VmFleetPlatform(sim, spec, 0);
  let nextId = 0;
  const send = (t: number, { cpu = 0, io = 0, bytes = 0 }: Sent = {}): void => {
    const id = nextId++;
    sim.at(t, () => platform.arrive({ id, arrival: t, cpu, io, bytes }));
  };
  /** Connections (served + waiting) on each VM, by id. */
  const connections = (): number[] =>
    (platform as unknown as { vms: { inFlight: number; backlog: { size: number } }[] }).vms.map((v) => v.inFlight + v.backlog.size);
  return { sim, spec, platform, send, stats: platform.stats, connections };
}

const E2_MEDIUM_HOURLY = 0.0335057;

describe('VmFleetPlatform: load balancing', () => {
  it('round-robin alternates between VMs whatever their load', () => {
    const h = harness({ count: 3, loadBalancer: 'round-robin' });
    for (let i = 0; i < 7; i++) h.send(i, { io: 100 });
    h.sim.run(6);
    expect(h.connections()).toEqual([3, 2, 2]);
  });

  it('round-robin ignores load: a CPU-bound request lands next to a long one', () => {
    // r0 (10 vCPU-s) -> VM 0, r1 (1 s) -> VM 1, done at 1; r2 at 2 goes back to VM 0 and shares
    // its vCPU with r0 from 2 to 4 (half a vCPU each), so r0 is done at 11. Latencies 11, 1, 2.
    const h = harness({ count: 2, loadBalancer: 'round-robin' });
    h.send(0, { cpu: 10 });
    h.send(0, { cpu: 1 });
    h.send(2, { cpu: 1 });
    h.sim.run(100);
    expect(h.stats.all.completed).toBe(3);
    expect(h.stats.latency.max).toBe(11);
    expect(h.stats.latency.mean).toBe((11 + 1 + 2) / 3);
  });

  it('least-connections picks the least loaded VM, ties to the lowest id', () => {
    // Same requests: r2 goes to the empty VM 1 and runs alone. Latencies 10, 1, 1.
    const h = harness({ count: 2, loadBalancer: 'least-connections' });
    h.send(0, { cpu: 10 });
    h.send(0, { cpu: 1 });
    h.send(2, { cpu: 1 });
    h.sim.run(100);
    expect(h.stats.latency.max).toBe(10);
    expect(h.stats.latency.mean).toBe((10 + 1 + 1) / 3);
  });

  it('least-connections counts waiting requests too', () => {
    // maxConcurrency 1, so a second request on a VM waits in its backlog.
    const h = harness({ count: 3, maxConcurrency: 1, loadBalancer: 'least-connections' });
    h.send(0, { io: 100 }); // VM 0
    h.send(1, { io: 10 }); // VM 1, done at 11
    h.send(2, { io: 100 }); // VM 2
    h.send(3, { io: 100 }); // tie at 1 each: VM 0, waits
    h.send(4, { io: 100 }); // VM 0 has 1 in flight + 1 waiting = 2 > 1: VM 1, waits
    h.sim.run(4);
    expect(h.connections()).toEqual([2, 2, 1]);
    h.send(5, { io: 100 }); // VM 2
    h.sim.run(5);
    expect(h.connections()).toEqual([2, 2, 2]);
    h.sim.run(11); // VM 1's first request is done; its waiting one starts
    expect(h.connections()).toEqual([2, 1, 2]);
    h.send(12, { io: 100 });
    h.sim.run(12);
    expect(h.connections()).toEqual([2, 2, 2]);
    expect(h.stats.queueWait.max).toBe(7); // r4: 4 -> 11
  });

  it('random spreads requests about evenly and repeats for a seed', () => {
    const spread = () => {
      const h = harness({ count: 4, maxConcurrency: 10_000, loadBalancer: 'random' });
      for (let i = 0; i < 2000; i++) h.send(i / 1000, { io: 100 });
      h.sim.run(10);
      return h.connections();
    };
    const c = spread();
    expect(c.reduce((a, b) => a + b, 0)).toBe(2000);
    for (const n of c) {
      expect(n).toBeGreaterThan(400);
      expect(n).toBeLessThan(600);
    }
    expect(spread()).toEqual(c);
  });
});

describe('VmFleetPlatform: backlog and 503', () => {
  it('one VM: serves maxConcurrency, queues queueLimit, rejects the rest; queue waits exact', () => {
    const h = harness({ count: 1, maxConcurrency: 2, queueLimit: 3 });
    for (let i = 0; i < 10; i++) h.send(0, { io: 10 });
    h.sim.run(0);
    expect(h.stats.all.rejected).toBe(5);
    expect(h.stats.queued.value).toBe(3);
    expect(h.stats.inFlight.value).toBe(2);
    h.sim.run(100);
    // Served at 0, 0, 10, 10, 20: waits 0, 0, 10, 10, 20; latencies 10, 10, 20, 20, 30.
    expect(h.stats.all.completed).toBe(5);
    expect(h.stats.all.rejected).toBe(5);
    expect(h.stats.queueWait.count).toBe(5);
    expect(h.stats.queueWait.mean).toBe(8);
    expect(h.stats.queueWait.max).toBe(20);
    expect(h.stats.latency.mean).toBe(18);
    expect(h.stats.latency.max).toBe(30);
    // Time-weighted backlog: 3 for 10 s, then 1 for 10 s.
    expect(h.stats.queued.integral(100)).toBe(40);
    expect(h.stats.all.coldStartRequests).toBe(0);
  });

  it('round-robin over two VMs: each has its own backlog', () => {
    const h = harness({ count: 2, maxConcurrency: 1, queueLimit: 1, loadBalancer: 'round-robin' });
    for (let i = 0; i < 7; i++) h.send(0, { io: 5 });
    h.sim.run(100);
    // r0 VM0 served, r1 VM1 served, r2 VM0 queued, r3 VM1 queued, r4..r6 rejected.
    expect(h.stats.all.rejected).toBe(3);
    expect(h.stats.all.completed).toBe(4);
    expect(h.stats.queueWait.mean).toBe((0 + 0 + 5 + 5) / 4);
  });

  it('a backlog slot frees when a request completes: later arrivals are queued again', () => {
    const h = harness({ count: 1, maxConcurrency: 1, queueLimit: 1 });
    h.send(0, { io: 4 }); // served 0..4
    h.send(1, { io: 4 }); // queued, served 4..8
    h.send(2, { io: 4 }); // backlog full: 503
    h.send(5, { io: 4 }); // backlog free again: queued, served 8..12
    h.sim.run(100);
    expect(h.stats.all.rejected).toBe(1);
    expect(h.stats.all.completed).toBe(3);
    expect(h.stats.queueWait.mean).toBe((0 + 3 + 3) / 3);
    expect(h.stats.latency.max).toBe(7);
  });

  it('queueLimit 0 rejects as soon as every slot is taken', () => {
    const h = harness({ count: 1, maxConcurrency: 3, queueLimit: 0 });
    for (let i = 0; i < 5; i++) h.send(0, { io: 1 });
    h.sim.run(10);
    expect(h.stats.all.rejected).toBe(2);
    expect(h.stats.all.completed).toBe(3);
  });

  it('a request longer than requestTimeout counts as timed out', () => {
    const h = harness({ count: 1, maxConcurrency: 1, requestTimeout: 5 });
    h.send(0, { io: 3 }); // 3 s: completed
    h.send(0, { io: 3 }); // waits 3, done at 6: timed out
    h.sim.run(100);
    expect(h.stats.all.completed).toBe(1);
    expect(h.stats.all.timedOut).toBe(1);
  });
});

describe('VmFleetPlatform: cost', () => {
  it('a fixed fleet costs count x hourly price x hours, busy or idle', () => {
    const h = harness({ count: 3 });
    h.send(100, { cpu: 1, io: 1 });
    h.sim.run(7200);
    h.platform.close(7200);
    const ledger = h.platform.ledger;
    expect(ledger.component('cpu', 7200) + ledger.component('memory', 7200)).toBeCloseTo(3 * E2_MEDIUM_HOURLY * 2, 12);
    expect(ledger.total(7200)).toBeCloseTo(3 * E2_MEDIUM_HOURLY * 2, 12);
    expect(ledger.component('requests', 7200)).toBe(0);
    expect(ledger.component('idle', 7200)).toBe(0);
  });

  it('a month (730 h) of one e2-medium is $24.46', () => {
    const h = harness({ count: 1 });
    const end = 730 * 3600;
    h.sim.run(end);
    h.platform.close(end);
    expect(h.platform.ledger.total(end)).toBeCloseTo(24.46, 2);
    expect(h.platform.ledger.total(end)).toBeCloseTo(730 * E2_MEDIUM_HOURLY, 9);
  });

  it('a run shorter than a minute bills the one-minute minimum', () => {
    const h = harness({ count: 2 });
    h.sim.run(30);
    h.platform.close(30);
    expect(h.platform.ledger.total(30)).toBeCloseTo((2 * E2_MEDIUM_HOURLY) / 60, 15);
  });

  it('egress is billed per GiB', () => {
    const h = harness({ count: 1 });
    h.send(0, { io: 1, bytes: 2 * 1024 ** 3 });
    h.sim.run(10);
    expect(h.platform.ledger.component('network', 10)).toBeCloseTo(0.24, 15);
  });
});

describe('VmFleetPlatform: gauges', () => {
  it('counts every VM as an instance from t = 0, busy while serving', () => {
    const h = harness({ count: 2 });
    h.send(10, { io: 5 });
    h.sim.run(100);
    const r = h.stats.read(100);
    expect(r.busy + r.idle).toBe(200);
    expect(r.busy).toBe(5);
    expect(h.stats.all.instanceStarts).toBe(2);
    expect(h.stats.instancesMax).toBe(2);
  });

  it('CPU capacity is the fleet vCPU; one CPU-bound request uses one of them', () => {
    const h = harness({ count: 2 });
    h.send(10, { cpu: 4 });
    h.sim.run(100);
    const r = h.stats.read(100);
    expect(r.cpuCapacity).toBe(200);
    expect(r.cpuBusy).toBe(4);
    expect(h.stats.latency.max).toBe(4);
  });
});
