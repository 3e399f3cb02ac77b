import { epochSeconds, malformed, NOT_A_REQUEST, type LineResult } from './log-line.js';

/**
 * uvicorn's access log with a time stamp. uvicorn's default access format
 * (`INFO:     127.0.0.1:51234 - "GET /items HTTP/1.1" 200 OK`) has no time at all; with a
 * logging config whose access formatter starts with `%(asctime)s` the line reads
 *
 *   2026-11-30 10:00:00,123 INFO 127.0.0.1:51234 - "GET /items HTTP/1.1" 200
 *
 * (anything may stand between the time and the request). uvicorn logs neither latency nor
 * size, so these logs give arrivals only; the service time then comes from flags. The time is
 * when the response started (uvicorn writes the line then), read as UTC when it has no zone.
 */
const TIMED = /^(\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?)\s.*"[A-Z]+ \S+ HTTP\/[\d.]+" (\d{3})\b/;
const UNTIMED = /"[A-Z]+ \S+ HTTP\/[\d.]+" \d{3}\b/;

export function looksUvicorn(line: string): boolean {
  return TIMED.test(line) || UNTIMED.test(line);
}

export function uvicornLine(line: string): LineResult {
  const m = TIMED.exec(line);
  if (m === null) {
    if (UNTIMED.test(line)) return malformed("an access line without a time: uvicorn's default format has none; start the access formatter with %(asctime)s");
    return NOT_A_REQUEST; // uvicorn's own messages: "Started server process", "Waiting for application startup."...
  }
  return { time: epochSeconds(m[1]!), wholeSecond: false, latency: NaN, bytes: NaN, status: Number(m[2]) };
}
