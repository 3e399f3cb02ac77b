import type { TrafficSpec } from '../scenario/types.js';

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
