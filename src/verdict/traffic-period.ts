import type { Scenario, TrafficSpec } from '../scenario/types.js';

const DAY = 86_400;

/**
 * The traffic's own period in simulated seconds: the shortest stretch whose cost stands for
 * every other stretch of the same length, so that a run at least this long scales to a month
 * without extrapolating. A diurnal profile: a week when weekends differ (weekendFactor != 1),
 * else a day; piecewise with `repeat`: the repeat; a trace: its span (or its repeating day);
 * a sum: the longest of its parts. Poisson, MMPP and piecewise without repeat have none
 * (null): any run that reaches their steady state stands for itself. Pure.
 * Tests: test/verdict/traffic-period.test.ts.
 */
export function trafficPeriod(traffic: TrafficSpec): number | null {
  switch (traffic.type) {
    case 'poisson':
    case 'mmpp':
      return null;
    case 'diurnal':
      return traffic.weekendFactor !== 1 ? 7 * DAY : DAY;
    case 'piecewise':
      return traffic.repeat;
    case 'sum': {
      const periods = traffic.components.map(trafficPeriod).filter((p): p is number => p !== null);
      return periods.length > 0 ? Math.max(...periods) : null;
    }
    case 'trace': {
      const data = traffic.data;
      if (data.kind === 'timestamps') {
        return data.length > 1 ? (data.at(data.length - 1) - data.at(0)) * traffic.timeScale : null;
      }
      return (traffic.repeatMinutes ?? data.minutes) * 60 * traffic.timeScale;
    }
  }
}

/** Whether a run of `durationS` covers less than the traffic's own period (its month is an extrapolation). */
export function isExtrapolated(traffic: TrafficSpec, durationS: number): boolean {
  const period = trafficPeriod(traffic);
  return period !== null && durationS < period;
}

/**
 * How long the verdict simulates a platform it tries beside the run (a remedy or a right-size,
 * alternatives.ts): one period of the traffic, warm-up included, when that is shorter than the
 * run, else the run itself. A period stands for every other of the same traffic (that is what
 * makes it its period), so the month it prices and whether it keeps up are the run's in
 * expectation, on the same first requests (common random numbers), for a fraction of the
 * work: a 30-day run of a diurnal week tries each fleet size over 7 days, not 30. It is the
 * least run the verdict prices a month from without calling it an extrapolation (the
 * quickstart's week, its warm-up hour inside it); a whole period, not the warm-up and a period,
 * since the run bills its warm-up too: 25 hours of a daily cosine starting at midnight count one
 * quiet hour twice (a fleet of 8 VMs cost 1.6 % less a month so). Only a period of a day or
 * more, longer than the warm-up: a shorter one (bursts every 15 minutes) holds few of the
 * events a status turns on, so one of them judges a borderline platform apart from the run (the
 * least number of warm instances that keeps up through one burst is not the least through
 * two), and such a run is short anyway. A traffic with no period (Poisson, MMPP) and a replayed
 * log (its span is no pattern) are tried over the whole run. Pure.
 */
export function probeDuration(traffic: TrafficSpec, warmupS: number, durationS: number): number {
  // A log's span is not a pattern that repeats: its requests are each once.
  if (replaysLog(traffic)) return durationS;
  const period = trafficPeriod(traffic);
  return period !== null && period >= DAY && warmupS < period && period < durationS ? period : durationS;
}

/** Whether `traffic` replays a log that does not repeat on its own (timestamps or per-minute; not the Azure day), alone or in a sum. */
export function replaysLog(traffic: TrafficSpec): boolean {
  if (traffic.type === 'trace') return traffic.repeatMinutes === null;
  return traffic.type === 'sum' && traffic.components.some(replaysLog);
}

/** A duration as `--set duration=` takes it and a person reads it: whole days or hours when it is one, else seconds. */
export const durationFlag = (s: number): string => (s % DAY === 0 ? `${s / DAY}d` : s % 3600 === 0 ? `${s / 3600}h` : `${s}s`);

/** What the verdict simulates of a run beside it (probeDuration), and the flags that say so in a command. */
export interface OnePeriod {
  /** The period's seconds when shorter than the run, else null (the whole run). */
  readonly periodS: number | null;
  /** The scenario cut to it (the run's own when not cut). */
  readonly scenario: Scenario;
  /** `sets` with the cut: a --set of the duration replaced by the period's; unchanged when not cut. */
  withCut(sets: readonly string[]): string[];
}

/** The run cut to one period of its traffic when that is shorter (probeDuration). Pure. */
export function onePeriod(scenario: Scenario): OnePeriod {
  const probeS = probeDuration(scenario.traffic, scenario.warmup, scenario.duration);
  if (!(probeS < scenario.duration)) return { periodS: null, scenario, withCut: (sets) => [...sets] };
  const flag = `duration=${durationFlag(probeS)}`;
  return { periodS: probeS, scenario: { ...scenario, duration: probeS }, withCut: (sets) => [...sets.filter((set) => !set.startsWith('duration=')), flag] };
}
