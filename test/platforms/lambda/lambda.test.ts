/**
 * LambdaPlatform driven directly on a Simulation with constant INIT and request work, so that
 * each run is an exact sequence of lifecycle events, and each bill a sum worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import type { LifecycleInstance, LifecycleObserver, RequestOutcome } from '../../../src/platforms/lifecycle.js';
import { LambdaPlatform } from '../../../src/platforms/lambda/lambda.js';
import type { LambdaSpec } from '../../../src/scenario/types.js';
import type { Request } from '../../../src/workload/request.js';
import { lambdaSpec } from './spec.js';

/** Writes the lifecycle down as "t event id" lines (levels and counts left out). */
class Recorder implements LifecycleObserver {
  readonly log: string[] = [];
  private line(now: number, text: string): void {
    this.log.push(`${Number(now.toFixed(9))} ${text}`);
  }
  instanceCreated(now: number, inst: LifecycleInstance, started: boolean): void {
    this.line(now, `created env${inst.id}${started ? '' : ' (running)'}`);
  }
  instanceReady(now: number, inst: LifecycleInstance): void {
    this.line(now, `ready env${inst.id}`);
  }
  instanceBusy(now: number, inst: LifecycleInstance): void {
    this.line(now, `busy env${inst.id}`);
  }
  instanceIdle(now: number, inst: LifecycleInstance): void {
    this.line(now, `idle env${inst.id}`);
  }
  instanceStopping(now: number, inst: LifecycleInstance): void {
    this.line(now, `stopping env${inst.id}`);
  }
  instanceGone(now: number, inst: LifecycleInstance): void {
    this.line(now, `gone env${inst.id}`);
  }
  requestArrived(now: number, req: Request): void {
    this.line(now, `arrived r${req.id}`);
  }
  requestStarted(now: number, req: Request, cold: boolean): void {
    this.line(now, `started r${req.id}${cold ? ' cold' : ''}`);
  }
  requestServed(now: number, req: Request): void {
    this.line(now, `served r${req.id}`);
  }
  requestEnded(now: number, req: Request, outcome: RequestOutcome): void {
    this.line(now, `ended r${req.id} ${outcome}`);
  }
}

function harness(over: Partial<LambdaSpec> = {}) {
  const sim = new Simulation(1);
  const spec = lambdaSpec({ coldStart: { dist: 'constant', value: 0.5 }, ...over });
  const recorder = new Recorder();
  const platform = new LambdaPlatform(sim, spec, 0, [], [recorder]);
  let nextId = 0;
  const send = (t: number, { cpu = 0, io = 0.1, bytes = 0 }: { cpu?: number; io?: number; bytes?: number } = {}): void => {
    const id = nextId++;
    sim.at(t, () => platform.arrive({ id, arrival: t, cpu, io, bytes }));
  };
  const runTo = (t: number): string[] => {
    while (sim.peek() <= t) sim.step();
    platform.close(t);
    return recorder.log;
  };
  return { sim, spec, platform, send, runTo };
}

describe('one request per execution environment', () => {
  it('cold start, then warm reuse of the same environment, then expiry 600 s after the last request', () => {
    const h = harness();
    h.send(0);
    h.send(1);
    expect(h.runTo(700)).toEqual([
      '0 arrived r0',
      '0 created env0',
      '0.5 ready env0', // INIT 0.5 s
      '0.5 busy env0',
      '0.5 started r0 cold',
      '0.6 ended r0 completed', // 0.1 s of I/O
      '0.6 served r0',
      '0.6 idle env0',
      '1 arrived r1',
      '1 busy env0', // the idle environment, no cold start
      '1 started r1',
      '1.1 ended r1 completed',
      '1.1 served r1',
      '1.1 idle env0',
      '601.1 stopping env0', // keep-alive 600 s after its last request
      '601.1 gone env0',
    ]);
    const s = h.platform.stats;
    expect(s.all.coldStartRequests).toBe(1);
    expect(s.all.instanceStarts).toBe(1);
  });

  it('two requests at once: two environments, each cold; a third later takes the newest idle one', () => {
    const h = harness();
    h.send(0);
    h.send(0);
    h.send(2);
    const log = h.runTo(3);
    expect(log.filter((l) => l.includes('created'))).toEqual(['0 created env0', '0 created env1']);
    expect(log).toContain('2 busy env1');
  });

  it('routing "most-recently-used": the environment that became idle last', () => {
    const h = harness({ routing: 'most-recently-used' });
    h.send(0, { io: 0.3 }); // env0, idle at 0.8
    h.send(0, { io: 0.1 }); // env1, idle at 0.6
    h.send(2);
    expect(h.runTo(3)).toContain('2 busy env0');
  });
});

describe('throttling (429): the concurrency limit and the scaling rate', () => {
  it('concurrencyLimit 1: a second request while the first runs is rejected at once', () => {
    const h = harness({ concurrencyLimit: 1 });
    h.send(0);
    h.send(0.2);
    const log = h.runTo(1);
    expect(log).toContain('0.2 ended r1 rejected');
    expect(log.filter((l) => l.includes('created'))).toHaveLength(1);
    expect(h.platform.stats.all.rejected).toBe(1);
  });

  it('scaling rate 2 environments per 10 s: the third simultaneous cold start is throttled, one 5 s later is not', () => {
    const h = harness({ scalingRate: { environments: 2, per: 10 }, keepAlive: 0.01 });
    h.send(0, { io: 10 });
    h.send(0, { io: 10 });
    h.send(0, { io: 10 });
    h.send(5, { io: 10 }); // 5 s refill 1 environment (0.2 per second)
    const log = h.runTo(20);
    expect(log).toContain('0 ended r2 rejected');
    expect(log).toContain('5 created env2');
  });
});

describe('provisioned concurrency', () => {
  it('one warm provisioned environment at 0: the first request is warm, a concurrent second one starts on demand; the provisioned one never expires', () => {
    const h = harness({ provisionedConcurrency: 1 });
    h.send(1);
    h.send(1);
    expect(h.runTo(2000)).toEqual([
      '0 created env0 (running)',
      '0 ready env0',
      '0 idle env0',
      '1 arrived r0',
      '1 busy env0',
      '1 started r0',
      '1 arrived r1',
      '1 created env1',
      '1.1 ended r0 completed',
      '1.1 served r0',
      '1.1 idle env0',
      '1.5 ready env1',
      '1.5 busy env1',
      '1.5 started r1 cold',
      '1.6 ended r1 completed',
      '1.6 served r1',
      '1.6 idle env1',
      '601.6 stopping env1',
      '601.6 gone env1',
    ]);
  });

  it('the bill: 1 x 0.5 GB provisioned for 300 s (5-min rounding of 200 s) + r0 0.1 s at the provisioned price + r1 (0.5 s INIT + 0.1 s) on demand + 2 requests', () => {
    const h = harness({ provisionedConcurrency: 1 });
    h.send(1);
    h.send(1);
    h.runTo(200);
    // 0.5 x 300 x 0.0000041667 = 0.000625005; 0.1 x 0.5 x 0.0000097222 = 0.00000048611;
    // 0.6 x 0.5 x 0.0000166667 = 0.00000500001; 2 x 0.0000002 = 0.0000004.
    expect(h.platform.ledger.component('idle', 200)).toBeCloseTo(0.5 * 300 * 0.0000041667, 15);
    expect(h.platform.ledger.component('cpu', 200)).toBeCloseTo(0.1 * 0.5 * 0.0000097222 + 0.6 * 0.5 * 0.0000166667, 15);
    expect(h.platform.ledger.component('requests', 200)).toBeCloseTo(0.0000004, 15);
  });

  it('"cold" provisioned environments run their INIT from 0; a request meanwhile starts on demand', () => {
    const h = harness({ provisionedConcurrency: 1, provisionedStart: 'cold' });
    h.send(0.2);
    h.send(1);
    const log = h.runTo(2);
    expect(log.slice(0, 4)).toEqual(['0 created env0', '0.2 arrived r0', '0.2 created env1', '0.5 ready env0']);
    expect(log).toContain('1 busy env0'); // provisioned first, though env1 is newer
  });
});

describe('billing of invocations', () => {
  it('a cold invocation bills INIT + duration rounded up to 1 ms: (0.5 + 0.1203) s -> 621 ms x 0.5 GB', () => {
    const h = harness();
    h.send(0, { io: 0.1203 });
    h.runTo(1);
    expect(h.platform.ledger.component('cpu', 1)).toBeCloseTo(0.621 * 0.5 * 0.0000166667, 16);
  });

  it('initBilled false (before 2025-08-01): only the 0.1203 s -> 121 ms', () => {
    const h = harness({ initBilled: false });
    h.send(0, { io: 0.1203 });
    h.runTo(1);
    expect(h.platform.ledger.component('cpu', 1)).toBeCloseTo(0.121 * 0.5 * 0.0000166667, 16);
  });

  it('egress at each response: 1 GiB at $0.09', () => {
    const h = harness();
    h.send(0, { bytes: 1024 ** 3 });
    h.runTo(1);
    expect(h.platform.ledger.component('network', 1)).toBeCloseTo(0.09, 15);
  });
});

describe('CPU proportional to memory', () => {
  it('128 MB is 128/1769 vCPU: 30 ms of CPU take 0.03 x 1769 / 128 = 0.41460 s', () => {
    const h = harness({ memoryMiB: 128, memoryGiB: 0.125, vcpu: 128 / 1769, coldStart: { dist: 'constant', value: 0 } });
    h.send(0, { cpu: 0.03, io: 0 });
    const log = h.runTo(1);
    expect(log).toContain(`${Number((0.03 * 1769 / 128).toFixed(9))} served r0`);
  });

  it('3,538 MB (2 vCPU): a request computes on one thread, no faster than 1 vCPU: 30 ms', () => {
    const h = harness({ memoryMiB: 3538, memoryGiB: 3538 / 1024, vcpu: 2, coldStart: { dist: 'constant', value: 0 } });
    h.send(0, { cpu: 0.03, io: 0 });
    expect(h.runTo(1)).toContain('0.03 served r0');
  });
});

describe('timeout: Lambda stops the invocation', () => {
  it('io 5 s with a 3 s timeout: timed out 3 s after the start (INIT not counted), billed INIT + 3 s, the environment not reused', () => {
    const h = harness();
    h.send(0, { io: 5 });
    h.send(4);
    expect(h.runTo(5)).toEqual([
      '0 arrived r0',
      '0 created env0',
      '0.5 ready env0',
      '0.5 busy env0',
      '0.5 started r0 cold',
      '3.5 ended r0 timed-out',
      '3.5 stopping env0',
      '3.5 gone env0',
      '4 arrived r1',
      '4 created env1',
      '4.5 ready env1',
      '4.5 busy env1',
      '4.5 started r1 cold',
      '4.6 ended r1 completed',
      '4.6 served r1',
      '4.6 idle env1',
    ]);
    // r0: 0.5 + 3 = 3.5 s; r1: 0.5 + 0.1 = 0.6 s; at 0.5 GB.
    expect(h.platform.ledger.component('cpu', 5)).toBeCloseTo((3.5 + 0.6) * 0.5 * 0.0000166667, 15);
    expect(h.platform.stats.all.timedOut).toBe(1);
  });
});

describe('the end of the run', () => {
  it('a request still starting or in flight is unfinished; arrived = completed + rejected + timed out + unfinished', () => {
    const h = harness();
    h.send(0, { io: 2 });
    h.send(0.9);
    h.runTo(1);
    const all = h.platform.stats.all;
    expect(all.unfinished).toBe(2);
    expect(all.arrived).toBe(2);
  });
});
