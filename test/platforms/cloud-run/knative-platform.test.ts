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

  it('scales to zero after the stable window empties plus the 30 s grace', () => {
    const h = kpa();
    h.send(0, 10); // in flight 0..11 (1 s cold start)
    h.sim.run(11);
    expect(h.instances()).toBe(1);
    // Window (60 s) empty at about 72 s, then 30 s grace: gone by about 102 s (2-s ticks), not before 90 s.
    h.sim.run(90);
    expect(h.instances()).toBe(1);
    h.sim.run(110);
    expect(h.instances()).toBe(0);
  });

  it('panics on a burst: the instance count jumps within a few ticks, not after a minute', () => {
    const h = kpa({ maxInstances: 100 });
    for (let k = 0; k < 7; k++) h.send(0, 300); // steady: one instance at target
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
