/**
 * A scenario from request logs (`sim init --from-logs`): the arrivals replayed exactly as a
 * `trace` (a CSV beside the scenario, ISO times, so start and duration come from the trace),
 * the response sizes as an empirical distribution, and the service time fitted (lognormal and
 * gamma by maximum likelihood, the lower AIC kept) to the latencies of requests that arrived
 * with nothing in flight (src/logs/service-samples.ts says why and what is assumed).
 */
import { InputError } from '../errors.js';
import { fitServiceTime, type FittedDist, type ServiceTimeFit } from '../fit/fit-service-time.js';
import type { LogSample } from '../logs/log-sample.js';
import type { LogReadReport } from '../logs/read-logs.js';
import { COLD_GAP_SECONDS, serviceSamples, type ServiceSamples } from '../logs/service-samples.js';
import { cpuShareOf, requestsFromService, type CpuShareInputs } from './draft-from-numbers.js';
import { platformsDraft, type PlatformInputs } from './platforms-draft.js';
import { durationText, sig, type DraftNote, type ScenarioDraft } from './scenario-draft.js';
import { lognormalFromQuantiles } from './split-service-time.js';

export interface LogsInputs extends PlatformInputs {
  readonly name: string;
  readonly traceFile: string;
  readonly timeScale: number;
  readonly cpu: CpuShareInputs;
  /** When the logs have no latencies (uvicorn): p50 and p95 in seconds. */
  readonly p50?: number | undefined;
  readonly p95?: number | undefined;
  /** When the logs have no sizes: bytes. */
  readonly responseBytes?: number | undefined;
}

/** What the logs gave, for the CLI's report and the README. */
export interface LogsAnalysis {
  readonly requests: number;
  readonly firstIso: string;
  readonly lastIso: string;
  readonly spanSeconds: number;
  readonly service: ServiceSamples | null;
  readonly fit: ServiceTimeFit | null;
  /** Mean latency over every request with one (queueing included). */
  readonly allMeanLatency: number;
  readonly bytes: { readonly n: number; readonly mean: number; readonly p50: number; readonly p95: number } | null;
}

/** ISO 8601 with microseconds from epoch seconds. */
export function isoMicros(epochSeconds: number): string {
  let whole = Math.floor(epochSeconds);
  let micros = Math.round((epochSeconds - whole) * 1e6);
  if (micros === 1_000_000) {
    whole++;
    micros = 0;
  }
  // Rows come in arrival order, many in each second: its date-time text is made once
  // (toISOString was a third of writing a million-row trace).
  if (whole !== lastWhole) {
    lastWhole = whole;
    lastPrefix = new Date(whole * 1000).toISOString().slice(0, 19);
  }
  return `${lastPrefix}.${String(micros).padStart(6, '0')}Z`;
}

/** isoMicros's last whole second and its text. */
let lastWhole = NaN;
let lastPrefix = '';

/** The trace CSV: one row per request in arrival order; the simulator reads `timestamp`. */
function* traceLines(sample: LogSample, order: Uint32Array): Generator<string> {
  yield 'timestamp,latency_s,response_bytes,status\n';
  let chunk: string[] = [];
  for (const i of order) {
    const latency = sample.latency(i);
    const bytes = sample.bytes(i);
    const status = sample.status(i);
    chunk.push(`${isoMicros(sample.arrival(i))},${Number.isFinite(latency) ? latency : ''},${Number.isFinite(bytes) ? bytes : ''},${status === 0 ? '' : status}\n`);
    if (chunk.length === 10_000) {
      yield chunk.join('');
      chunk = [];
    }
  }
  if (chunk.length > 0) yield chunk.join('');
}

/** Quantile of sorted values by linear interpolation (type 7). */
function quantile(sorted: Float64Array, q: number): number {
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  return sorted[lo]! + (h - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? sorted[lo]!) - sorted[lo]!);
}

/** 100 values at the (k + 0.5) / 100 quantiles: a resampled distribution with the logs' shape. */
const BYTE_QUANTILES = 100;

export function analyseLogs(sample: LogSample): LogsAnalysis & { order: Uint32Array; byteValues: number[] | null } {
  const order = sample.byArrival();
  const first = sample.arrival(order[0]!);
  const last = sample.arrival(order[order.length - 1]!);
  let latencySum = 0;
  let latencyN = 0;
  const sizes: number[] = [];
  for (let i = 0; i < sample.length; i++) {
    if (Number.isFinite(sample.latency(i))) {
      latencySum += sample.latency(i);
      latencyN++;
    }
    if (Number.isFinite(sample.bytes(i))) sizes.push(sample.bytes(i));
  }
  let service: ServiceSamples | null = null;
  let fit: ServiceTimeFit | null = null;
  if (latencyN > 0) {
    service = serviceSamples(sample);
    if (service.samples.length >= 2) fit = fitServiceTime(service.samples);
  }
  let bytes: LogsAnalysis['bytes'] = null;
  let byteValues: number[] | null = null;
  if (sizes.length > 0) {
    const sorted = Float64Array.from(sizes).sort();
    let sum = 0;
    for (const b of sorted) sum += b;
    bytes = { n: sorted.length, mean: sum / sorted.length, p50: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
    const k = Math.min(BYTE_QUANTILES, sorted.length);
    byteValues = Array.from({ length: k }, (_, j) => Math.round(quantile(sorted, (j + 0.5) / k)));
  }
  return {
    requests: sample.length,
    firstIso: isoMicros(first),
    lastIso: isoMicros(last),
    spanSeconds: last - first,
    service,
    fit,
    allMeanLatency: latencyN > 0 ? latencySum / latencyN : NaN,
    bytes,
    order,
    byteValues,
  };
}

function describeFit(d: FittedDist): string {
  const f = d.fit;
  const params = f.dist === 'lognormal' ? `mu ${sig(f.mu, 5)}, sigma ${sig(f.sigma, 4)}` : `shape ${sig(f.shape, 4)}, scale ${durationText(f.scale)}`;
  return `${f.dist} (${params}; mean ${durationText(f.mean)}, cv ${sig(f.cv, 4)}): log-likelihood ${sig(f.logLikelihood, 6)}, AIC ${sig(d.aic, 6)}, KS D ${sig(d.ks, 3)}`;
}

export function draftFromLogs(sample: LogSample, report: LogReadReport, inputs: LogsInputs): { draft: ScenarioDraft; analysis: LogsAnalysis } {
  const analysis = analyseLogs(sample);
  const notes: DraftNote[] = [];
  const files = report.files.map((f) => `${f.path} (${f.format}, ${f.requests} requests, ${f.malformed} malformed lines skipped, times read as request ${f.timestampAt})`).join('; ');
  notes.push({
    path: [],
    text: `Written by sim init --from-logs from ${analysis.requests} requests: ${files}. Each derived value says where it came from. Run with: sim run <this file>.`,
  });
  notes.push({
    path: ['traffic'],
    text: `Replays the ${analysis.requests} logged arrivals exactly, from ${inputs.traceFile} (one row per request). No start or duration here, so both come from the trace: start at the first request's whole second (${analysis.firstIso}), duration to a second past the last (${analysis.lastIso}). timeScale ${inputs.timeScale}: simulated time = trace time x timeScale (0.5 replays twice as fast). To try more or less traffic of the same shape, set scale (--set traffic.scale=2 doubles every minute's requests; below 1 each logged request is kept with that probability): it is what the verdict's break-even varies.`,
  });

  let service: { dist: 'lognormal' | 'gamma'; mean: number; cv: number };
  let origin: string;
  if (analysis.fit !== null && analysis.service !== null) {
    const { fit, service: s } = analysis;
    service = { dist: fit.best.fit.dist, mean: fit.best.fit.mean, cv: fit.best.fit.cv };
    const level = s.level === 0 ? 'nothing else in flight' : `at most ${s.level} other requests in flight (too few arrived alone, so these include some queueing)`;
    origin =
      `Fitted to the ${fit.n} latencies of requests that arrived with ${level}: ${sig(s.aloneShare * 100, 3)} % of the ${s.eligible} eligible requests arrived alone; ` +
      `left out: ${s.leftOutCold} after an idle gap over ${COLD_GAP_SECONDS / 60} min or first in the logs (possible cold starts), ${s.leftOutErrors} with status >= 400, ${s.leftOutNoLatency} without a latency. ` +
      `Assumed: such a request found a free instance and CPU, so its latency is its service time (requests arriving during it may still share its CPU: this errs long). ` +
      `Chosen by AIC: ${describeFit(fit.best)}; against ${describeFit(fit.other)}. KS 5 % critical value 1.358 / sqrt(n) = ${sig(fit.ksCritical5, 3)}. ` +
      `For comparison, the mean latency over all requests, queueing included, is ${durationText(analysis.allMeanLatency)}.`;
  } else {
    if (inputs.p50 === undefined || inputs.p95 === undefined) {
      throw new InputError('--from-logs: these logs have no latencies (uvicorn access logs do not): give --p50 and --p95 measured on an idle instance');
    }
    const q = lognormalFromQuantiles(inputs.p50, inputs.p95);
    service = q;
    origin = `The logs have no latencies: from the given p50 ${durationText(inputs.p50)} and p95 ${durationText(inputs.p95)}, a lognormal through both (mu ${sig(q.mu, 4)}, sigma ${sig(q.sigma, 4)}).`;
  }
  const { share, why } = cpuShareOf(inputs.cpu, service.mean);
  const { requests, notes: requestNotes } = requestsFromService(service, share, why, origin);
  notes.push(...requestNotes);

  let responseBytes: unknown;
  if (analysis.bytes !== null && analysis.byteValues !== null) {
    responseBytes = { dist: 'empirical', values: analysis.byteValues };
    notes.push({
      path: ['requests', 'responseBytes'],
      text: `The ${analysis.bytes.n} logged response sizes as ${analysis.byteValues.length} values at their (k + 0.5) / ${analysis.byteValues.length} quantiles, resampled uniformly: mean ${Math.round(analysis.bytes.mean)} bytes, median ${Math.round(analysis.bytes.p50)}, p95 ${Math.round(analysis.bytes.p95)}.`,
    });
  } else {
    responseBytes = inputs.responseBytes ?? 16384;
    notes.push({ path: ['requests', 'responseBytes'], text: `The logs have no response sizes: ${String(responseBytes)} bytes ${inputs.responseBytes === undefined ? '(an assumption; --response-size sets it)' : 'as given'}.` });
  }
  const { platforms, notes: platformNotes } = platformsDraft(inputs);
  notes.push(...platformNotes);
  const draft: ScenarioDraft = {
    scenario: {
      name: inputs.name,
      traffic: { type: 'trace', file: inputs.traceFile, format: 'timestamps', column: 'timestamp', ...(inputs.timeScale === 1 ? {} : { timeScale: inputs.timeScale }) },
      requests: { ...requests, responseBytes },
      platforms,
    },
    notes,
    files: new Map([[inputs.traceFile, traceLines(sample, analysis.order)]]),
  };
  return { draft, analysis };
}
