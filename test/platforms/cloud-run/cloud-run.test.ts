import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { summarize } from '../../../src/metrics/summarize.js';
import { CloudRunPlatform } from '../../../src/platforms/cloud-run/cloud-run.js';
import type { CloudRunSpec } from '../../../src/scenario/types.js';
import { cloudRunSpec, constant } from '../../helpers/specs.js';

/**
 * CloudRunPlatform driven directly on a Simulation, with constant cold starts and constant
 * request work, so that every outcome is an exact number worked out by hand in the comments.
 */

interface Sent {
  cpu?: number;
  io?: number;
  bytes?: number;
}

function harness(over: Partial<CloudRunSpec> = {}) {
  const sim = new Simulation(1);
  const spec = cloudRunSpec({ coldStart: constant(2), ...over });
  const platform = new CloudRunPlatform(sim, spec, 0);
  let nextId = 0;
  /** Schedules a request arriving at `t`. */
  const send = (t: number, { cpu = 0, io = 0, bytes = 0 }: Sent = {}): void => {
    const id = nextId++;
    sim.at(t, () => platform.arrive({ id, arrival: t, cpu, io, bytes }));
  };
  const s = platform.stats;
  /** Instances that serve or will serve: starting + busy + idle (stopping ones are in none). */
  const instances = (): number => s.starting.value + s.busy.value + s.idle.value;
  /** Requests in flight on each instance that still exists (stopping included), by id. */
  const loads = (): number[] =>
    [...(platform as unknown as { instances: Set<{ id: number; inFlight: number }> }).instances]
      .sort((a, b) => a.id - b.id)
      .map((i) => i.inFlight);
  /** Instances that exist, stopping included (they are dropped when gone). */
  const existing = (): number => (platform as unknown as { instances: Set<unknown> }).instances.size;
  return { sim, spec, platform, send, stats: s, instances, loads, existing };
}

// Request-based prices of cloudRunSpec(): 1 vCPU, 0.5 GiB.
const CPU_RATE = 0.000024; // per vCPU-second
const MEMORY_RATE = 0.5 * 0.0000025; // per second for 0.5 GiB
const IDLE_RATE = 1 * 0.0000025 + 0.5 * 0.0000025; // per second, min instance between requests

describe('CloudRunPlatform: cold starts and the pending queue', () => {
  it('the first request starts an instance and waits exactly the cold start', () => {
    const h = harness({ coldStart: constant(2) });
    h.send(1, { io: 0.5 });
    h.sim.run(1);
    expect(h.stats.all.instanceStarts).toBe(1);
    expect(h.stats.starting.value).toBe(1);
    expect(h.stats.queued.value).toBe(1);
    h.sim.run(100);
    expect(h.stats.all.coldStartRequests).toBe(1);
    expect(h.stats.coldStartWait.count).toBe(1);
    expect(h.stats.coldStartWait.mean).toBe(2);
    expect(h.stats.queueWait.mean).toBe(2);
    expect(h.stats.all.completed).toBe(1);
    expect(h.stats.latency.max).toBe(2.5); // 2 s cold start + 0.5 s of I/O
    expect(h.stats.all.instanceStarts).toBe(1);
    expect(h.stats.queued.value).toBe(0);
  });

  it('the summary counts the cold-start request and its wait', () => {
    const h = harness({ coldStart: constant(2) });
    h.send(1, { io: 0.5 });
    h.send(10, { io: 0.5 }); // warm
    h.sim.run(100);
    h.platform.close(100);
    const r = summarize({ scenario: 't', seed: 1, replication: 0, end: 100 }, h.spec, h.stats, h.platform.ledger);
    expect(r.requests_arrived).toBe(2);
    expect(r.requests_completed).toBe(2);
    expect(r.instance_starts).toBe(1);
    expect(r.cold_start_requests).toBe(1);
    expect(r.cold_start_fraction).toBe(0.5);
    expect(r.cold_start_wait_mean_s).toBe(2);
    expect(r.queue_wait_mean_s).toBe(1);
    expect(r.latency_mean_s).toBe((2.5 + 0.5) / 2);
    expect(r.instances_max).toBe(1);
    // The instance exists from 1 to 100: 0.99 of the time.
    expect(r.instances_mean).toBeCloseTo(0.99, 12);
    expect(r.instances_starting_mean).toBeCloseTo(0.02, 12);
  });

  it('an instance started for a request that an older one took meanwhile goes idle, its start-up billed', () => {
    // Concurrency 1, one warm min instance busy until 12; r1 at 11 starts instance 1
    // (ready at 13), but instance 0 frees at 12 and takes r1 first.
    const h = harness({ coldStart: constant(2), concurrency: 1, minInstances: 1 });
    h.send(10, { io: 2 }); // instance 0: 10..12
    h.send(11, { io: 1 }); // waits; instance 1 starts at 11
    h.sim.run(11);
    expect(h.stats.all.instanceStarts).toBe(2);
    h.sim.run(13);
    expect(h.loads()).toEqual([0, 0]);
    expect(h.stats.idle.value).toBe(2);
    expect(h.stats.all.coldStartRequests).toBe(0); // r1 was served by a freed slot at 12
    expect(h.stats.queueWait.max).toBe(1);
    // cpu billable: instance 0 start-up 0..2 and busy 10..13 (r0 then r1 back to back);
    // instance 1 start-up 11..13. (At 15 the metric loop retires the surplus one.)
    h.sim.run(14);
    expect(h.platform.ledger.component('cpu', 14)).toBeCloseTo((2 + 3 + 2) * CPU_RATE, 15);
  });

  it('CPU-bound requests on one instance share its vCPU (processor sharing)', () => {
    const h = harness({ coldStart: constant(1), minInstances: 1 });
    h.send(10, { cpu: 1 });
    h.send(10, { cpu: 1 });
    h.sim.run(100);
    expect(h.stats.latency.mean).toBe(2); // each at half a vCPU
    expect(h.stats.cpuBusy.integral(100)).toBeCloseTo(2, 12);
  });

  it('a second request during the cold start rides the same instance when concurrency allows', () => {
    const h = harness({ coldStart: constant(2), concurrency: 80 });
    h.send(0, { io: 1 });
    h.send(0.5, { io: 1 });
    h.sim.run(0.5);
    expect(h.stats.queued.value).toBe(2);
    expect(h.stats.all.instanceStarts).toBe(1); // 2 waiting <= 1 starting x 80: no second start
    h.sim.run(100);
    expect(h.stats.all.instanceStarts).toBe(1);
    expect(h.stats.instancesMax).toBe(1);
    expect(h.stats.all.coldStartRequests).toBe(2);
    expect(h.stats.coldStartWait.count).toBe(2);
    expect(h.stats.coldStartWait.mean).toBe((2 + 1.5) / 2);
    expect(h.stats.coldStartWait.max).toBe(2);
    expect(h.stats.all.completed).toBe(2);
  });

  it('with concurrency 1 the second request during the cold start starts a second instance', () => {
    const h = harness({ coldStart: constant(2), concurrency: 1 });
    h.send(0, { io: 1 });
    h.send(0.5, { io: 1 });
    h.sim.run(0.5);
    expect(h.stats.all.instanceStarts).toBe(2); // 2 waiting > 1 starting x 1
    expect(h.stats.starting.value).toBe(2);
    h.sim.run(100);
    // Instance 0 is ready at 2 and takes the first; instance 1 at 2.5 takes the second.
    expect(h.stats.all.coldStartRequests).toBe(2);
    expect(h.stats.coldStartWait.mean).toBe(2);
    expect(h.stats.coldStartWait.max).toBe(2);
    expect(h.stats.latency.mean).toBe(3);
    expect(h.stats.instancesMax).toBe(2);
  });

  it('waiting requests are served first in, first out as slots free', () => {
    // One instance of concurrency 1, already warm; four requests at once of 1 s each.
    const h = harness({ coldStart: constant(2), concurrency: 1, maxInstances: 1, minInstances: 1 });
    for (const t of [10, 10.25, 10.5, 10.75]) h.send(t, { io: 1 });
    h.sim.run(100);
    // Served at 10, 11, 12, 13: waits 0, 0.75, 1.5, 2.25; latencies 1, 1.75, 2.5, 3.25.
    expect(h.stats.all.completed).toBe(4);
    expect(h.stats.queueWait.mean).toBe((0 + 0.75 + 1.5 + 2.25) / 4);
    expect(h.stats.queueWait.max).toBe(2.25);
    expect(h.stats.latency.max).toBe(3.25);
    expect(h.stats.all.coldStartRequests).toBe(0);
    expect(h.stats.all.rejected).toBe(0);
  });
});

describe('CloudRunPlatform: maxInstances and the pending timeout (429)', () => {
  it.each([
    [4, 14], // 3.5 x 4 s = 14 s
    [2, 10], // 3.5 x 2 s = 7 s is below the 10 s floor
  ])('cold start %d s: a request that finds every instance full is rejected after exactly %d s', (cold, timeout) => {
    const h = harness({ coldStart: constant(cold), concurrency: 1, maxInstances: 1 });
    h.send(0, { io: 100 }); // holds the only slot until cold + 100
    h.send(20, { io: 1 });
    h.sim.run(20);
    expect(h.stats.all.instanceStarts).toBe(1); // maxInstances reached: no second start
    expect(h.stats.queued.value).toBe(1);
    h.sim.run(20 + timeout - 1e-6);
    expect(h.stats.all.rejected).toBe(0);
    h.sim.run(20 + timeout);
    expect(h.stats.all.rejected).toBe(1);
    expect(h.stats.queued.value).toBe(0);
    // Time-weighted queue length: the first request during its cold start, the second for
    // exactly `timeout` seconds.
    expect(h.stats.queued.integral(100)).toBeCloseTo(cold + timeout, 12);
    h.sim.run(2000);
    expect(h.stats.all.completed).toBe(1);
    expect(h.stats.all.instanceStarts).toBe(1);
  });

  it('an explicit pendingTimeout replaces the default', () => {
    const h = harness({ coldStart: constant(1), concurrency: 1, maxInstances: 1, pendingTimeout: 3 });
    h.send(0, { io: 1000 });
    h.send(20, { io: 1 });
    h.sim.run(22.999);
    expect(h.stats.all.rejected).toBe(0);
    h.sim.run(23);
    expect(h.stats.all.rejected).toBe(1);
  });

  it('several waiting requests expire one by one, each exactly the timeout after its arrival', () => {
    const h = harness({ coldStart: constant(4), concurrency: 1, maxInstances: 1 });
    h.send(0, { io: 1000 });
    h.send(20, { io: 1 });
    h.send(25, { io: 1 });
    h.send(26.5, { io: 1 });
    h.sim.run(33.999);
    expect(h.stats.all.rejected).toBe(0);
    h.sim.run(34);
    expect(h.stats.all.rejected).toBe(1);
    h.sim.run(38.999);
    expect(h.stats.all.rejected).toBe(1);
    h.sim.run(39);
    expect(h.stats.all.rejected).toBe(2);
    h.sim.run(40.5);
    expect(h.stats.all.rejected).toBe(3);
    expect(h.stats.queued.value).toBe(0);
  });

  it('a slot that frees within the timeout serves the waiting request with that queue wait', () => {
    // Cold start 4 s (timeout 14 s). The first request is served 4..14; the second, arriving
    // at 6, gets the slot at 14 after 8 s of waiting.
    const h = harness({ coldStart: constant(4), concurrency: 1, maxInstances: 1 });
    h.send(0, { io: 10 });
    h.send(6, { io: 1 });
    h.sim.run(100);
    expect(h.stats.all.rejected).toBe(0);
    expect(h.stats.all.completed).toBe(2);
    expect(h.stats.queueWait.count).toBe(2);
    expect(h.stats.queueWait.mean).toBe((4 + 8) / 2);
    expect(h.stats.queueWait.max).toBe(8);
    // Only the first waited on a starting instance.
    expect(h.stats.all.coldStartRequests).toBe(1);
    expect(h.stats.coldStartWait.mean).toBe(4);
    expect(h.stats.latency.mean).toBe((14 + 9) / 2); // 0 -> 14 and 6 -> 15
    expect(h.stats.all.instanceStarts).toBe(1);
  });
});

describe('CloudRunPlatform: min instances', () => {
  it('start at t = 0 and are billed at the idle rate between requests', () => {
    const h = harness({ coldStart: constant(2), minInstances: 1 });
    h.sim.run(0);
    expect(h.stats.all.instanceStarts).toBe(1);
    expect(h.stats.starting.value).toBe(1);
    h.send(10, { io: 1 });
    h.sim.run(20);
    expect(h.stats.all.coldStartRequests).toBe(0);
    expect(h.stats.queueWait.max).toBe(0);
    expect(h.stats.all.instanceStarts).toBe(1);
    const ledger = h.platform.ledger;
    // Billable: the start-up 0..2 and the request 10..11; idle rate 2..10 and 11..20.
    expect(ledger.component('cpu', 20)).toBeCloseTo(3 * CPU_RATE, 15);
    expect(ledger.component('memory', 20)).toBeCloseTo(3 * MEMORY_RATE, 15);
    expect(ledger.component('idle', 20)).toBeCloseTo(17 * IDLE_RATE, 15);
    expect(ledger.component('requests', 20)).toBeCloseTo(0.4e-6, 18);
  });

  it('are never retired by the idle cap', () => {
    const h = harness({ coldStart: constant(2), minInstances: 2 });
    h.sim.run(3600);
    expect(h.instances()).toBe(2);
    expect(h.stats.idle.value).toBe(2);
    expect(h.platform.ledger.component('idle', 3600)).toBeCloseTo(2 * 3598 * IDLE_RATE, 12);
  });
});

describe('CloudRunPlatform: scale-per-request', () => {
  const perRequest = (over: Partial<CloudRunSpec> = {}) =>
    harness({ autoscaler: 'scale-per-request', concurrency: 1, routing: 'newest', coldStart: constant(1), keepAlive: 600, shutdownGrace: 10, ...over });

  it('binds each request to a new instance when none is idle', () => {
    const h = perRequest();
    h.send(0, { io: 5 });
    h.send(0.5, { io: 5 });
    h.send(0.7, { io: 5 });
    h.sim.run(100);
    expect(h.stats.all.instanceStarts).toBe(3);
    expect(h.stats.all.coldStartRequests).toBe(3);
    expect(h.stats.coldStartWait.mean).toBe(1);
    expect(h.stats.coldStartWait.max).toBe(1);
    expect(h.stats.latency.mean).toBe(6);
    expect(h.stats.idle.value).toBe(3);
  });

  it('with two idle instances the newer one serves, so the older one expires first', () => {
    const h = perRequest();
    h.send(0, { io: 2 }); // instance 0: 1..3
    h.send(0.5, { io: 3 }); // instance 1: 1.5..4.5
    h.send(10, { io: 1 }); // both idle: the newest (1) serves 10..11
    h.sim.run(10);
    expect(h.loads()).toEqual([0, 1]);
    // Instance 0 expires at 3 + 600 = 603; instance 1 at 11 + 600 = 611.
    h.sim.run(602.999);
    expect(h.instances()).toBe(2);
    h.sim.run(603);
    expect(h.instances()).toBe(1);
    h.sim.run(610.999);
    expect(h.instances()).toBe(1);
    h.sim.run(611);
    expect(h.instances()).toBe(0);
    expect(h.stats.all.instanceStarts).toBe(2);
  });

  it('an instance expires exactly keepAlive after its last request, stops for shutdownGrace, then is gone', () => {
    const h = perRequest({ keepAlive: 600, shutdownGrace: 10 });
    h.send(0, { io: 4 }); // ready at 1, busy 1..5
    h.send(300, { io: 2 }); // reuses it: busy 300..302
    h.sim.run(901.999);
    expect(h.instances()).toBe(1);
    expect(h.stats.idle.value).toBe(1);
    h.sim.run(902); // 302 + 600
    expect(h.instances()).toBe(0);
    expect(h.existing()).toBe(1); // stopping: SIGTERM, up to 10 s of grace
    h.sim.run(911.999);
    expect(h.existing()).toBe(1);
    h.sim.run(912);
    expect(h.existing()).toBe(0);
    expect(h.stats.all.instanceStarts).toBe(1);
    expect(h.stats.all.coldStartRequests).toBe(1);
    // Billable: start-up and first request 0..5, second request 300..302, grace 902..912.
    expect(h.platform.ledger.component('cpu', 1000)).toBeCloseTo((5 + 2 + 10) * CPU_RATE, 15);
    // Time-weighted instance count: exists (starting, busy or idle) from 0 to 902.
    const r = h.stats.read(1000);
    expect(r.starting + r.busy + r.idle).toBeCloseTo(902, 9);
  });

  it('min instances do not expire: a request long after keepAlive is served warm', () => {
    const h = perRequest({ minInstances: 1, keepAlive: 600 });
    h.sim.run(0);
    expect(h.stats.all.instanceStarts).toBe(1);
    h.send(700, { io: 1 }); // the min instance, idle since 1, is still there: busy 700..701
    h.send(700.5, { io: 1 }); // a second instance of its own: busy 701.5..702.5
    // The first to expire (701 + 600) goes, as there are then more than min instances; the
    // other (702.5 + 600) stays as the min instance.
    h.sim.run(1300.999);
    expect(h.instances()).toBe(2);
    h.sim.run(1301);
    expect(h.instances()).toBe(1);
    h.sim.run(5000);
    expect(h.instances()).toBe(1);
    expect(h.stats.all.instanceStarts).toBe(2);
    expect(h.stats.all.coldStartRequests).toBe(1);
    expect(h.stats.latency.mean).toBe((1 + 2) / 2);
  });

  // Regression (fuzz seed 763586800, "instance counts 0/1/-1"): a request of zero CPU and I/O
  // bound to a fresh instance finishes inside onReady; the instance then got two expiries and
  // was retired twice, the second time while another instance was busy, so idle went to -1.
  it('a zero-work request on a fresh instance arms one expiry: retired once, counts never negative', () => {
    const h = perRequest({ keepAlive: 100, shutdownGrace: 10 });
    h.send(0, {}); // instance 0: ready at 1, serves 0 s of work at once, idle from 1, expires at 101
    h.send(0, { io: 200 }); // instance 1: ready at 1, busy 1..201 (within the 300 s timeout)
    const seen: [number, number, number, number][] = [];
    for (const t of [1, 100.999, 101, 110.999, 111, 200.999, 201, 300.999, 301, 400]) {
      h.sim.run(t); // threw "invariant broken: instance counts 0/1/-1 at t=101" before the fix
      seen.push([h.stats.starting.value, h.stats.busy.value, h.stats.idle.value, h.existing()]);
    }
    for (const counts of seen) for (const c of counts) expect(c).toBeGreaterThanOrEqual(0);
    // [starting, busy, idle, existing (stopping included)]
    expect(seen).toEqual([
      [0, 1, 1, 2], // t = 1: instance 0 idle (its request done at once), instance 1 busy
      [0, 1, 1, 2],
      [0, 1, 0, 2], // t = 101 = 1 + 100: instance 0 expires, once; stopping for its 10 s grace
      [0, 1, 0, 2],
      [0, 1, 0, 1], // t = 111: instance 0 gone
      [0, 1, 0, 1],
      [0, 0, 1, 1], // t = 201: instance 1 done, idle
      [0, 0, 1, 1],
      [0, 0, 0, 1], // t = 301 = 201 + 100: instance 1 expires
      [0, 0, 0, 0],
    ]);
    // Accounting identity: every arrival is accounted for exactly once.
    const a = h.stats.all;
    expect(a.arrived).toBe(2);
    expect(a.completed + a.rejected + a.timedOut + a.failed + a.unfinished).toBe(a.arrived);
    expect(a.completed).toBe(2);
    expect(a.instanceStarts).toBe(2);
    // Time-weighted instances (starting + busy + idle): instance 0 0..101, instance 1 0..301.
    const r = h.stats.read(400);
    expect(r.starting + r.busy + r.idle).toBeCloseTo(101 + 301, 9);
  });

  it('rejects at once beyond maxInstances', () => {
    const h = perRequest({ maxInstances: 2 });
    h.send(0, { io: 10 });
    h.send(1, { io: 10 });
    h.send(2, { io: 10 });
    h.sim.run(2);
    expect(h.stats.all.rejected).toBe(1);
    expect(h.stats.queued.value).toBe(0);
    h.sim.run(100);
    expect(h.stats.all.instanceStarts).toBe(2);
    expect(h.stats.all.completed).toBe(2);
    expect(h.stats.all.rejected).toBe(1);
  });

  // scale-per-request takes the newest idle instance whatever `routing` says (the preset's
  // least-loaded would pick the oldest among idle ones), as SimFaaS and AWS Lambda do.
  it('takes the newest idle instance with the preset routing too', () => {
    const h = perRequest({ routing: 'least-loaded' });
    h.send(0, { io: 2 });
    h.send(0.5, { io: 3 });
    h.send(10, { io: 1 });
    h.sim.run(10);
    expect(h.loads()).toEqual([0, 1]);
  });
});

describe('CloudRunPlatform: the cloud-run metric loop', () => {
  // 10 requests a second, each 2 s of I/O: 20 in flight on average (Little's law). With
  // concurrency 10 and the 60 % target that asks for ceil(20 / 6) = 4 instances.
  const sustained = () => {
    const h = harness({ coldStart: constant(1), concurrency: 10, evaluationInterval: 5, metricWindow: 60, scaleInDelay: 60, maxIdle: 900 });
    for (let i = 0; i < 6000; i++) h.send(i / 10, { io: 2 }); // 0 .. 599.9
    return h;
  };

  it('scales out under sustained load to the 60 % concurrency target', () => {
    const h = sustained();
    h.sim.run(300);
    expect(h.instances()).toBe(4);
    h.sim.run(599);
    expect(h.instances()).toBe(4);
    expect(h.stats.all.rejected).toBe(0);
  });

  it('scales in to one instance after the load stops, and to zero only after maxIdle of idleness', () => {
    const h = sustained();
    h.sim.run(800);
    // 60 s for the window to forget the load, 60 s of scale-in delay: long since down to one.
    expect(h.instances()).toBe(1);
    expect(h.stats.all.completed).toBe(6000);
    // The last request completes at 599.9 + 2 = 601.9; the idle cap is 900 s, so the first
    // evaluation (every 5 s) at or after 1501.9 retires it: 1505.
    h.sim.run(1504.999);
    expect(h.instances()).toBe(1);
    h.sim.run(1505);
    expect(h.instances()).toBe(0);
  });

  it('a single request: the instance stays for maxIdle, then scales to zero', () => {
    const h = harness({ coldStart: constant(1), evaluationInterval: 5, maxIdle: 900 });
    h.send(0, { io: 2 }); // served 1..3
    h.sim.run(904.999);
    expect(h.instances()).toBe(1);
    h.sim.run(905); // first evaluation with 905 - 3 >= 900
    expect(h.instances()).toBe(0);
    h.sim.run(1000);
    // Billable: start-up and request 0..3, then the 10 s grace 905..915.
    expect(h.platform.ledger.component('cpu', 1000)).toBeCloseTo(13 * CPU_RATE, 15);
    expect(h.platform.ledger.component('idle', 1000)).toBe(0); // not a min instance
  });
});

describe('CloudRunPlatform: the cloud-run metric loop (on-demand instances)', () => {
  // An on-demand start counts as a recommendation in the scale-in history, so the instance is
  // kept for scaleInDelay after it goes idle (DESIGN.md), not restarted for every burst.
  it('an instance started on demand for a burst is kept for scaleInDelay after it goes idle', () => {
    const h = harness({ coldStart: constant(1), concurrency: 10, evaluationInterval: 5, scaleInDelay: 60 });
    for (let k = 0; k < 15; k++) h.send(k * 0.01, { io: 1 }); // 15 > 10: two instances on demand
    h.sim.run(1);
    expect(h.stats.all.instanceStarts).toBe(2);
    h.sim.run(30); // both idle since about 2 s
    expect(h.instances()).toBe(2);
  });

  it('a burst larger than one instance starts a second one on demand; both serve cold', () => {
    // Instance 0 starts at 0 (ready at 1) and takes the first 10; the 11th request (at 0.10)
    // finds 11 waiting > 1 starting x 10 and starts instance 1 (ready at 1.10), which takes 5.
    const h = harness({ coldStart: constant(1), concurrency: 10 });
    for (let k = 0; k < 15; k++) h.send(k * 0.01, { io: 1 });
    h.sim.run(0.095);
    expect(h.stats.all.instanceStarts).toBe(1);
    h.sim.run(0.1);
    expect(h.stats.all.instanceStarts).toBe(2);
    h.sim.run(1000);
    expect(h.stats.all.instanceStarts).toBe(2);
    expect(h.stats.all.completed).toBe(15);
    expect(h.stats.all.coldStartRequests).toBe(15);
    // Waits: 1 - 0.00 .. 0.09 (mean 0.955) and 1.1 - 0.10 .. 0.14 (mean 0.98).
    expect(h.stats.coldStartWait.mean).toBeCloseTo((10 * 0.955 + 5 * 0.98) / 15, 12);
    expect(h.instances()).toBe(0); // long since scaled to zero
  });
});

describe('CloudRunPlatform: the cloud-run metric loop (CPU)', () => {
  it('scales on CPU when concurrency alone would keep one instance', () => {
    // 2 requests a second of 0.4 vCPU-s each: 0.8 vCPU in use on 1-vCPU instances asks for
    // ceil(0.8 / 0.6) = 2; in flight stays below 48, which alone would ask for 1.
    const h = harness({ coldStart: constant(1), concurrency: 80 });
    for (let i = 0; i < 1200; i++) h.send(i / 2, { cpu: 0.4 }); // 0 .. 599.5
    h.sim.run(3);
    expect(h.instances()).toBe(1); // the on-demand start only
    h.sim.run(300);
    expect(h.instances()).toBe(2);
    expect(h.stats.all.instanceStarts).toBe(2);
  });
});

describe('CloudRunPlatform: startup CPU boost', () => {
  // docs/gcp-facts.md: 1 vCPU -> 2 during start-up and for 10 s after.
  it('two CPU-bound requests right after the cold start run at 2 vCPU on a 1-vCPU instance with 2 workers', () => {
    // coldStartCpuFraction 0: the start-up itself is not shortened, so it stays exactly 1 s.
    const h = harness({ coldStart: constant(1), cpu: 1, workers: 2, startupCpuBoost: true, coldStartCpuFraction: 0 });
    h.send(0, { cpu: 1 });
    h.send(0, { cpu: 1 });
    h.sim.run(100);
    // Ready at 1; with the boost each request has a whole vCPU: done at 2 (latency 2). Without
    // it they share one vCPU and are done at 3.
    expect(h.stats.latency.mean).toBe(2);
  });

  it('ends 10 s after the instance is ready', () => {
    const h = harness({ coldStart: constant(1), cpu: 1, workers: 2, startupCpuBoost: true, coldStartCpuFraction: 0 });
    h.send(0, { io: 0.5 }); // starts the instance; ready at 1
    h.send(20, { cpu: 1 });
    h.send(20, { cpu: 1 });
    h.sim.run(100);
    // At 20 the boost is over (ended at 11): the two share one vCPU and take 2 s each.
    expect(h.stats.latency.max).toBe(2);
  });

  it('without the boost, the same two requests share one vCPU', () => {
    const h = harness({ coldStart: constant(1), cpu: 1, workers: 2 });
    h.send(0, { cpu: 1 });
    h.send(0, { cpu: 1 });
    h.sim.run(100);
    expect(h.stats.latency.mean).toBe(3);
  });

  it('shortens the CPU-bound share of the cold start by the boost', () => {
    // 2 s start-up, half of it CPU work at 2x: 1 + 0.5 = 1.5 s.
    const h = harness({ coldStart: constant(2), cpu: 1, startupCpuBoost: true, coldStartCpuFraction: 0.5 });
    h.send(0, { io: 1 });
    h.sim.run(100);
    expect(h.stats.coldStartWait.mean).toBe(1.5);
  });
});

describe('CloudRunPlatform: request timeout', () => {
  it('a request longer than requestTimeout counts as timed out, not completed', () => {
    const h = harness({ coldStart: constant(2), requestTimeout: 5 });
    h.send(0, { io: 4 }); // waits 2 s for the cold start: 6 s end to end
    h.send(10, { io: 4 }); // warm: 4 s
    h.send(20, { io: 5 }); // exactly at the timeout: completed
    h.sim.run(100);
    expect(h.stats.all.timedOut).toBe(1);
    expect(h.stats.all.completed).toBe(2);
    expect(h.stats.latency.count).toBe(2);
    expect(h.stats.latency.max).toBe(5);
  });
});

describe('CloudRunPlatform: request-based billing', () => {
  it('a busy stretch is billed once across overlapping requests, each stretch rounded up to 100 ms', () => {
    const h = harness({ coldStart: constant(0.5) });
    h.send(0, { io: 1 }); // starts the instance; served 0.5..1.5
    h.send(1, { io: 0.75 }); // overlaps: 1..1.75
    h.send(50, { io: 0.01 }); // alone: 50..50.01, billed 0.1 s
    h.sim.run(100);
    // Stretches 0..1.75 (start-up included, billed 1.8 s) and 50..50.01 (billed 0.1 s).
    const ledger = h.platform.ledger;
    expect(ledger.component('cpu', 100)).toBeCloseTo(1.9 * CPU_RATE, 15);
    expect(ledger.component('memory', 100)).toBeCloseTo(1.9 * MEMORY_RATE, 15);
    expect(ledger.component('requests', 100)).toBeCloseTo(3 * 0.4e-6, 18);
    expect(ledger.component('idle', 100)).toBe(0);
    expect(ledger.total(100)).toBeCloseTo(1.9 * (CPU_RATE + MEMORY_RATE) + 3 * 0.4e-6, 15);
  });

  it('egress is billed per GiB of response', () => {
    const h = harness({ coldStart: constant(0.5) });
    h.send(0, { io: 0.1, bytes: 1024 ** 3 });
    h.sim.run(10);
    expect(h.platform.ledger.component('network', 10)).toBeCloseTo(0.12, 15);
  });

  it('close() ends open stretches at the end of the run', () => {
    const h = harness({ coldStart: constant(1) });
    h.send(0, { io: 100 }); // billable from 0, still busy at 10
    h.sim.run(10);
    h.platform.close(10);
    expect(h.platform.ledger.component('cpu', 10)).toBeCloseTo(10 * CPU_RATE, 15);
  });
});

describe('CloudRunPlatform: instance-based billing', () => {
  const INSTANCE_RATE = 1 * 0.000018 + 0.5 * 0.000002;

  it('bills from creation to termination (grace included), no request fee', () => {
    const h = harness({ coldStart: constant(1), billing: 'instance' });
    h.send(0, { io: 2 }); // instance 0..915: retired at 905 (idle since 3), gone at 915
    h.sim.run(2000);
    const ledger = h.platform.ledger;
    expect(ledger.component('cpu', 2000) + ledger.component('memory', 2000)).toBeCloseTo(915 * INSTANCE_RATE, 12);
    expect(ledger.component('requests', 2000)).toBe(0);
    expect(ledger.component('idle', 2000)).toBe(0);
  });

  it('bills at least one minute per instance', () => {
    const h = harness({ coldStart: constant(1), billing: 'instance' });
    h.send(0, { io: 2 });
    h.sim.run(20);
    h.platform.close(20);
    expect(h.platform.ledger.total(20)).toBeCloseTo(60 * INSTANCE_RATE, 12);
  });
});

describe('CloudRunPlatform: routing', () => {
  // Two warm instances (ids 0 and 1). r0 holds a slot for long; r1 is short; r2 arrives after
  // r1 is done. Least-loaded sends r2 to the empty instance 1; round-robin to instance 0.
  const pattern = (routing: CloudRunSpec['routing']) => {
    const h = harness({ coldStart: constant(1), minInstances: 2, routing });
    h.send(10, { io: 100 });
    h.send(11, { io: 1 });
    h.send(20, { io: 100 });
    h.sim.run(11);
    const afterTwo = h.loads();
    h.sim.run(20);
    return { afterTwo, afterThree: h.loads() };
  };

  it('least-loaded: fewest in flight, ties to the oldest', () => {
    expect(pattern('least-loaded')).toEqual({ afterTwo: [1, 1], afterThree: [1, 1] });
  });

  it('round-robin: takes turns whatever the load', () => {
    expect(pattern('round-robin')).toEqual({ afterTwo: [1, 1], afterThree: [2, 0] });
  });

  it('newest: fills the newest instance first', () => {
    expect(pattern('newest')).toEqual({ afterTwo: [0, 2], afterThree: [0, 2] });
  });

  it('round-robin skips a full instance', () => {
    const h = harness({ coldStart: constant(1), minInstances: 2, concurrency: 1, routing: 'round-robin' });
    h.send(10, { io: 100 }); // instance 0
    h.send(11, { io: 1 }); // instance 1, done at 12
    h.send(20, { io: 100 }); // cursor at 0, which is full: instance 1
    h.sim.run(20);
    expect(h.loads()).toEqual([1, 1]);
  });

  it('random: spreads requests about evenly, deterministically for a seed', () => {
    const spread = () => {
      const h = harness({ coldStart: constant(1), minInstances: 4, concurrency: 1000, routing: 'random' });
      for (let i = 0; i < 2000; i++) h.send(10 + i / 1000, { io: 1000 });
      h.sim.run(20);
      return h.loads();
    };
    const loads = spread();
    expect(loads.reduce((a, b) => a + b, 0)).toBe(2000);
    // Binomial(2000, 1/4): mean 500, sd about 19.4; 5 sd either side.
    for (const n of loads) {
      expect(n).toBeGreaterThan(400);
      expect(n).toBeLessThan(600);
    }
    expect(new Set(loads).size).toBeGreaterThan(1); // not a round-robin in disguise
    expect(spread()).toEqual(loads);
  });

  it('least-loaded: many long requests on four instances end up exactly balanced', () => {
    const h = harness({ coldStart: constant(1), minInstances: 4, concurrency: 1000 });
    for (let i = 0; i < 2000; i++) h.send(10 + i / 1000, { io: 1000 });
    h.sim.run(20);
    expect(h.loads()).toEqual([500, 500, 500, 500]);
  });
});

describe('CloudRunPlatform: startup CPU boost billing', () => {
  it('bills the boosted vCPU while starting and for 10 s after ready, the base vCPU after', () => {
    // 1 vCPU boosted to 2, cold start 2 s (no CPU share), one request holding the instance 20 s.
    const h = harness({ coldStart: constant(2), cpu: 1, startupCpuBoost: true, coldStartCpuFraction: 0 });
    h.send(0, { io: 20 });
    h.sim.run(100);
    // Billable 0..22 s (start-up 2 s + 20 s in flight), of which 0..12 s at 2 vCPU:
    // cpu = (22 x 1 + 12 x 1) x 0.000024 = 0.000816.
    expect(h.platform.ledger.component('cpu', 100)).toBeCloseTo(0.000816, 12);
  });

  it('instance-based billing charges the boost from creation to 10 s after ready', () => {
    const h = harness({ coldStart: constant(2), cpu: 1, startupCpuBoost: true, coldStartCpuFraction: 0, billing: 'instance' });
    h.send(0, { io: 1 });
    h.sim.run(5);
    // Boosted 0..12 s: at t = 5 the cpu line is 5 s x 2 vCPU x 0.000018.
    expect(h.platform.ledger.component('cpu', 5)).toBeCloseTo(5 * 2 * 0.000018, 12);
  });
});

describe('CloudRunPlatform: cpu-aware routing with the asyncio server', () => {
  // Two min instances (ready at t = 2 after their 2 s start), one asyncio worker each. From
  // t = 10: A (I/O only) goes to instance 0, B (5 s of CPU) to instance 1, C (I/O only) to
  // instance 0: instance 0 holds 2 requests in I/O, instance 1 one computing. D (1 s of CPU) at
  // t = 13: least-loaded sends it to instance 1 (1 < 2 in flight), where it waits behind B until
  // t = 16; cpu-aware sends it to instance 0, whose loop is free: done at t = 14.
  const run = (routing: CloudRunSpec['routing']) => {
    const h = harness({ minInstances: 2, server: 'asyncio', routing });
    h.send(10, { io: 10 });
    h.send(11, { cpu: 5 });
    h.send(12, { io: 10 });
    h.send(13, { cpu: 1 });
    h.sim.run(13.5);
    const at135 = h.loads();
    h.sim.run(14.5);
    return { at135, at145: h.loads() };
  };
  it('least-loaded ignores CPU: D queues behind the computing request', () => {
    expect(run('least-loaded')).toEqual({ at135: [2, 2], at145: [2, 2] });
  });
  it('cpu-aware sends D to the instance with spare CPU: done at t = 14', () => {
    expect(run('cpu-aware')).toEqual({ at135: [3, 1], at145: [2, 1] });
  });
});
