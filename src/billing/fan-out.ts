/**
 * One object that forwards every method call to several billing objects of the same class, in
 * order, returning the first one's result: the platform reports its lifecycle once and each
 * bill (the scenario's own, and the alternatives the verdict compares it with, e.g. the other
 * Cloud Run billing setting or a committed-use price) sees exactly the same events. With one
 * target it is that target itself, so a run without alternatives pays nothing for this.
 * Tests: test/verdict/alternatives.test.ts (an alternative billed alongside equals a separate
 * run with that setting).
 */
export function fanOut<T extends object>(targets: readonly T[]): T {
  if (targets.length === 0) throw new Error('fanOut: no targets');
  if (targets.length === 1) return targets[0]!;
  const first = targets[0]!;
  return new Proxy(first, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]): unknown => {
        let result: unknown;
        targets.forEach((t, i) => {
          const r: unknown = (Reflect.get(t, key) as (...a: unknown[]) => unknown).apply(t, args);
          if (i === 0) result = r;
        });
        return result;
      };
    },
  });
}
