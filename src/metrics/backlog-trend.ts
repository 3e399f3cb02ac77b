import type { Simulation } from '../engine/simulation.js';
import type { PlatformStats } from './platform-stats.js';

/** The run is cut into this many equal windows; the trend is fitted over the last half of them. */
export const TREND_WINDOWS = 40;

/**
 * Least-squares slope of y on x (NaN with fewer than two distinct x).
 * slope = sum((x - mean x)(y - mean y)) / sum((x - mean x)^2).
 */
export function trendSlope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return NaN;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += xs[i]!;
    my += ys[i]!;
  }
  mx /= n;
  my /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
  }
  return sxx > 0 ? sxy / sxx : NaN;
}

/**
 * Watches the requests a platform holds (in flight plus waiting) over a run, to tell a backlog
 * that grows without bound from one that merely fluctuates, from the run itself rather than by
 * waiting for memory to run out: the time-weighted mean of the backlog in each of
 * TREND_WINDOWS equal windows (differences of the running integrals, so the platform does no
 * extra work), and the least-squares slope of those means over the second half of the run, in
 * requests per second. A queue offered more work than it can do grows at about
 * (arrival rate - service rate); a stable one (M/M/1 at rho 0.9: mean 9, standard deviation
 * about 9.5) has a slope near zero. The rule that turns the slope into a status is in
 * src/verdict/status.ts. Tests: test/verdict/backlog-trend.test.ts.
 */
export function watchBacklog(sim: Simulation, stats: PlatformStats, end: number): { slope(): number } {
  const times: number[] = [];
  const means: number[] = [];
  let prevT = 0;
  let prevIntegral = 0;
  for (let k = 1; k <= TREND_WINDOWS; k++) {
    const t = (end * k) / TREND_WINDOWS;
    sim.at(t, () => {
      const integral = stats.inFlight.integral(t) + stats.queued.integral(t);
      if (t > prevT) {
        times.push((prevT + t) / 2);
        means.push((integral - prevIntegral) / (t - prevT));
      }
      prevT = t;
      prevIntegral = integral;
    });
  }
  return {
    slope: () => {
      const from = Math.floor(times.length / 2);
      return trendSlope(times.slice(from), means.slice(from));
    },
  };
}
