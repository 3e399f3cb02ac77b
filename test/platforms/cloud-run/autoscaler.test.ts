import { describe, expect, it } from 'vitest';
import { decide, recommend, type Observation, type ScalingSpec } from '../../../src/platforms/cloud-run/autoscaler.js';

const spec: ScalingSpec = {
  concurrency: 80,
  cpu: 1,
  targetConcurrencyUtilization: 0.6,
  targetCpuUtilization: 0.6,
  minInstances: 0,
  maxInstances: 100,
  scaleInDelay: 60,
  maxIdle: 900,
};

/** An observation at `now` (default 100), and the decision at that time. */
const observe = (o: Partial<Observation & { now: number }>): Observation & { now: number } => ({
  now: 100,
  concurrency: 0,
  cpu: 0,
  active: 0,
  idle: [],
  history: [],
  ...o,
});

const decideAt = (sp: ScalingSpec, o: Observation & { now: number }) => decide(sp, o, o.now);

describe('recommend', () => {
  it.each([
    // [in flight, vCPU busy, recommendation, why]
    [0, 0, 0, 'no load'],
    [48, 0, 1, '48 / (80 x 0.6) = 1 exactly, not 2'],
    [48.0000000001, 0, 1, 'float noise does not add an instance'],
    [49, 0, 2, 'just over one instance of concurrency'],
    [100, 0, 3, 'ceil(100 / 48) = 3'],
    [10, 2.5, 5, 'CPU wins: ceil(2.5 / 0.6) = 5'],
    [10, 0.6, 1, '0.6 vCPU on 1-vCPU instances is one instance at target'],
  ])('in flight %d, cpu %d -> %d (%s)', (conc, cpu, expected) => {
    expect(recommend(spec, conc, cpu)).toBe(expected);
  });
});

describe('decide', () => {
  it('says no-data when the window is empty', () => {
    expect(decideAt(spec, observe({ concurrency: null }))).toEqual({ state: 'no-data' });
  });

  it('scales up to the recommendation, within max instances', () => {
    const d = decideAt(spec, observe({ concurrency: 100, active: 1 }));
    expect(d).toMatchObject({ state: 'scale', recommended: 3, scaleUpTo: 3, retire: [] });
    const capped = decideAt({ ...spec, maxInstances: 2 }, observe({ concurrency: 100, active: 1 }));
    expect(capped).toMatchObject({ scaleUpTo: 2 });
  });

  it('keeps min instances even with no load', () => {
    const d = decideAt({ ...spec, minInstances: 2 }, observe({ active: 2, idle: [{ id: 0, idleSince: 0 }, { id: 1, idleSince: 0 }] }));
    expect(d).toMatchObject({ scaleUpTo: 2, retire: [] });
  });

  it('retires surplus idle instances, longest idle first, judged on the peak of the last scaleInDelay', () => {
    const idle = [
      { id: 3, idleSince: 95 },
      { id: 1, idleSince: 50 },
      { id: 2, idleSince: 80 },
    ];
    // Now 1 is recommended, but 3 were recommended 30 s ago (inside the 60 s window): keep 3 of 4.
    const d1 = decideAt(spec, observe({ concurrency: 40, active: 4, idle, history: [[70, 3]] }));
    expect(d1).toMatchObject({ recommended: 1, retire: [1] });
    // The 3 was 61 s ago: outside the window, keep 1 of 4 -> retire 3, oldest idle first.
    const d2 = decideAt(spec, observe({ concurrency: 40, active: 4, idle, history: [[39, 3]] }));
    expect(d2).toMatchObject({ retire: [1, 2, 3] });
  });

  it('never retires a busy instance: only idle ones are candidates', () => {
    const d = decideAt(spec, observe({ concurrency: 1, active: 5, idle: [{ id: 4, idleSince: 90 }] }));
    expect(d).toMatchObject({ retire: [4] });
  });

  it('keeps the last instance until it has been idle for maxIdle, then scales to zero', () => {
    const idle = [{ id: 0, idleSince: 0 }];
    expect(decideAt(spec, observe({ now: 899, active: 1, idle }))).toMatchObject({ retire: [] });
    expect(decideAt(spec, observe({ now: 900, active: 1, idle }))).toMatchObject({ retire: [0] });
  });

  it('stops any instance idle past maxIdle, but never below min instances', () => {
    const idle = [
      { id: 0, idleSince: 0 },
      { id: 1, idleSince: 0 },
    ];
    const d = decideAt({ ...spec, minInstances: 1 }, observe({ now: 1000, concurrency: 30, active: 3, idle, history: [[990, 3]] }));
    // Peak recommendation 3 keeps all by the metric, but two are idle past 15 min: stop them down to min 1.
    expect(d).toMatchObject({ retire: [0, 1] });
    const d2 = decideAt({ ...spec, minInstances: 2 }, observe({ now: 1000, concurrency: 30, active: 2, idle, history: [[990, 3]] }));
    expect(d2).toMatchObject({ retire: [] });
  });
});

describe('low instance counts (Google: "at lower instance counts the utilization thresholds are higher")', () => {
  const low: ScalingSpec = { ...spec, lowCountInstances: 3, lowCountUtilization: 0.8 };
  it.each([
    // [vCPU busy, in flight, recommendation, arithmetic]
    [1.5, 0, 2, 'ceil(1.5 / 0.8) = 2 < 3, so 2 (not ceil(1.5 / 0.6) = 3)'],
    [0.7, 0, 1, 'ceil(0.7 / 0.8) = 1 (not ceil(0.7 / 0.6) = 2)'],
    [1.7, 0, 3, 'ceil(1.7 / 0.8) = 3 is not below 3: the ordinary ceil(1.7 / 0.6) = 3'],
    [2.5, 0, 5, 'ceil(2.5 / 0.8) = 4 is not below 3: the ordinary ceil(2.5 / 0.6) = 5'],
    [0, 100, 2, 'concurrency too: ceil(100 / (80 x 0.8)) = 2 < 3 (not ceil(100 / 48) = 3)'],
  ])('cpu %d, in flight %d -> %d (%s)', (cpu, conc, expected) => {
    expect(recommend(low, conc, cpu)).toBe(expected);
  });

  it('is off at lowCountUtilization 0.6 or lowCountInstances 0', () => {
    expect(recommend({ ...low, lowCountUtilization: 0.6 }, 0, 1.5)).toBe(3);
    expect(recommend({ ...low, lowCountInstances: 0 }, 0, 1.5)).toBe(3);
  });
});

describe('idle retention', () => {
  const retained: ScalingSpec = { ...spec, idleRetention: 300 };
  // Three active, the metric asks for one: two are surplus.
  const idle = [
    { id: 1, idleSince: 0 }, // idle 400 s at now = 400
    { id: 2, idleSince: 200 }, // idle 200 s
  ];
  it('stops a surplus idle instance only once it has been idle idleRetention (300 s)', () => {
    const d = decideAt(retained, observe({ now: 400, concurrency: 10, active: 3, idle, history: [] }));
    expect(d).toMatchObject({ recommended: 1, retire: [1] });
  });

  it('without retention both go at once', () => {
    const d = decideAt(spec, observe({ now: 400, concurrency: 10, active: 3, idle, history: [] }));
    expect(d).toMatchObject({ retire: [1, 2] });
  });

  it('never keeps one past maxIdle, even with a longer retention', () => {
    const d = decideAt({ ...spec, idleRetention: 5000 }, observe({ now: 1000, concurrency: 10, active: 3, idle, history: [] }));
    // idle 1000 s and 800 s against maxIdle 900 s: only the first; retention is capped by maxIdle.
    expect(d).toMatchObject({ retire: [1] });
  });
});
