/**
 * File-form `mmpp` traffic to the resolved spec: holding means in seconds (> 0), a start index
 * inside the state list, and the full transition matrix (uniform over the other states unless
 * the file gives one).
 */
import { atLeast, MIN_MMPP_HOLDING_S } from './interval-bounds.js';
import { inputError } from '../errors.js';
import type { TrafficFile } from './schema.js';
import type { MmppTrafficSpec } from './types.js';
import { parseDurationOrThrow } from './units.js';

type MmppFile = Extract<TrafficFile, { type: 'mmpp' }>;

/** Rows may miss 1 by this much (three decimals of 1/3 do not add up to 1 exactly). */
const ROW_SUM_TOLERANCE = 1e-9;

export function resolveMmpp(file: MmppFile, where: string, path: string): MmppTrafficSpec {
  const n = file.states.length;
  const states = file.states.map((state, i) => {
    const meanHolding = parseDurationOrThrow(state.meanHolding, where, `${path}.states[${i}].meanHolding`);
    if (!(meanHolding > 0)) {
      throw inputError(where, `${path}.states[${i}].meanHolding`, state.meanHolding, 'a duration > 0: the mean time of one visit');
    }
    if (meanHolding < MIN_MMPP_HOLDING_S) {
      throw inputError(where, `${path}.states[${i}].meanHolding`, state.meanHolding, atLeast(MIN_MMPP_HOLDING_S, 'each visit is an event; a shorter burst is shorter than a request'));
    }
    return { rps: state.rps, meanHolding };
  });
  if (file.start !== undefined && file.start >= n) {
    throw inputError(where, `${path}.start`, file.start, `a state index from 0 to ${n - 1}`);
  }
  const transitions = file.transitions === undefined ? uniformOthers(n) : checkedTransitions(file.transitions, where, path, n);
  return { type: 'mmpp', states, start: file.start ?? null, transitions };
}

/** Leaving state i, each of the n - 1 others is equally likely. */
function uniformOthers(n: number): number[][] {
  return Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 0 : 1 / (n - 1))));
}

function checkedTransitions(rows: readonly (readonly number[])[], where: string, path: string, n: number): number[][] {
  if (rows.length !== n) {
    throw inputError(where, `${path}.transitions`, rows, `one row per state: ${n} rows of ${n} probabilities`);
  }
  rows.forEach((row, i) => {
    const at = `${path}.transitions[${i}]`;
    if (row.length !== n) throw inputError(where, at, row, `${n} probabilities, one per state`);
    if (row[i] !== 0) {
      throw inputError(where, `${at}[${i}]`, row[i], '0: leaving a state goes to another state (meanHolding is the whole visit)');
    }
    const sum = row.reduce((a, b) => a + b, 0);
    if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
      throw inputError(where, at, row, `probabilities summing to 1 (these sum to ${sum})`);
    }
  });
  const unreachable = firstUnreachable(rows);
  if (unreachable !== null) {
    throw inputError(
      where,
      `${path}.transitions`,
      rows,
      `a matrix under which every state can reach every other (state ${unreachable[1]} cannot be reached from state ${unreachable[0]}), so that the long-run mean rate does not depend on the start`,
    );
  }
  return rows.map((row) => {
    const sum = row.reduce((a, b) => a + b, 0);
    return row.map((p) => p / sum);
  });
}

/** A pair [from, to] such that `to` cannot be reached from `from`, or null (irreducible). */
function firstUnreachable(rows: readonly (readonly number[])[]): [number, number] | null {
  const n = rows.length;
  for (let from = 0; from < n; from++) {
    const seen = new Array<boolean>(n).fill(false);
    seen[from] = true;
    const stack = [from];
    while (stack.length > 0) {
      const i = stack.pop()!;
      for (let j = 0; j < n; j++) {
        if (rows[i]![j]! > 0 && !seen[j]) {
          seen[j] = true;
          stack.push(j);
        }
      }
    }
    const to = seen.indexOf(false);
    if (to >= 0) return [from, to];
  }
  return null;
}
