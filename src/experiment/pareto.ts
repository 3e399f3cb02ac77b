/**
 * The Pareto frontier of items on two costs to minimise (e.g. dollars and p99 latency): the
 * items no other item beats on both. Returned by increasing `x`; among equal `x` only the
 * lowest `y` stays. Items with an undefined (NaN) cost are left out.
 */
export function paretoFrontier<T>(items: readonly T[], x: (item: T) => number, y: (item: T) => number): T[] {
  const defined = items.filter((item) => !Number.isNaN(x(item)) && !Number.isNaN(y(item)));
  const sorted = defined
    .map((item, index) => ({ item, index }))
    .sort((a, b) => x(a.item) - x(b.item) || y(a.item) - y(b.item) || a.index - b.index);
  const frontier: T[] = [];
  let best = Infinity;
  for (const { item } of sorted) {
    if (y(item) < best) {
      frontier.push(item);
      best = y(item);
    }
  }
  return frontier;
}
