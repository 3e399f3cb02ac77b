/**
 * Means over a sliding window from readings of running integrals. Each evaluation pushes
 * (t, integral); the mean over the window is the integral's growth since the oldest reading
 * inside the window divided by the time between them. With a 60 s window read every 5 s it
 * holds 13 readings, whatever the traffic.
 */
export class MetricWindow {
  private readonly readings: (readonly [number, number])[] = [];

  constructor(private readonly window: number) {}

  /** Records the integral's value at `now` and returns the window mean, or null with no span yet. */
  push(now: number, integral: number): number | null {
    const r = this.readings;
    r.push([now, integral]);
    while (r.length > 2 && r[1]![0] <= now - this.window) r.shift();
    const [t0, i0] = r[0]!;
    return now > t0 ? (integral - i0) / (now - t0) : null;
  }
}
