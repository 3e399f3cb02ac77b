/**
 * A week of traffic that peaks higher than a daily cosine can (`sim init --peak-rps` above twice
 * the weekday mean): each day a triangle from 0 up to its peak at `peakHour` and back to 0,
 * `width` hours wide, and nothing outside it. A cosine's peak is at most twice its mean (its
 * trough is 0 there); the triangle of width 24 h is that same limit, and narrower ones put the
 * same requests into fewer hours: a day's mean is peak x width / 48, so width = 48 x mean / peak.
 * It is the least the two numbers imply (one busy stretch a day, none at night): a service with
 * a floor of traffic or several spikes a day needs its logs (`sim init --from-logs`).
 *
 * Written as a `piecewise` traffic (linear, repeating every 7 days from the scenario's start, a
 * Monday 00:00 UTC): weekdays peak at `peak`, Saturday and Sunday at `weekendFactor` x `peak`;
 * or, when every day is alike, one day repeating every day (`days` 1), the least a run needs.
 */

/** Hours from the start of the week, as the scenario file writes them. */
const hours = (h: number): string => `${Number(h.toFixed(4))}h`;

export interface PeakedWeek {
  /** [time, req/s] points of a `piecewise` traffic over `days` days (linear, repeated every `days` days). */
  readonly points: [string, number][];
  /** Hours each day's triangle spans. */
  readonly widthHours: number;
}

/**
 * The points of a week (`days` 7) or of one day (`days` 1, for a weekend factor of 1).
 * `weekdayMean` (req/s, the mean over a weekday) must be positive and at most half of `peak`;
 * `peakHour` in [0, 24).
 */
export function peakedWeek(weekdayMean: number, peak: number, peakHour: number, weekendFactor: number, days: 1 | 7 = 7): PeakedWeek {
  if (!(weekdayMean > 0 && peak >= 2 * weekdayMean)) throw new RangeError(`peakedWeek: a peak of at least twice the mean, got mean ${weekdayMean}, peak ${peak}`);
  const width = (48 * weekdayMean) / peak;
  const half = width / 2;
  const periodH = 24 * days;
  const peaks = Array.from({ length: days }, (_, d) => (d >= 5 ? weekendFactor * peak : peak));
  // The rate at hour t of the period: the triangles do not overlap (each at most 24 h wide), and
  // one may wrap past the period's end (Sunday's late peak) or before its start (Monday's early one).
  const rate = (t: number): number => {
    let r = 0;
    for (let d = 0; d < days; d++) {
      for (const shift of [-periodH, 0, periodH]) {
        const distance = Math.abs(t - (d * 24 + peakHour + shift));
        if (distance < half) r += peaks[d]! * (1 - distance / half);
      }
    }
    // A triangle's end, a rounding error away from it (1e-14 req/s), is its end.
    return r < peak * 1e-9 ? 0 : r;
  };
  const wrap = (t: number): number => ((t % periodH) + periodH) % periodH;
  // The rate is linear between these (each triangle's ends and top), so a linear piecewise
  // through them is the week exactly; taken at the exact times, written to 0.0001 h.
  const times = [0];
  for (let d = 0; d < days; d++) for (const t of [d * 24 + peakHour - half, d * 24 + peakHour, d * 24 + peakHour + half]) times.push(wrap(t));
  const points: [string, number][] = [];
  for (const t of times.sort((a, b) => a - b)) {
    if (points.at(-1)?.[0] !== hours(t)) points.push([hours(t), Number(rate(t).toPrecision(6))]);
  }
  return { points, widthHours: width };
}
