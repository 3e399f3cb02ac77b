// Writes the sample request logs beside this file from a known model (nothing is downloaded):
//   node workloads/logs/generate.mjs
// Deterministic (a fixed-seed mulberry32 generator): the output is byte-identical each run.
// test/logs/ imports the same functions to generate larger logs and check that
// `sim init --from-logs` recovers MODEL within its statistical tolerance.
//
// The model: one service, one FIFO worker (requests wait their turn; a request that arrives
// while nothing is in flight is served at once, so its latency is its service time).
//   arrivals   Poisson, 3 req/s, with a burst at 12 req/s from minute 6 to minute 8 (the worker,
//              at mean service 90.6 ms, is then overloaded: rho = 1.09, so the burst queues)
//   service    lognormal, mu = ln(0.080) (median 80 ms), sigma = 0.5: mean 80 exp(0.125) = 90.6 ms
//   size       lognormal bytes, mu = ln(8192) (median 8 KiB), sigma = 0.7, rounded
//   status     200; 1 % are 404 answered in a constant 5 ms
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { mulberry32 } from '../mulberry32.mjs';

export { mulberry32 };

export const MODEL = Object.freeze({
  start: '2026-11-24T14:00:00Z',
  minutes: 15,
  rps: 3,
  burst: { fromMinute: 6, toMinute: 8, rps: 12 },
  serviceMu: Math.log(0.08),
  serviceSigma: 0.5,
  bytesMu: Math.log(8192),
  bytesSigma: 0.7,
  notFoundShare: 0.01,
  notFoundLatency: 0.005,
});


function normal(rng) {
  return Math.sqrt(-2 * Math.log(1 - rng())) * Math.cos(2 * Math.PI * rng());
}

/**
 * The requests of `model` in arrival order: { arrival (epoch s), service, latency (s), bytes,
 * status }. The worker is FIFO: latency = wait + service.
 */
export function generateRequests(model = MODEL, seed = 1) {
  const rng = mulberry32(seed);
  const start = Date.parse(model.start) / 1000;
  const end = model.minutes * 60;
  const rateAt = (t) => (t >= model.burst.fromMinute * 60 && t < model.burst.toMinute * 60 ? model.burst.rps : model.rps);
  const maxRate = Math.max(model.rps, model.burst.rps);
  const out = [];
  let free = 0; // when the worker is next free (seconds from start)
  // Thinning: candidates at maxRate, kept with probability rate / maxRate.
  for (let t = -Math.log(1 - rng()) / maxRate; t < end; t += -Math.log(1 - rng()) / maxRate) {
    if (rng() * maxRate >= rateAt(t)) continue;
    const notFound = rng() < model.notFoundShare;
    const service = notFound ? model.notFoundLatency : Math.exp(model.serviceMu + model.serviceSigma * normal(rng));
    const bytes = notFound ? 0 : Math.round(Math.exp(model.bytesMu + model.bytesSigma * normal(rng)));
    const begin = Math.max(t, free);
    free = begin + service;
    out.push({ arrival: start + t, service, latency: free - t, bytes, status: notFound ? 404 : 200 });
  }
  return out;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');
/** RFC 3339 with microseconds, as Cloud Logging writes it. */
function rfc3339(epochSeconds) {
  const whole = Math.floor(epochSeconds);
  const micros = Math.min(999999, Math.round((epochSeconds - whole) * 1e6));
  return `${new Date(whole * 1000).toISOString().slice(0, 19)}.${pad(micros, 6)}Z`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** [24/Nov/2026:14:00:01 +0000], whole seconds (truncated), UTC. */
function clf(epochSeconds) {
  const d = new Date(Math.floor(epochSeconds) * 1000);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}
const paths = ['/items', '/items/42', '/checkout', '/search?q=shoes'];
const hex = (rng, n) => Array.from({ length: n }, () => Math.floor(rng() * 16).toString(16)).join('');

/** A Cloud Run request log entry as `gcloud logging read --format=json` writes it. */
export function cloudRunEntry(r, i, rng) {
  return {
    httpRequest: {
      latency: `${r.latency.toFixed(6)}s`,
      protocol: 'HTTP/1.1',
      remoteIp: `203.0.113.${(i % 250) + 1}`,
      requestMethod: 'GET',
      requestSize: '412',
      requestUrl: `https://api-7xk2q4-uc.a.run.app${paths[i % paths.length]}`,
      responseSize: String(r.bytes),
      serverIp: '216.239.36.53',
      status: r.status,
      userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    },
    insertId: hex(rng, 12),
    labels: { instanceId: '00f46b9285c1d9a1e9c0f2c0c6cb4a4e' },
    logName: 'projects/my-project/logs/run.googleapis.com%2Frequests',
    receiveTimestamp: rfc3339(r.arrival + r.latency + 0.4),
    resource: {
      labels: { configuration_name: 'api', location: 'us-central1', project_id: 'my-project', revision_name: 'api-00007-zat', service_name: 'api' },
      type: 'cloud_run_revision',
    },
    severity: r.status >= 500 ? 'ERROR' : r.status >= 400 ? 'WARNING' : 'INFO',
    spanId: hex(rng, 16),
    timestamp: rfc3339(r.arrival),
    trace: `projects/my-project/traces/${hex(rng, 32)}`,
  };
}

/** An external Application Load Balancer log entry (resource http_load_balancer). */
export function loadBalancerEntry(r, i, rng) {
  return {
    httpRequest: {
      latency: `${r.latency.toFixed(6)}s`,
      remoteIp: `198.51.100.${(i % 250) + 1}`,
      requestMethod: 'GET',
      requestSize: '98',
      requestUrl: `https://api.example.com${paths[i % paths.length]}`,
      responseSize: String(r.bytes),
      serverIp: '10.128.0.7',
      status: r.status,
      userAgent: 'curl/8.5.0',
    },
    insertId: hex(rng, 8),
    jsonPayload: { '@type': 'type.googleapis.com/google.cloud.loadbalancing.type.LoadBalancerLogEntry', statusDetails: 'response_sent_by_backend' },
    logName: 'projects/my-project/logs/requests',
    receiveTimestamp: rfc3339(r.arrival + r.latency + 0.9),
    resource: {
      labels: { backend_service_name: 'api-backend', forwarding_rule_name: 'api-https', project_id: 'my-project', target_proxy_name: 'api-proxy', url_map_name: 'api-map', zone: 'global' },
      type: 'http_load_balancer',
    },
    severity: 'INFO',
    spanId: hex(rng, 16),
    timestamp: rfc3339(r.arrival),
    trace: `projects/my-project/traces/${hex(rng, 32)}`,
  };
}

/** nginx combined + $request_time; $time_local is the completion time. */
export function nginxLine(r, i) {
  return `203.0.113.${(i % 250) + 1} - - [${clf(r.arrival + r.latency)}] "GET ${paths[i % paths.length]} HTTP/1.1" ${r.status} ${r.bytes} "-" "Mozilla/5.0" ${r.latency.toFixed(3)}`;
}

/** Apache combined + %D (microseconds); %t is the time the request was received. */
export function apacheLine(r, i) {
  return `203.0.113.${(i % 250) + 1} - - [${clf(r.arrival)}] "GET ${paths[i % paths.length]} HTTP/1.1" ${r.status} ${r.bytes} "-" "Mozilla/5.0" ${Math.round(r.latency * 1e6)}`;
}

/** uvicorn access line with %(asctime)s (milliseconds, written at the response). */
export function uvicornLine(r, i) {
  const t = r.arrival + r.latency;
  const d = new Date(Math.floor(t * 1000));
  const stamp = `${d.toISOString().slice(0, 10)} ${d.toISOString().slice(11, 19)},${pad(d.getUTCMilliseconds(), 3)}`;
  return `${stamp} INFO uvicorn.access 203.0.113.${(i % 250) + 1}:5${pad(i % 10000, 4)} - "GET ${paths[i % paths.length]} HTTP/1.1" ${r.status}`;
}

/** An application's own log entry in the same export: not a request. */
function appEntry(r, rng) {
  return {
    insertId: hex(rng, 12),
    logName: 'projects/my-project/logs/run.googleapis.com%2Fstdout',
    resource: { labels: { service_name: 'api' }, type: 'cloud_run_revision' },
    textPayload: 'cache warmed: 1200 items',
    timestamp: rfc3339(r.arrival + 0.001),
  };
}

/** NDJSON, newest first, as gcloud logging read returns entries; an app log entry every 500 requests. */
export function cloudRunNdjson(requests, seed = 2) {
  const rng = mulberry32(seed);
  const lines = [];
  requests.forEach((r, i) => {
    lines.push(JSON.stringify(cloudRunEntry(r, i, rng)));
    if (i % 500 === 499) lines.push(JSON.stringify(appEntry(r, rng)));
  });
  return `${lines.reverse().join('\n')}\n`;
}

function main() {
  const here = dirname(fileURLToPath(import.meta.url));
  const requests = generateRequests(MODEL, 1);
  writeFileSync(join(here, 'cloud-run-requests.ndjson.gz'), gzipSync(Buffer.from(cloudRunNdjson(requests)), { level: 9, mtime: 0 }));
  // The load balancer export: the first 100 requests, a JSON array (gcloud --format=json), newest first.
  const rng = mulberry32(3);
  const lb = requests.slice(0, 100).map((r, i) => loadBalancerEntry(r, i, rng)).reverse();
  writeFileSync(join(here, 'load-balancer.json'), `${JSON.stringify(lb, null, 2)}\n`);
  // nginx: two lines cut short (a log rotated mid-write) to show how malformed lines are reported.
  const nginx = requests.slice(0, 1000).map(nginxLine);
  nginx[99] = nginx[99].slice(0, 40);
  nginx[499] = nginx[499].slice(0, 70);
  writeFileSync(join(here, 'nginx-access.log'), `${nginx.join('\n')}\n`);
  writeFileSync(join(here, 'apache-access.log'), `${requests.slice(0, 1000).map(apacheLine).join('\n')}\n`);
  const uvicorn = ['2026-11-24 13:59:58,002 INFO uvicorn.error Started server process [7]', ...requests.slice(0, 1000).map(uvicornLine)];
  writeFileSync(join(here, 'uvicorn-access.log'), `${uvicorn.join('\n')}\n`);
  console.log(`${requests.length} requests; wrote the sample logs to ${here}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
