/**
 * A scenario from the numbers a team has (`sim init` without logs): traffic per day or mean and
 * peak req/s with a daily shape, the endpoint's p50 and p95 on an idle instance, its CPU share
 * (given, or from a CPU utilisation at a known request rate), response size, memory, region and
 * the platforms. Every derived number is explained in a note.
 */
import { InputError } from '../errors.js';
import { platformsDraft, type PlatformInputs } from './platforms-draft.js';
import { durationText, sig, type DraftNote, type ScenarioDraft } from './scenario-draft.js';
import { peakedWeek } from './peaked-week.js';
import { lognormalFromQuantiles, splitServiceTime } from './split-service-time.js';

export type TrafficInputs =
  | { readonly kind: 'per-day'; readonly requestsPerDay: number; readonly peakRps?: number | undefined }
  | { readonly kind: 'rps'; readonly meanRps: number; readonly peakRps?: number | undefined };

export type CpuShareInputs =
  | { readonly kind: 'share'; readonly share: number; readonly assumed: boolean }
  | { readonly kind: 'utilization'; readonly utilization: number; readonly atRps: number; readonly vcpu: number };

export interface NumbersInputs extends PlatformInputs {
  readonly name: string;
  readonly traffic: TrafficInputs;
  readonly peakHour: number;
  readonly weekendFactor: number;
  /** Seconds, measured on an idle instance (no queueing). */
  readonly p50: number;
  readonly p95: number;
  readonly cpu: CpuShareInputs;
  /** Bytes. */
  readonly responseBytes: number;
}

/** The CPU share and the sentence that says where it came from. */
export function cpuShareOf(cpu: CpuShareInputs, meanLatency: number): { share: number; why: string } {
  if (cpu.kind === 'share') {
    return {
      share: cpu.share,
      why: cpu.assumed
        ? `CPU share ${cpu.share} is an assumption (no figure was given; --cpu-share or --cpu-utilization with --at-rps sets it)`
        : `CPU share ${cpu.share} as given`,
    };
  }
  // CPU seconds per request = utilisation x vCPU / request rate.
  const perRequest = (cpu.utilization * cpu.vcpu) / cpu.atRps;
  const share = perRequest / meanLatency;
  if (!(share > 0 && share <= 1)) {
    throw new InputError(
      `--cpu-utilization ${cpu.utilization} at --at-rps ${cpu.atRps} on ${cpu.vcpu} vCPU gives ${sig(perRequest * 1000)} ms of CPU per request, more than the mean latency ${sig(meanLatency * 1000)} ms: check the figures (CPU per request cannot exceed the latency)`,
    );
  }
  return {
    share: sig(share, 3),
    why: `CPU share ${sig(share, 3)} = CPU per request / mean latency = (${cpu.utilization} utilisation x ${cpu.vcpu} vCPU / ${cpu.atRps} req/s = ${sig(perRequest * 1000)} ms) / ${sig(meanLatency * 1000)} ms`,
  };
}

/** The requests block (cpu, io, responseBytes) from a service-time distribution, with notes. */
export function requestsFromService(
  service: { dist: 'lognormal' | 'gamma'; mean: number; cv: number },
  share: number,
  shareWhy: string,
  origin: string,
): { requests: Record<string, unknown>; notes: DraftNote[] } {
  const split = splitServiceTime(service, share);
  const notes: DraftNote[] = [
    {
      path: ['requests', 'cpu'],
      text: `${origin} Service time: ${service.dist}, mean ${durationText(service.mean)}, cv ${sig(service.cv, 4)}. ${shareWhy}: cpu gets ${sig(share * 100, 3)} % of the mean (vCPU-seconds, shared by processor sharing when requests overlap) and io the rest (waiting without CPU). Each part has cv ${sig(split.cvPart, 4)} = ${sig(service.cv, 4)} / sqrt(s^2 + (1 - s)^2), so that the sum of the two independent draws keeps the service time's mean and variance.`,
    },
  ];
  return { requests: { cpu: split.cpu, io: split.io }, notes };
}

export function draftFromNumbers(inputs: NumbersInputs): ScenarioDraft {
  const notes: DraftNote[] = [{ path: [], text: `Written by sim init from the numbers below; each derived value says where it came from. Check with: sim validate <this file>; run with: sim run <this file>.` }];
  const { traffic, trafficNotes } = diurnalTraffic(inputs);
  notes.push(...trafficNotes);
  if (!(inputs.p95 > inputs.p50 && inputs.p50 > 0)) {
    throw new InputError(`--p95 ${inputs.p95} s is not allowed: a latency above --p50 (${inputs.p50} s), both > 0`);
  }
  const service = lognormalFromQuantiles(inputs.p50, inputs.p95);
  const { share, why } = cpuShareOf(inputs.cpu, service.mean);
  const origin = `From p50 ${durationText(inputs.p50)} and p95 ${durationText(inputs.p95)} on an idle instance (no queueing in them): a lognormal through both, mu = ln p50 = ${sig(service.mu, 4)}, sigma = ln(p95 / p50) / 1.6449 = ${sig(service.sigma, 4)}.`;
  const { requests, notes: requestNotes } = requestsFromService(service, share, why, origin);
  notes.push(...requestNotes);
  notes.push({ path: ['requests', 'responseBytes'], text: `Response size as given (${inputs.responseBytes} bytes), for the egress charge.` });
  const { platforms, notes: platformNotes } = platformsDraft(inputs);
  notes.push(...platformNotes);
  notes.push({
    path: ['duration'],
    text:
      inputs.weekendFactor === 1
        ? 'A day: every day of this traffic is alike, so one stands for every other and for the month (a longer run repeats it, and every check of the verdict with it); latencies from the end of the first hour (warmup). With --weekend-factor it is a week.'
        : 'A week, so that the daily shape and the weekend both count; latencies from the end of the first hour (warmup).',
  });
  return {
    scenario: {
      name: inputs.name,
      start: '2026-01-05T00:00:00Z',
      duration: inputs.weekendFactor === 1 ? '1d' : '7d',
      warmup: '1h',
      traffic,
      requests: { ...requests, responseBytes: inputs.responseBytes },
      platforms,
    },
    notes,
    files: new Map(),
  };
}

function diurnalTraffic(inputs: NumbersInputs): { traffic: Record<string, unknown>; trafficNotes: DraftNote[] } {
  const t = inputs.traffic;
  const meanRps = t.kind === 'per-day' ? t.requestsPerDay / 86_400 : t.meanRps;
  const from = t.kind === 'per-day' ? `${t.requestsPerDay} requests per day / 86,400 s = ${sig(meanRps)} req/s` : `${meanRps} req/s as given`;
  const w = inputs.weekendFactor;
  // diurnal-profile.ts: base (mean weekday rate) = meanRps x 7 / (5 + 2 w); peak = base (1 + A);
  // peakToTrough = (1 + A) / (1 - A).
  const base = (meanRps * 7) / (5 + 2 * w);
  let peakToTrough = 1;
  let shape = 'no daily peak given: a flat day (peakToTrough 1)';
  if (t.peakRps !== undefined) {
    const a = t.peakRps / base - 1;
    if (!(a >= 0)) {
      throw new InputError(`--peak-rps ${t.peakRps} is not allowed: at least the weekday mean, ${sig(base)} req/s (mean x 7 / (5 + 2 x weekend factor))`);
    }
    if (a >= 1) return peakedTraffic(meanRps, from, base, t.peakRps, inputs);
    peakToTrough = sig((1 + a) / (1 - a), 4);
    shape = `peak ${t.peakRps} req/s at ${inputs.peakHour}:00 UTC: weekday mean = meanRps x 7 / (5 + 2 x weekendFactor) = ${sig(base)} req/s, amplitude A = peak / weekday mean - 1 = ${sig(a, 4)}, peakToTrough = (1 + A) / (1 - A) = ${peakToTrough}`;
  }
  return {
    traffic: { type: 'diurnal', meanRps: sig(meanRps, 6), peakToTrough, peakHour: inputs.peakHour, weekendFactor: w },
    trafficNotes: [{ path: ['traffic'], text: `Mean rate over the week: ${from}. Daily shape: ${shape}. Weekend days at ${w} x a weekday.` }],
  };
}

/**
 * A peak of twice the weekday mean or more, which no daily cosine reaches: one triangle a day
 * around the peak hour (peaked-week.ts), with the note that says what it assumes.
 */
function peakedTraffic(meanRps: number, from: string, base: number, peak: number, inputs: NumbersInputs): { traffic: Record<string, unknown>; trafficNotes: DraftNote[] } {
  const w = inputs.weekendFactor;
  // Every day alike: one day, repeated (the run is a day too).
  const days = w === 1 ? 1 : 7;
  const week = peakedWeek(base, peak, inputs.peakHour, w, days);
  const width = sig(week.widthHours, 3);
  return {
    traffic: { type: 'piecewise', points: week.points, interpolation: 'linear', repeat: `${days}d` },
    trafficNotes: [
      {
        path: ['traffic'],
        text:
          `Mean rate over the week: ${from}. Daily shape: peak ${peak} req/s at ${inputs.peakHour}:00 UTC, ${sig(peak / base, 3)} times the weekday mean ` +
          `(mean x 7 / (5 + 2 x weekendFactor) = ${sig(base)} req/s), more than a daily cosine reaches (twice its mean): each day a triangle from 0 up to the peak ` +
          `and back, ${width} h wide (48 h x weekday mean / peak, so that the day keeps its mean), and no traffic outside it. ` +
          `Weekend days at ${w} x a weekday. That is the least the two numbers say; a service with traffic at night or several spikes a day: sim init --from-logs, ` +
          `or edit the points (hours from ${days === 1 ? 'midnight' : 'Monday 00:00'} UTC, req/s, linear between them, repeated every ${days === 1 ? 'day' : '7 days'}).`,
      },
    ],
  };
}
