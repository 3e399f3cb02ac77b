/**
 * Queueing closed forms the simulator is checked against (docs/validation.md). Used by
 * `sim reference` and by test/validation/.
 */

/** Erlang B (loss probability of M/M/c/c) by the stable recursion B(k) = a B(k-1) / (k + a B(k-1)). */
export function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Erlang C: probability an arrival waits in M/M/c with offered load a = lambda / mu < c. */
export function erlangC(c: number, a: number): number {
  if (!(a < c)) throw new RangeError(`unstable: a = ${a} >= c = ${c}`);
  const b = erlangB(c, a);
  return (c * b) / (c - a * (1 - b));
}

/** M/M/c mean wait in queue Wq = C(c, a) / (c mu - lambda). */
export function mmcWq(c: number, lambda: number, mu: number): number {
  return erlangC(c, lambda / mu) / (c * mu - lambda);
}

/**
 * M/M/c/K stationary distribution (K places in all: c serving, K - c waiting) from the
 * birth-death chain: p_n proportional to a^n / n! for n <= c and a^n / (c! c^(n-c)) above.
 */
export function mmckDistribution(c: number, K: number, lambda: number, mu: number): number[] {
  const a = lambda / mu;
  const w: number[] = [1];
  for (let n = 1; n <= K; n++) w.push((w[n - 1]! * a) / Math.min(n, c));
  const total = w.reduce((s, x) => s + x, 0);
  return w.map((x) => x / total);
}

/** M/M/c/K blocking probability p_K (PASTA: the fraction of arrivals turned away). */
export function mmckBlocking(c: number, K: number, lambda: number, mu: number): number {
  return mmckDistribution(c, K, lambda, mu)[K]!;
}
