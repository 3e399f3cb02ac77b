import type { Distribution } from './distribution.js';

/** Always `value`; draws nothing from the source, so it leaves its stream untouched. */
export function constant(value: number): Distribution {
  return { sample: () => value, mean: value, variance: 0 };
}
