import { malformed, NOT_A_REQUEST, type LineResult } from './log-line.js';

/**
 * The combined log format with the request time appended, as nginx and Apache write it:
 *
 *   nginx:  log_format timed '$remote_addr - $remote_user [$time_local] "$request" $status
 *                             $body_bytes_sent "$http_referer" "$http_user_agent" $request_time';
 *   Apache: LogFormat "%h %l %u %t \"%r\" %>s %b \"%{Referer}i\" \"%{User-agent}i\" %D" timed
 *
 * nginx's $request_time is seconds with milliseconds ("0.123"); Apache's %D is microseconds
 * ("123456"). The time is `[10/Oct/2026:13:55:36 -0700]`, whole seconds.
 */
const COMBINED =
  /^\S+ \S+ \S+ \[(\d{2})\/(\w{3})\/(\d{4}):(\d{2}):(\d{2}):(\d{2}) ([+-]\d{4})\] "(?:[^"\\]|\\.)*" (\d{3}) (\d+|-) "(?:[^"\\]|\\.)*" "(?:[^"\\]|\\.)*"(.*)$/;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export type CombinedFlavour = 'nginx' | 'apache';

/** True when the line looks like the combined format at all (for format detection). */
export function looksCombined(line: string): boolean {
  return COMBINED.test(line);
}

/** nginx when the request time has a decimal point, else Apache's integer microseconds. */
export function combinedFlavour(line: string): CombinedFlavour {
  const m = COMBINED.exec(line);
  const tail = m?.[10]?.trim().split(/\s+/).pop() ?? '';
  return tail.includes('.') ? 'nginx' : 'apache';
}

export function combinedLine(line: string, flavour: CombinedFlavour): LineResult {
  if (line.trim() === '') return NOT_A_REQUEST;
  const m = COMBINED.exec(line);
  if (m === null) return malformed('not in the combined log format ([time] "request" status bytes "referer" "user-agent" request-time)');
  const month = MONTHS.indexOf(m[2]!);
  if (month < 0) return malformed(`month ${JSON.stringify(m[2])} is not one of Jan..Dec`);
  const zone = m[7]!;
  const offsetMin = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3, 5)));
  const utcMs = Date.UTC(Number(m[3]), month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMin * 60_000;
  const tail = m[10]!.trim().split(/\s+/).pop() ?? '';
  if (!/^\d+(\.\d+)?$/.test(tail)) {
    return malformed(`no request time at the end of the line (found ${JSON.stringify(tail)}): add $request_time (nginx) or %D (Apache) to the log format`);
  }
  const latency = flavour === 'nginx' ? Number(tail) : Number(tail) / 1e6;
  if (flavour === 'apache' && tail.includes('.')) return malformed(`request time ${tail} has a decimal point: Apache's %D is whole microseconds`);
  return {
    time: utcMs / 1000,
    wholeSecond: true,
    latency,
    bytes: m[9] === '-' ? 0 : Number(m[9]),
    status: Number(m[8]),
  };
}
