import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/platforms/registry.js';
import { cloudRun, cloudRunPlatform, fleet, vm } from '../billing/helpers.js';

/**
 * The front end's latency (Google Front End for Cloud Run, the external load balancer for VMs)
 * is part of what the client sees, not of the server's work or the bill.
 */
describe('frontEndLatency', () => {
  it('Cloud Run: a 1 s request through a 7 ms front end measures 1.007 s; the bill is unchanged', () => {
    const run = (frontEndLatency: string) => {
      const h = cloudRunPlatform(cloudRun({ coldStart: '1s', frontEndLatency }));
      h.send(0, { io: 1 });
      h.sim.run(100);
      h.platform.close(100);
      return h.platform;
    };
    const with7 = run('7ms');
    const with0 = run('0ms');
    // Waits 1 s for the cold start, then 1 s of I/O: 2 s, plus 7 ms.
    expect(with7.stats.latency.mean).toBeCloseTo(2.007, 3);
    expect(with0.stats.latency.mean).toBeCloseTo(2, 3);
    expect(with7.ledger.total(100)).toBe(with0.ledger.total(100));
  });

  it('VMs: the load balancer adds it; a VM reached on its own IP has no front end', () => {
    const run = (externalLoadBalancer: boolean) => {
      const f = fleet(vm({ count: 1, externalLoadBalancer, frontEndLatency: '7ms' }));
      f.respond(10, 100);
      f.close(100);
      return f.platform.stats.latency.mean;
    };
    expect(run(true)).toBeCloseTo(0.007, 3);
    expect(run(false)).toBeCloseTo(0, 3);
  });

  it("the registry's frontEnd says which specs have one, the same as the models: another thread draws those ahead", () => {
    const crSpec = cloudRun({ frontEndLatency: '7ms' });
    expect(PLATFORMS.of(crSpec).frontEnd(crSpec)).toEqual(crSpec.frontEndLatency);
    for (const externalLoadBalancer of [true, false]) {
      const spec = vm({ count: 1, externalLoadBalancer, frontEndLatency: '7ms' });
      const latency = PLATFORMS.of(spec).frontEnd(spec);
      expect(latency).toEqual(externalLoadBalancer ? spec.frontEndLatency : null);
      // A platform without a front end refuses draws made for one (src/metrics/platform-stats.ts).
      const f = fleet(spec);
      const give = (): void => f.platform.stats.drawFrontEndFrom({ next: () => 0 });
      if (latency === null) expect(give).toThrow(/without a front end/);
      else expect(give).not.toThrow();
    }
  });
});
