import { epochSeconds, malformed, NOT_A_REQUEST, type LineResult } from './log-line.js';

const DURATION = /^(\d+(?:\.\d+)?)s$/;

/**
 * A Cloud Logging entry (as `gcloud logging read --format=json` writes it) of a Cloud Run
 * request log (resource.type "cloud_run_revision") or an external Application Load Balancer
 * log ("http_load_balancer"): `timestamp`, `httpRequest.latency` ("0.123456s"),
 * `httpRequest.responseSize` (an int64, which the JSON mapping writes as a string) and
 * `httpRequest.status`. An entry without httpRequest (an application's own log line in the
 * same export) is not a request. Latency and size may be missing (NaN): a request the load
 * balancer could not finish has no latency.
 */
export function cloudLoggingEntry(entry: unknown): LineResult {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return malformed('not a log entry (a JSON object)');
  const e = entry as Record<string, unknown>;
  const request = e.httpRequest;
  if (request === undefined) return NOT_A_REQUEST;
  if (request === null || typeof request !== 'object') return malformed('httpRequest is not an object');
  const r = request as Record<string, unknown>;
  if (typeof e.timestamp !== 'string') return malformed('no "timestamp"');
  const time = epochSeconds(e.timestamp);
  if (!Number.isFinite(time)) return malformed(`timestamp ${JSON.stringify(e.timestamp)} is not an RFC 3339 time`);
  let latency = NaN;
  if (r.latency !== undefined) {
    const m = typeof r.latency === 'string' ? DURATION.exec(r.latency) : null;
    if (m === null) return malformed(`httpRequest.latency ${JSON.stringify(r.latency)} is not a duration like "0.123456s"`);
    latency = Number(m[1]);
  }
  let bytes = NaN;
  if (r.responseSize !== undefined) {
    bytes = Number(r.responseSize);
    if (!(Number.isInteger(bytes) && bytes >= 0) || (typeof r.responseSize !== 'string' && typeof r.responseSize !== 'number')) {
      return malformed(`httpRequest.responseSize ${JSON.stringify(r.responseSize)} is not a byte count`);
    }
  }
  let status = 0;
  if (r.status !== undefined) {
    status = Number(r.status);
    if (!(Number.isInteger(status) && status >= 100 && status <= 599)) return malformed(`httpRequest.status ${JSON.stringify(r.status)} is not an HTTP status`);
  }
  return { time, wholeSecond: false, latency, bytes, status };
}
