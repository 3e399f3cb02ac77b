import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { CloudRunPlatform } from '../../../src/platforms/cloud-run/cloud-run.js';
import type { CloudRunSpec } from '../../../src/scenario/types.js';
import { cloudRunSpec, constant } from '../../helpers/specs.js';

/** A Cloud Run platform on the `knative` policy, driven by hand. */
function kpa(over: Partial<CloudRunSpec> = {}) {
  const sim = new Simulation(1);
  const platform = new CloudRunPlatform(sim, cloudRunSpec({ autoscaler: 'knative', coldStart: constant(1), concurrency: 10, ...over }), 0);
  let id = 0;
  const send = (t: number, io: number) => sim.at(t, () => platform.arrive({ id: id++, arrival: t, cpu: 0, io, bytes: 0 }));
  const instances = () => platform.stats.starting.value + platform.stats.busy.value + platform.stats.idle.value;
  return { sim, platform, send, instances };
}

describe('CloudRunPlatform on the Knative Pod Autoscaler', () => {
  it('starts an instance at once from zero (activator poke) and serves the waiting request cold', () => {
    const h = kpa();
    h.send(5, 0.1);
    h.sim.run(5);
    expect(h.instances()).toBe(1);
    h.sim.run(10);
    expect(h.platform.stats.all.coldStartRequests).toBe(1);
    expect(h.platform.stats.coldStartWait.mean).toBe(1);
  });

  it('scales to the stable need: 35 in flight at target 10 x 0.7 = 7 per instance -> 5 instances', () => {
    const h = kpa({ maxInstances: 100 });
    // 35 long requests from t = 0 to t = 200.
    for (let k = 0; k < 35; k++) h.send(0, 200);
    h.sim.run(150);
    expect(h.instances()).toBe(5);
  });

  it('scales to zero once the stable window empties, about 60 s after the last request (not 90 s)', () => {
    const h = kpa({ knative: { ...cloudRunSpec().knative, initialScale: 0 } });
    h.send(0, 10); // in flight 0..11 (1 s cold start)
    h.sim.run(11);
    expect(h.instances()).toBe(1);
    // Window (60 s) empty at 72 s (the bucket [11, 12) leaves the window at 72, 2-s ticks): gone then.
    h.sim.run(71);
    expect(h.instances()).toBe(1);
    h.sim.run(73);
    expect(h.instances()).toBe(0);
  });

  it('starts at the initial scale, scales from zero to the activation scale', () => {
    const h = kpa({ knative: { ...cloudRunSpec().knative, initialScale: 2, activationScale: 3 }, minInstancesStart: 'cold' });
    h.sim.run(0.5);
    expect(h.instances()).toBe(2); // initial scale, starting
    h.sim.run(200); // no traffic: down to zero
    expect(h.instances()).toBe(0);
    h.send(300, 0.1);
    h.sim.run(300);
    expect(h.instances()).toBe(3); // the poke from zero starts the activation scale
  });

  it('holds waiting requests up to the request timeout (activator), then 503', () => {
    // Max 1 instance, concurrency 1, one 100-s request: the others wait, not 429 after 10 s.
    const h = kpa({ maxInstances: 1, concurrency: 1, requestTimeout: 30, knative: { ...cloudRunSpec().knative, initialScale: 0 } });
    h.send(0, 100);
    h.send(1, 0.1);
    h.sim.run(20);
    expect(h.platform.stats.all.rejected).toBe(0); // still held at 20 s
    h.sim.run(40);
    expect(h.platform.stats.all.rejected).toBe(1); // rejected at 1 + 30 = 31 s
  });

  it('removes busy instances on scale-down: the newest goes and drains its requests', () => {
    const h = kpa({ maxInstances: 100, knative: { ...cloudRunSpec().knative, initialScale: 0 } });
    // 7 short (20 s) then 7 long (250 s) requests at 0. The first instance (ready at 1 s, FIFO)
    // takes the 7 short and 3 long; the panic start at 2 s brings a second, which takes the
    // other 4 long. Once the short ones end, 7 in flight at target 7 asks for 1 instance: the
    // newest goes although it serves 4 requests, and drains them.
    for (let k = 0; k < 7; k++) h.send(0, 20);
    for (let k = 0; k < 7; k++) h.send(0, 250);
    h.sim.run(10);
    expect(h.instances()).toBe(2);
    h.sim.run(200);
    expect(h.instances()).toBe(1);
    expect(h.platform.stats.inFlight.value).toBe(7); // 3 on the kept instance, 4 draining
    h.sim.run(600);
    expect(h.platform.stats.all.completed).toBe(14);
  });

  it('panics on a burst: the instance count jumps within a few ticks, not after a minute', () => {
    const h = kpa({ maxInstances: 100 });
    for (let k = 0; k < 7; k++) h.send(0, 250); // steady: one instance at target
    h.sim.run(120);
    expect(h.instances()).toBe(1);
    for (let k = 0; k < 70; k++) h.send(120, 300); // a burst of 70 more
    h.sim.run(124);
    expect(h.instances()).toBeGreaterThan(1); // within two ticks of the burst
    h.sim.run(130);
    // Panic window 6 s: ceil(77 / 7) = 11 instances, long before the 60-s window catches up.
    expect(h.instances()).toBe(11);
  });
});
