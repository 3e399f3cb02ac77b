import type { RemedyLadder } from '../platform-entry.js';

/** Every whole number from `lo` to `hi` (none when hi < lo). */
export function wholeNumbers(lo: number, hi: number): number[] {
  return Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
}

/** A ladder of one whole-number field of a platform (countLadder). */
export interface CountLadderSpec {
  readonly platform: string;
  /** The field as --set takes it after the platform's name: "count", "autoscaling.maxSize". */
  readonly field: string;
  readonly own: number;
  readonly values: readonly number[];
  readonly first: number;
  /** A value in words, for the search's note: "6 VMs", "maxInstances 40". */
  readonly words: (value: number) => string;
  /** A value in the change's words, when they differ: "an autoscaler maxSize of 8". */
  readonly change?: (value: number) => string;
  /** The values lie below its own, which keeps up (right-sizing). */
  readonly below?: boolean;
}

/**
 * A remedy or right-sizing ladder (VerdictHooks.remedies, rightSizes) of one whole-number field:
 * each value set as `<platform>.<field>=<value>` and said as "<value in words> instead of <own>".
 */
export function countLadder(l: CountLadderSpec): RemedyLadder {
  const { platform, field, own } = l;
  const change = l.change ?? l.words;
  return {
    platform,
    own,
    ...(l.below === true ? { below: true } : {}),
    values: l.values,
    first: l.first,
    setting: (v) => ({ platform, change: `${change(v)} instead of ${own}`, set: `${platform}.${field}=${v}`, simulate: true }),
    describe: l.words,
  };
}

/**
 * A right-sizing ladder for a count the platform keeps warm and pays for whether busy or not
 * (Cloud Run's minInstances, Lambda's provisionedConcurrency): every value from 0 below `own`,
 * the middle tried first.
 */
export function warmCountLadder(platform: string, field: string, own: number, words: (value: number) => string): RemedyLadder {
  return countLadder({ platform, field, own, values: wholeNumbers(0, own - 1), first: (own - 1) >> 1, words, below: true });
}
