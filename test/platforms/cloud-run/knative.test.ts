import { describe, expect, it } from 'vitest';
import {
  initialKnativeState,
  KNATIVE_DEFAULTS,
  knativeDecide,
  knativePanicWindow,
  knativeTarget,
  type KnativeObservation,
  type KnativeSpec,
  type KnativeState,
} from '../../../src/platforms/cloud-run/knative.js';
import { MetricBuckets } from '../../../src/platforms/cloud-run/metric-buckets.js';

/** knativeDecide(spec, { state, ...observed }, now), called with the state and the time apart. */
const decideWith = (sp: KnativeSpec, state: KnativeState, o: Omit<KnativeObservation, 'state'> & { now: number }) => knativeDecide(sp, { ...o, state }, o.now);

const spec = (o: Partial<KnativeSpec> = {}): KnativeSpec => ({ ...KNATIVE_DEFAULTS, ...o });
const state = (o: Partial<KnativeState> = {}): KnativeState => ({ ...initialKnativeState, ...o });

describe('knativeTarget and knativePanicWindow', () => {
  it.each([
    // [containerConcurrency, utilisation, target, why]
    [0, 0.7, 70, 'unlimited concurrency targets the default 100 x 0.7'],
    [10, 0.7, 7, '10 x 0.7'],
    [80, 0.7, 56, '80 x 0.7'],
    [1, 0.001, 0.01, 'never below 0.01'],
  ])('cc %d at %d -> %d (%s)', (cc, tu, expected) => {
    expect(knativeTarget(spec({ containerConcurrency: cc, targetUtilization: tu }))).toBeCloseTo(expected, 12);
  });

  it.each([
    [60, 10, 6, '10 % of 60 s'],
    [60, 5, 3, '5 % of 60 s'],
    [6, 10, 1, '0.6 s rounds to one 1-s bucket'],
    [10, 1, 1, 'at least one bucket'],
  ])('stable %d s at %d %% -> %d s (%s)', (sw, pct, expected) => {
    expect(knativePanicWindow(spec({ stableWindow: sw, panicWindowPercentage: pct }))).toBe(expected);
  });
});

describe('MetricBuckets', () => {
  it('is the time-weighted mean of concurrency over whole seconds', () => {
    const b = new MetricBuckets(60);
    b.record(0, 0);
    b.record(57.5, 120);
    // 120 in flight for the last 2.5 s: panic window [54, 60) = 120 x 2.5 / 6 = 50,
    // stable window [0, 60) = 300 / 60 = 5.
    expect(b.windowAverage(60, 6)).toBe(50);
    expect(b.windowAverage(60, 60)).toBe(5);
  });

  it('averages a window reaching back before the first reading over the seconds since then', () => {
    const b = new MetricBuckets(60);
    b.record(0, 70);
    // 10 s of data: the 60-s mean is 70, not 70 x 10 / 60.
    expect(b.windowAverage(10, 60)).toBe(70);
    expect(b.windowAverage(60, 60)).toBe(70);
  });

  it('has no data before the first whole second', () => {
    const b = new MetricBuckets(60);
    expect(b.windowAverage(5, 6)).toBeNull();
    b.record(0.5, 3);
    expect(b.windowAverage(1, 6)).toBeNull();
    // The half second [0.5, 1) is not a whole bucket; [1, 2) is.
    expect(b.windowAverage(2, 6)).toBe(3);
  });

  it('gives the same means from integral readings at the 2-s ticks', () => {
    const level = new MetricBuckets(60);
    const integral = new MetricBuckets(60);
    // Concurrency 0 until 3.25, 8 until 7.5, then 2.
    level.record(0, 0);
    level.record(3.25, 8);
    level.record(7.5, 2);
    const area = (t: number): number => 8 * Math.max(0, Math.min(t, 7.5) - 3.25) + 2 * Math.max(0, t - 7.5);
    for (let t = 0; t <= 12; t += 2) integral.recordIntegral(t, area(t));
    // [6, 12): 8 x 1.5 + 2 x 4.5 = 21 over 6 s = 3.5; [0, 12): 8 x 4.25 + 2 x 4.5 = 43 over 12 s.
    expect(level.windowAverage(12, 6)).toBe(3.5);
    expect(integral.windowAverage(12, 6)).toBe(3.5);
    expect(level.windowAverage(12, 60)).toBe(Math.floor((43 / 12) * 1e6) / 1e6);
    expect(integral.windowAverage(12, 60)).toBe(level.windowAverage(12, 60));
  });

  it('keeps only the stable window: old traffic drops out and memory does not grow', () => {
    const b = new MetricBuckets(60);
    b.record(0, 100);
    b.record(5000, 0);
    // [4970, 5030): 30 s of 100 and 30 s of 0 -> 50; by 5060 the window is empty -> 0.
    expect(b.windowAverage(5030, 60)).toBe(50);
    expect(b.windowAverage(5060, 60)).toBe(0);
    expect(b.windowAverage(100_000, 60)).toBe(0);
  });

  it('floors the mean to 6 decimals so that float noise does not add an instance', () => {
    const b = new MetricBuckets(60);
    // 70 in flight, re-recorded every 0.1 s: the bucket sums are 70 give or take 1e-14.
    for (let i = 0; i <= 600; i++) b.record(i * 0.1, 70);
    const mean = b.windowAverage(60, 60)!;
    expect(mean).toBeLessThanOrEqual(70);
    expect(Math.ceil(mean / 70)).toBe(1);
  });

  it('rejects time going back, mixed feeds and windows longer than its capacity', () => {
    const b = new MetricBuckets(60);
    b.record(10, 1);
    expect(() => b.record(9, 1)).toThrow(/time went back/);
    expect(() => b.recordIntegral(11, 1)).toThrow(/cannot be mixed/);
    expect(() => b.windowAverage(20, 61)).toThrow(/window = 61 s/);
    expect(() => new MetricBuckets(0)).toThrow(/capacity/);
  });
});

describe('knativeDecide, one tick', () => {
  it('says no-data without metrics and keeps the state', () => {
    const s = state({ panicTime: 10, maxPanicPods: 7 });
    const r = decideWith(spec(), s, { now: 12, stableConcurrency: null, panicConcurrency: 5, readyPods: 3 });
    expect(r.decision).toEqual({ state: 'no-data' });
    expect(r.next).toBe(s);
  });

  it.each([
    // [why, spec overrides, ready, stable, panic, desired, panicking]
    ['steady at target: 700 / 70 = 10 with 10 ready', {}, 10, 700, 700, 10, false],
    ['just over target: ceil(701 / 70) = 11', {}, 10, 701, 701, 11, false],
    ['cc 0 targets 70: ceil(210 / 70) = 3 with 2 ready', { containerConcurrency: 0 }, 2, 210, 210, 3, false],
    ['cc 10 targets 7: ceil(140 / 7) = 20; 20 / 1 >= 2 panics', { containerConcurrency: 10 }, 1, 140, 140, 20, true],
    ['scale-up rate 2 from 3 ready: 100 wanted, ceil(2 x 3) = 6', { maxScaleUpRate: 2 }, 3, 7000, 7000, 6, true],
    ['rate 1000 from zero: 5000 wanted, ceil(1000 x max(1, 0)) = 1000', {}, 0, 350_000, 350_000, 1000, true],
    ['scale-down rate 2: 10 ready go down to floor(10 / 2) = 5, not 1', {}, 10, 70, 70, 5, false],
    ['scale-down rate 2: 11 ready go down to floor(5.5) = 5', {}, 11, 70, 70, 5, false],
    ['scale-down rate 1.1: 100 ready go down to floor(100 / 1.1) = 90', { maxScaleDownRate: 1.1 }, 100, 70, 70, 90, false],
    ['panic at exactly 2x: ceil(560 / 70) = 8 = 2 x 4 ready -> 8', {}, 4, 280, 560, 8, true],
    ['no panic below 2x: ceil(490 / 70) = 7 < 8 -> stable 4', {}, 4, 280, 490, 4, false],
    ['panic takes the larger window: stable 1400 -> 20 over panic 8', {}, 4, 1400, 560, 20, true],
    ['maxScale 3 caps 10', { maxScale: 3 }, 10, 700, 700, 3, false],
    ['minScale 2 holds with no traffic', { minScale: 2 }, 2, 0, 0, 2, false],
    ['maxScale 0 is unbounded', { maxScale: 0 }, 10, 7000, 7000, 100, true],
  ] as const)('%s', (_why, overrides, readyPods, stable, panic, desired, panicking) => {
    const { decision } = decideWith(spec(overrides), initialKnativeState, {
      now: 100,
      stableConcurrency: stable,
      panicConcurrency: panic,
      readyPods,
    });
    expect(decision).toMatchObject({ state: 'scale', desired, panicking });
  });

  it('reports the count before min/max scale and the rate-limited window counts', () => {
    const { decision } = decideWith(spec({ maxScale: 3 }), initialKnativeState, {
      now: 0,
      stableConcurrency: 700,
      panicConcurrency: 700,
      readyPods: 10,
    });
    expect(decision).toEqual({ state: 'scale', desired: 3, panicking: false, recommended: 10, stablePods: 10, panicPods: 10 });
  });

  it.each([
    // [why, pod retention, noTrafficSince before, now, ready, desired, noTrafficSince after]
    ['default retention 0 s: zero at the first empty stable window', 0, null, 100, 1, 0, 100],
    ['retention 30 s, first empty window: keep the last instance', 30, null, 100, 1, 1, 100],
    ['retention 30 s, 29 s in: keep it', 30, 100, 129, 1, 1, 100],
    ['retention 30 s over: scale to zero', 30, 100, 130, 1, 0, 100],
    ['already at zero: do not start one to wait in', 0, null, 100, 0, 0, 100],
  ] as const)('scale to zero: %s', (_why, retention, since, now, readyPods, desired, after) => {
    const r = decideWith(spec({ scaleToZeroPodRetention: retention }), state({ noTrafficSince: since }), {
      now,
      stableConcurrency: 0,
      panicConcurrency: 0,
      readyPods,
    });
    expect(r.decision).toMatchObject({ desired, recommended: 0 });
    expect(r.next.noTrafficSince).toBe(after);
  });

  it('forgets the quiet spell as soon as the stable window holds traffic again', () => {
    const r = decideWith(spec(), state({ noTrafficSince: 100 }), {
      now: 120,
      stableConcurrency: 0.01,
      panicConcurrency: 0.1,
      readyPods: 1,
    });
    expect(r.decision).toMatchObject({ desired: 1 });
    expect(r.next.noTrafficSince).toBeNull();
  });
});

describe('knativeDecide on a synthetic clock', () => {
  it('enters panic at 2x, never shrinks in it, and leaves 60 s after the last trigger', () => {
    // Target 70 (cc 0). Each row is one tick: [now, ready, stable, panic, desired, panicking, why].
    const ticks = [
      [0, 10, 700, 1500, 22, true, 'dppc = ceil(1500 / 70) = 22, 22 / 10 >= 2: panic; max(10, 22)'],
      [2, 22, 700, 700, 22, true, 'windows ask for 10 (11 after floor(22 / 2)); panic keeps 22'],
      [4, 22, 750, 3150, 45, true, 'dppc = 45, 45 / 22 >= 2: panic extended to t = 4, grows to 45'],
      [30, 45, 800, 700, 45, true, 'calm again but panicking until after 4 + 60 = 64'],
      [64, 45, 800, 700, 45, true, 'not yet: leaving needs now > 64'],
      [66, 45, 800, 700, 22, false, 'panic over: stable ceil(800 / 70) = 12, held at floor(45 / 2) = 22'],
      [68, 22, 800, 800, 12, false, 'floor(22 / 2) = 11 no longer binds: 12'],
      [70, 12, 800, 1700, 25, true, 'new panic: 25 / 12 >= 2; starts from its own counts (25), not 45'],
    ] as const;
    let s = initialKnativeState;
    const seen: unknown[] = [];
    for (const [now, readyPods, stable, panic] of ticks) {
      const { decision, next } = decideWith(spec(), s, { now, stableConcurrency: stable, panicConcurrency: panic, readyPods });
      s = next;
      seen.push(decision.state === 'scale' ? [now, decision.desired, decision.panicking] : [now, decision.state]);
    }
    expect(seen).toEqual(ticks.map(([now, , , , desired, panicking]) => [now, desired, panicking]));
  });

  it('keeps the panic desire in the state and resets it on leaving', () => {
    const entered = decideWith(spec(), initialKnativeState, {
      now: 0,
      stableConcurrency: 700,
      panicConcurrency: 1500,
      readyPods: 10,
    });
    expect(entered.next).toEqual({ panicTime: 0, maxPanicPods: 22, noTrafficSince: null });
    const left = decideWith(spec(), entered.next, { now: 62, stableConcurrency: 700, panicConcurrency: 700, readyPods: 22 });
    expect(left.next).toEqual({ panicTime: null, maxPanicPods: 0, noTrafficSince: null });
  });

  it('scales to zero once the stable window is empty: about 60 s after the last request', () => {
    // One request in flight from 0 to 10.5 s, then nothing. The collector feeds the decider
    // every 2 s and the platform reaches `desired` at once. The stable window [now - 60, now)
    // last holds bucket [10, 11) at now = 70; at 72 it is empty (noTrafficSince = 72) and, with
    // the default pod retention of 0 s, the last instance goes then: 61.5 s after the last
    // request (the 30-s grace period only bounds the activator's take-over).
    const sp = spec();
    const buckets = new MetricBuckets(sp.stableWindow);
    buckets.record(0, 1);
    buckets.record(10.5, 0);
    let s = initialKnativeState;
    let ready = 1;
    const desiredAt = new Map<number, number>();
    for (let now = 2; now <= 140; now += sp.tickInterval) {
      const stable = buckets.windowAverage(now, sp.stableWindow);
      const panic = buckets.windowAverage(now, knativePanicWindow(sp));
      const { decision, next } = decideWith(sp, s, { now, stableConcurrency: stable, panicConcurrency: panic, readyPods: ready });
      s = next;
      if (decision.state === 'scale') ready = decision.desired;
      desiredAt.set(now, ready);
    }
    expect(desiredAt.get(70)).toBe(1);
    expect(desiredAt.get(72)).toBe(0);
    expect(desiredAt.get(100)).toBe(0);
    expect(desiredAt.get(140)).toBe(0);
    expect(s.noTrafficSince).toBe(72);
  });

  it('never reaches zero with minScale 1', () => {
    const r = decideWith(spec({ minScale: 1 }), state({ noTrafficSince: 0 }), {
      now: 1000,
      stableConcurrency: 0,
      panicConcurrency: 0,
      readyPods: 1,
    });
    expect(r.decision).toMatchObject({ desired: 1, recommended: 0 });
  });
});
