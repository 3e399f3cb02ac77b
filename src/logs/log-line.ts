/**
 * One request as a log line or entry gives it, before it joins a LogSample.
 * `time` is epoch seconds; `wholeSecond` when the log stamps whole seconds only (combined
 * logs), so that read-logs.ts spreads the requests of one second across it; `latency` seconds,
 * `bytes` and `status` NaN / 0 when the log does not have them.
 */
export interface LogLine {
  readonly time: number;
  readonly wholeSecond: boolean;
  readonly latency: number;
  readonly bytes: number;
  readonly status: number;
}

/** A line that is not a request at all (a startup message, an application log entry): skipped without complaint. */
export const NOT_A_REQUEST = Symbol('not a request');

/** What a line parser returns: a request, NOT_A_REQUEST, or why the line is malformed. */
export type LineResult = LogLine | typeof NOT_A_REQUEST | { readonly malformed: string };

export const malformed = (reason: string): { malformed: string } => ({ malformed: reason });

const RFC3339 = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(?:[.,](\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Epoch seconds of an RFC 3339 / ISO 8601 time with up to nanoseconds ("2026-11-30T10:00:00.123456789Z",
 * or with a space and a comma, as Python's logging writes it); no zone is read as UTC. NaN if
 * it is not one. The fraction is added apart: Date.parse keeps milliseconds only.
 */
export function epochSeconds(text: string): number {
  const m = RFC3339.exec(text.trim());
  if (m === null) return NaN;
  const zone = m[4] === undefined || m[4].toUpperCase() === 'Z' ? 'Z' : `${m[4].slice(0, 3)}:${m[4].slice(-2)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${zone}`);
  return ms / 1000 + (m[3] === undefined ? 0 : Number(`0.${m[3]}`));
}
