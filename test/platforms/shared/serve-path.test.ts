import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { Lifecycle } from '../../../src/platforms/lifecycle.js';
import { RecordingObserver } from '../../../src/platforms/recording-observer.js';
import type { RequestServer } from '../../../src/platforms/server/request-server.js';
import { Deadlines } from '../../../src/platforms/shared/deadlines.js';
import { ServePath, type ServeHost, type ServingInstance } from '../../../src/platforms/shared/serve-path.js';
import type { Request } from '../../../src/workload/request.js';

const request = (id: number, arrival: number): Request => ({ id, arrival, cpu: 1, io: 0, bytes: 0 });

/** An instance whose server only notes what it was given: the test says when a request is done. */
class FakeInstance implements ServingInstance {
  inFlight = 0;
  readonly servesFrom = 0;
  readonly submitted: number[] = [];
  readonly server: RequestServer = {
    submit: (_work, req) => this.submitted.push(req.id),
    setCapacity: () => {},
    busyVcpu: 0,
  };
}

/**
 * A serving path over one instance with a client deadline of `timeout` seconds. The host's
 * calls go into the same log as the lifecycle events, so a test sees their exact order.
 */
function harness(timeout = Infinity) {
  const sim = new Simulation(1);
  const recorder = new RecordingObserver();
  const lifecycle = new Lifecycle([recorder]);
  const deadlines = new Deadlines(sim, timeout, (req) => lifecycle.requestEnded(sim.now, req, 'timed-out'));
  const waiting: Request[] = [];
  const note = (what: string): number => recorder.log.push(`t=${sim.now} host ${what}`);
  const host: ServeHost<FakeInstance> = {
    work: (_inst, req) => req.cpu,
    started: (_inst, req) => note(`started r${req.id}`),
    alive: () => true,
    leaving: (_inst, req) => note(`leaving r${req.id}`),
    nextWaiting: () => waiting.shift(),
    released: (_inst, handedOn) => note(`released${handedOn ? ' handed on' : ''}`),
  };
  const path = new ServePath(sim, lifecycle, deadlines, host);
  const inst = new FakeInstance();
  /** `req` arrives now and starts on the instance at once. */
  const start = (req: Request): void => {
    lifecycle.requestArrived(sim.now, req);
    deadlines.hold(req);
    path.serve(inst, req, false);
  };
  return { sim, log: recorder.log, path, inst, start, waiting, deadlines };
}

describe('ServePath.end: one request taken off an instance with an outcome', () => {
  it('two in flight, one ended as timed-out: counts drop by one, in-flight reported, then requestEnded once; no response, no hand-on', () => {
    const h = harness();
    const r0 = request(0, 0);
    const r1 = request(1, 0);
    const r2 = request(2, 1); // waits for a slot: end() must not hand it one
    h.sim.at(0, () => {
      h.start(r0);
      h.start(r1);
    });
    h.sim.at(1, () => h.waiting.push(r2));
    h.sim.at(2, () => {
      h.log.length = 0; // only what end() does
      h.path.end(h.inst, r0, 'timed-out');
    });
    h.sim.run(10);
    expect(h.log).toEqual(['t=2 host leaving r0', 't=2 in-flight 1', 't=2 request-ended r0 timed-out']);
    expect(h.inst.inFlight).toBe(1);
    expect(h.path.inFlight).toBe(1);
    expect(h.waiting).toEqual([r2]);
    expect(h.deadlines.size).toBe(1); // r1 still held
  });

  it('a request whose client deadline passed first keeps that outcome: requestEnded exactly once', () => {
    const h = harness(5);
    const r0 = request(0, 0);
    h.sim.at(0, () => h.start(r0));
    // The deadline pass at 5 ends r0 as timed-out; at 7 the platform takes it off as failed.
    h.sim.at(7, () => h.path.end(h.inst, r0, 'failed'));
    h.sim.run(10);
    expect(h.log.filter((l) => l.includes('request-ended'))).toEqual(['t=5 request-ended r0 timed-out']);
    expect(h.log.slice(-2)).toEqual(['t=7 host leaving r0', 't=7 in-flight 0']);
    expect(h.inst.inFlight).toBe(0);
    expect(h.path.inFlight).toBe(0);
  });

  it('done() ends a served request through the same steps, then serves the response and hands the slot on', () => {
    const h = harness();
    const r0 = request(0, 0);
    const r1 = request(1, 0.5);
    h.sim.at(0, () => h.start(r0));
    h.sim.at(0.5, () => {
      h.log.push('t=0.5 r1 waits');
      h.deadlines.hold(r1);
      h.waiting.push(r1);
    });
    h.sim.at(1, () => h.path.done(h.inst, r0));
    h.sim.run(10);
    expect(h.log).toEqual([
      't=0 request-arrived r0',
      't=0 request-started r0',
      't=0 host started r0',
      't=0 in-flight 1',
      't=0.5 r1 waits',
      't=1 host leaving r0',
      't=1 in-flight 0',
      't=1 request-ended r0 completed',
      't=1 request-served r0',
      't=1 request-started r1',
      't=1 host started r1',
      't=1 in-flight 1',
      't=1 host released handed on',
    ]);
    expect(h.inst.submitted).toEqual([0, 1]);
  });
});

describe('ServePath.drop: an instance lost with what it serves', () => {
  it('fails every request it holds, then reports requests in flight once', () => {
    const h = harness();
    const rs = [0, 1, 2].map((i) => request(i, 0));
    h.sim.at(0, () => rs.forEach((r) => h.start(r)));
    h.sim.at(3, () => {
      h.log.length = 0;
      h.path.drop(h.inst, rs);
    });
    h.sim.run(10);
    expect(h.log).toEqual([
      't=3 request-ended r0 failed',
      't=3 request-ended r1 failed',
      't=3 request-ended r2 failed',
      't=3 in-flight 0',
    ]);
    expect(h.inst.inFlight).toBe(0);
    expect(h.path.inFlight).toBe(0);
  });
});
