import { describe, expect, it } from 'vitest';
import { Simulation } from '../../src/engine/simulation.js';
import { CloudRunPlatform } from '../../src/platforms/cloud-run/cloud-run.js';
import { RecordingObserver } from '../../src/platforms/recording-observer.js';
import { cloudRunSpec, constant } from '../helpers/specs.js';

describe('lifecycle event log', () => {
  it('one instance, two requests: cold start, reuse, keep-alive expiry, shutdown (scale-per-request)', () => {
    const sim = new Simulation(1);
    const log = new RecordingObserver();
    const spec = cloudRunSpec({ autoscaler: 'scale-per-request', concurrency: 1, coldStart: constant(1), keepAlive: 10, shutdownGrace: 2 });
    const platform = new CloudRunPlatform(sim, spec, 0, [], [log]);
    sim.at(0, () => platform.arrive({ id: 0, arrival: 0, cpu: 0.5, io: 0.2, bytes: 1000 }));
    sim.at(3, () => platform.arrive({ id: 1, arrival: 3, cpu: 0.5, io: 0, bytes: 1000 }));
    sim.run(20);
    platform.close(20);
    expect(log.log).toEqual([
      // r0 finds no instance: scale-per-request starts one for it (cold start 1 s).
      't=0 request-arrived r0',
      't=0 instance-created #0',
      't=0 instances starting=1 busy=0 idle=0',
      // Ready at 1: r0, bound to it, starts at once (a cold start for r0).
      't=1 instance-ready #0',
      't=1 cpu-capacity 1',
      't=1 instance-busy #0',
      't=1 instances starting=0 busy=1 idle=0',
      't=1 request-started r0 cold',
      't=1 in-flight 1',
      't=1 cpu-in-use 1',
      // 0.5 s of CPU on a dedicated vCPU, then 0.2 s of I/O: done at 1.7.
      't=1.5 cpu-in-use 0',
      't=1.7 in-flight 0',
      't=1.7 request-ended r0 completed',
      't=1.7 request-served r0',
      't=1.7 instance-idle #0',
      't=1.7 instances starting=0 busy=0 idle=1',
      // r1 at 3 finds the idle instance (no cold start): 0.5 s of CPU, no I/O.
      't=3 request-arrived r1',
      't=3 instance-busy #0',
      't=3 instances starting=0 busy=1 idle=0',
      't=3 request-started r1',
      't=3 in-flight 1',
      't=3 cpu-in-use 1',
      't=3.5 cpu-in-use 0',
      't=3.5 in-flight 0',
      't=3.5 request-ended r1 completed',
      't=3.5 request-served r1',
      't=3.5 instance-idle #0',
      't=3.5 instances starting=0 busy=0 idle=1',
      // keepAlive 10 s after the last request: retired at 13.5, SIGTERM, exit after shutdownGrace 2 s.
      't=13.5 cpu-capacity 0',
      't=13.5 instances starting=0 busy=0 idle=0',
      't=13.5 instance-stopping #0 exit in 2',
      't=15.5 instance-gone #0',
      't=20 run-ended',
    ]);
    // Request-based billing from the same events: billable while starting and busy (0-1.7),
    // busy (3-3.5) and shutting down (13.5-15.5) = 4.2 s, each stretch a whole number of
    // 100-ms granules, at 1 vCPU x $0.000024 and 0.5 GiB x $0.0000025 per second.
    expect(platform.ledger.component('cpu', 20)).toBeCloseTo(4.2 * 0.000024, 15);
    expect(platform.ledger.component('memory', 20)).toBeCloseTo(4.2 * 0.5 * 0.0000025, 15);
    expect(platform.ledger.component('requests', 20)).toBeCloseTo(2 * 0.4e-6, 15);
  });
});
