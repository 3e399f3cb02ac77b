import { describe, expect, it } from 'vitest';
import { parsePositiveDuration } from '../../src/cli/parse-flags.js';
import { InputError } from '../../src/errors.js';
import {
  checkExperiment,
  checkRun,
  estimateRun,
  EVENTS_PER_SECOND_ESTIMATE,
  maxTimeSuggestion,
  REQUESTS_PER_SECOND_ESTIMATE,
  SECONDS_PER_RUN,
  TYPICAL_REQUESTS_PER_SECOND,
} from '../../src/experiment/preflight.js';
import type { TrafficSpec } from '../../src/scenario/types.js';
import { cloudRunSpec, constant, exp, scenario, vmSpec } from '../helpers/specs.js';

const profile = { cpu: exp(0.1), io: constant(0), responseBytes: constant(0) };

describe('estimateRun', () => {
  it('expects rate x duration requests, the ticks of every loop, and their time at the conservative rates', () => {
    const s = scenario({ type: 'poisson', rps: 100 }, profile, [cloudRunSpec(), vmSpec()], 86400);
    const e = estimateRun(s);
    expect(e.requests).toBeCloseTo(8.64e6, 3);
    // Cloud Run's metric loop every 5 s: 86400 / 5 = 17,280 ticks (no certain instances); the 2
    // fixed VMs have no loop but start once each: 2 events.
    expect(e.events).toBe(17_280 + 2);
    expect(e.seconds).toBeCloseTo((2 * 8.64e6) / REQUESTS_PER_SECOND_ESTIMATE + 17_282 / EVENTS_PER_SECOND_ESTIMATE + 2 * SECONDS_PER_RUN, 9);
    // The time quoted and budgeted: the requests at the typical rate (23.0 s), the rest as above.
    expect(e.typicalSeconds).toBeCloseTo((2 * 8.64e6) / TYPICAL_REQUESTS_PER_SECOND + 17_282 / EVENTS_PER_SECOND_ESTIMATE + 2 * SECONDS_PER_RUN, 9);
    expect(TYPICAL_REQUESTS_PER_SECOND / REQUESTS_PER_SECOND_ESTIMATE).toBe(2.5);
    expect(e.backlogBytes).toBe(0);
  });

  it('sees a backlog that grows: 100 req/s x 0.1 vCPU-s = 10 vCPU offered to 2 x 1 vCPU', () => {
    const s = scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: Infinity })], 86400);
    const e = estimateRun(s);
    // Capacity 2 vCPU / 0.1 = 20 req/s; 80 req/s pile up for a day: 6.9 million waiting.
    expect(e.growingBacklog).toBe('vm');
    expect(e.backlogBytes).toBeCloseTo(80 * 86400 * 200, 0);
    expect(e.bytes).toBe(e.backlogBytes);
  });

  it('a bounded backlog or enough capacity does not grow', () => {
    const bounded = scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: 1000 })], 86400);
    expect(estimateRun(bounded).backlogBytes).toBe(0);
    const enough = scenario({ type: 'poisson', rps: 10 }, profile, [vmSpec({ queueLimit: Infinity })], 86400);
    expect(estimateRun(enough).backlogBytes).toBe(0);
  });

  it('counts timeline rows, MMPP switches and the ticks that visit every min-instance', () => {
    // Two MMPP states held 1 s and 3 s on average, uniform transitions: time fractions 1/4 and 3/4,
    // so switches per second = 0.25 / 1 + 0.75 / 3 = 0.5; over 600 s, 300 switches.
    const mmpp: TrafficSpec = { type: 'mmpp', states: [{ rps: 0, meanHolding: 1 }, { rps: 0, meanHolding: 3 }], start: 0, transitions: [[0, 1], [1, 0]] };
    const s = scenario(mmpp, profile, [cloudRunSpec({ minInstances: 9 })], 600);
    // ticks 600 / 5 = 120, each visiting 1 + 9: 1,200; 9 starts; 300 switches; 600 rows at 1 s.
    expect(estimateRun(s, { timelineStep: 1 }).events).toBeCloseTo(1200 + 9 + 300 + 600, 6);
    // 10 million min-instances at 500 B each: 5 GB.
    const many = scenario({ type: 'poisson', rps: 0 }, profile, [cloudRunSpec({ minInstances: 1e7 })], 600);
    expect(estimateRun(many).bytes).toBe(5e9);
  });

  it('an infinite rate gives an infinite estimate', () => {
    const s = scenario({ type: 'poisson', rps: 1e308 * 10 }, profile, [cloudRunSpec()], 600);
    expect(estimateRun(s).seconds).toBe(Infinity);
  });
});

describe('checkRun', () => {
  it('refuses a run over the time limit with the estimate and a --max-time the parser accepts', () => {
    const s = scenario({ type: 'poisson', rps: 1000 }, profile, [cloudRunSpec()], 365 * 86400);
    expect(() => checkRun(s, { maxSeconds: 3600, maxBytes: Infinity }, 'year.json')).toThrow(InputError);
    expect(() => checkRun(s, { maxSeconds: 3600, maxBytes: Infinity }, 'year.json')).toThrow(/year\.json: about 31,536,000,000 requests per platform and 6,307,200 other events .*, an estimated 29\.2 h to simulate .*--max-time 44h to run it anyway$/);
    // And what it would typically take: 31,536,000,000 / 750,000 = 42,048 s plus the 31.5 s of
    // ticks, 11.7 h (the --max-time stays on the low end's estimate, so that the run is let through).
    expect(() => checkRun(s, { maxSeconds: 3600, maxBytes: Infinity }, 'year.json')).toThrow(/other events\/s, the low end; about 11\.7 h at the typical 750,000 requests\/s\): refused/);
  });

  it('refuses an unbounded backlog that would outgrow memory', () => {
    const s = scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: Infinity })], 30 * 86400);
    expect(() => checkRun(s, { maxSeconds: Infinity, maxBytes: 1024 ** 3 }, 'x.json')).toThrow(/x\.json: the unbounded backlog of platform "vm" .* would hold about .* GiB .*refused.*set queueLimit/);
  });

  it('refuses 10 million min-instances (5 GB) with the platform named', () => {
    const s = scenario({ type: 'poisson', rps: 1 }, profile, [cloudRunSpec({ name: 'big', minInstances: 1e7 })], 600);
    expect(() => checkRun(s, { maxSeconds: Infinity, maxBytes: 4 * 1024 ** 3 }, 'x.json')).toThrow(/x\.json: the instances that platform "big" always keeps would hold about 4\.7 GiB .*lower minInstances/);
  });

  it('refuses a run that would not end, without suggesting an impossible --max-time', () => {
    const s = scenario({ type: 'poisson', rps: 1e308 * 10 }, profile, [cloudRunSpec()], 600);
    expect(() => checkRun(s, undefined, 'x.json')).toThrow(/x\.json: about Infinity requests per platform: the run would not end: refused/);
  });

  it('refuses a timeline step below 1 ms, and an event-heavy one by its estimate', () => {
    const s = scenario({ type: 'poisson', rps: 1 }, profile, [cloudRunSpec()], 600);
    expect(() => checkRun(s, undefined, 'x.json', { timelineStep: 1e-6 })).toThrow(/--timeline-step: 0.000001 s is not allowed: at least 1ms/);
    // 1 ms rows for a week: 604,800,000 rows, plus 120,960 ticks (every 5 s): 604,920,960
    // events, 50 min at 200k events/s: refused at 30 min.
    const week = scenario({ type: 'poisson', rps: 1 }, profile, [cloudRunSpec()], 7 * 86400);
    expect(() => checkRun(week, { maxSeconds: 1800, maxBytes: Infinity }, 'x.json', { timelineStep: 0.001 })).toThrow(/604,920,960 other events .*an estimated 50 min .*refused.*--max-time 76m/);
  });

  it('lets an ordinary run through', () => {
    const s = scenario({ type: 'poisson', rps: 20 }, profile, [cloudRunSpec(), vmSpec()], 7 * 86400);
    expect(checkRun(s).requests).toBeCloseTo(20 * 7 * 86400, 0);
  });
});

describe('maxTimeSuggestion', () => {
  it('is a duration --max-time accepts, with room: whole minutes, or hours past 10 h', () => {
    for (const seconds of [0.1, 59, 3601, 5 * 3600, 40 * 3600, 1e9]) {
      const text = maxTimeSuggestion(seconds);
      expect(parsePositiveDuration('--max-time', text)).toBeGreaterThanOrEqual(seconds * 1.5);
    }
    expect(maxTimeSuggestion(0.1)).toBe('1m');
    expect(maxTimeSuggestion(3601)).toBe('91m'); // 1.5 x 3601 s = 90.03 min
    expect(maxTimeSuggestion(40 * 3600)).toBe('60h');
  });
});

describe('checkExperiment', () => {
  const point = (rps: number, label: string) => ({ scenario: scenario({ type: 'poisson', rps }, profile, [cloudRunSpec()], 86400), label });

  it('refuses 120 million replications by the memory their tasks need, before building them', () => {
    expect(() => checkExperiment({ points: [point(1, 'a')], runsPerPoint: 1.2e8, workers: 2, tasks: 1.2e8 }, undefined, 's.json')).toThrow(
      /s\.json: 120,000,000 runs would hold about 223\.5 GiB of jobs and results: refused/,
    );
  });

  it('names the grid point whose run alone is refused', () => {
    const bad = { scenario: scenario({ type: 'poisson', rps: 100 }, profile, [vmSpec({ queueLimit: Infinity })], 30 * 86400), label: 's.json: --grid vm.count=2' };
    expect(() => checkExperiment({ points: [point(1, 'a'), bad], runsPerPoint: 1, workers: 1, tasks: 2 }, undefined, 's.json')).toThrow(/^s\.json: --grid vm\.count=2: the unbounded backlog/);
    const huge = { scenario: scenario({ type: 'poisson', rps: 1e9 }, profile, [cloudRunSpec()], 86400), label: 's.json: --grid traffic.rps=1e9' };
    expect(() => checkExperiment({ points: [huge], runsPerPoint: 1, workers: 1, tasks: 1 }, undefined, 's.json')).toThrow(/^s\.json: 1 point x 1 run, about 86,400,000,000,000 requests .*; most of it at s\.json: --grid traffic\.rps=1e9, .*refused/);
  });

  it('shares the time among the workers and the shards', () => {
    // One point: 20 rps for a day = 1,728,000 requests, 5.76 s + 17,280 ticks / 200k + 2 ms = 5.8484 s a run.
    const shape = { points: [point(20, 'a')], runsPerPoint: 1000, workers: 1, tasks: 1000 };
    // At the typical rate: 1000 x (2.304 s + 0.0864 s + 2 ms) = 2,392 s, 40 min.
    expect(() => checkExperiment(shape, { maxSeconds: 5000, maxBytes: Infinity }, 's.json')).toThrow(/an estimated 1\.6 h to simulate on 1 worker \(about 40 min at the typical 750,000 requests\/s\): refused/);
    expect(() => checkExperiment({ ...shape, workers: 2 }, { maxSeconds: 5000, maxBytes: Infinity }, 's.json')).not.toThrow();
    expect(() => checkExperiment({ ...shape, share: 0.25 }, { maxSeconds: 5000, maxBytes: Infinity }, 's.json')).not.toThrow();
  });
});
