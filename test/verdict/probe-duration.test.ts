import { describe, expect, it } from 'vitest';
import { runPlatform } from '../../src/experiment/run.js';
import { resolveScenario } from '../../src/scenario/load.js';
import { TraceTimes } from '../../src/scenario/trace-data.js';
import type { TrafficSpec } from '../../src/scenario/types.js';
import { runWithAlternatives } from '../../src/verdict/alternatives.js';
import { probeDuration } from '../../src/verdict/traffic-period.js';
import { TINY_SWEEP_SCENARIO as TINY } from '../helpers/tiny-scenario.js';

const DAY = 86_400;
const HOUR = 3600;

/**
 * What the verdict tries beside a run is simulated over one period of the traffic, warm-up
 * included, when that period is a day or more and shorter than the run (probeDuration).
 */
describe('probeDuration', () => {
  const diurnal = (weekendFactor: number): TrafficSpec => ({ type: 'diurnal', meanRps: 5, peakToTrough: 3, peakHour: 14, weekendFactor });

  it('cuts a long run to one period of a day or more, its warm-up inside', () => {
    expect(probeDuration(diurnal(0.5), HOUR, 30 * DAY)).toBe(7 * DAY);
    expect(probeDuration(diurnal(1), 0, 30 * DAY)).toBe(DAY);
    expect(probeDuration(diurnal(1), HOUR, DAY + 1)).toBe(DAY);
    expect(probeDuration({ type: 'piecewise', points: [[0, 1]], interpolation: 'step', repeat: 2 * DAY }, 600, 10 * DAY)).toBe(2 * DAY);
  });

  it('keeps the run: no period, a period under a day or the warm-up, a replayed log, or a run no longer than a period', () => {
    expect(probeDuration({ type: 'poisson', rps: 3 }, HOUR, 30 * DAY)).toBe(30 * DAY);
    expect(probeDuration({ type: 'piecewise', points: [[0, 1]], interpolation: 'step', repeat: 900 }, 0, DAY)).toBe(DAY);
    const trace: TrafficSpec = { type: 'trace', format: 'timestamps', file: 'log.csv', function: null, timeScale: 1, data: new TraceTimes(new Float64Array([0, 3 * DAY])), repeatMinutes: null };
    expect(probeDuration(trace, 0, 3 * DAY + 1)).toBe(3 * DAY + 1);
    expect(probeDuration(diurnal(0.5), HOUR, 7 * DAY)).toBe(7 * DAY);
    expect(probeDuration(diurnal(1), HOUR, DAY)).toBe(DAY);
    // A warm-up as long as the period: no whole period after it.
    expect(probeDuration(diurnal(1), DAY, 3 * DAY)).toBe(3 * DAY);
  });
});

describe('a right-sizing tried over one day of a three-day run', () => {
  it('is exactly the cut run: its cost per month is that of the fewer VMs over a day', () => {
    // About 0.9 vCPU of work on average, a daily cosine (weekends alike: a period of one day).
    const file = {
      ...TINY,
      duration: '3d',
      warmup: '1h',
      traffic: { type: 'diurnal', meanRps: 3, peakToTrough: 2, peakHour: 14, weekendFactor: 1 },
      requests: { ...TINY.requests, cpu: { dist: 'lognormal', mean: '300ms', cv: 1 } },
      platforms: [{ name: 'vm', model: 'compute-engine', count: 4 }],
    };
    const resolve = (sets: readonly string[] = []) => resolveScenario(file, 'probe.json', sets);
    const { records, alternatives } = runWithAlternatives(resolve(), { seed: 3 }, resolve);
    expect(records[0]!.status).toBe('ok');
    const fewer = alternatives.find((a) => a.simulated)!;
    expect(fewer.search!.note).toMatch(/\d simulations? of 1d, the traffic's own period$/);
    const count = Number(/^(\d+) VMs? instead of 4$/.exec(fewer.change)![1]);
    const cut = resolve([`duration=${DAY}`, `vm.count=${count}`]);
    const apart = runPlatform(cut, cut.platforms[0]!, { seed: 3, replication: 0 });
    expect(apart.duration_s).toBe(DAY);
    expect(fewer.costPerMonthUsd).toBe(apart.cost_per_month_usd);
    expect(fewer.status).toBe(apart.status);
  });
});
