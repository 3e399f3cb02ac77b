import type { RemedyLadder } from '../platform-entry.js';

/**
 * A right-sizing ladder (VerdictHooks.rightSizes) for a count the platform keeps warm and pays
 * for whether busy or not (Cloud Run's minInstances, Lambda's provisionedConcurrency): every
 * value from 0 below `own`, the middle tried first, each set as `<platform>.<field>=<value>`.
 * `words` names a value: "minInstances 2".
 */
export function warmCountLadder(platform: string, field: string, own: number, words: (value: number) => string): RemedyLadder {
  return {
    platform,
    own,
    below: true,
    values: Array.from({ length: own }, (_, i) => i),
    first: (own - 1) >> 1,
    setting: (v) => ({ platform, change: `${words(v)} instead of ${own}`, set: `${platform}.${field}=${v}`, simulate: true }),
    describe: words,
  };
}
