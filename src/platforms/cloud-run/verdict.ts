/**
 * What the verdict says about a Cloud Run platform (src/verdict/ asks through the registry).
 * All pure.
 */
import type { SummaryRecord } from '../../metrics/summary.js';
import type { CloudRunSpec } from '../../scenario/types.js';
import type { AlternativeSetting, RemedyLadder, VerdictHooks } from '../platform-entry.js';
import { describeServer } from '../server/describe-server.js';
import { countLadder, warmCountLadder, wholeNumbers } from '../shared/count-ladder.js';
import { cloudRunCudDiscount } from './presets.js';
import { cloudRunMemoryRange } from './resolve.js';

/** Memory for people: 0.5 -> "512 MiB", 2 -> "2 GiB". */
function memoryText(gib: number): string {
  return gib < 1 ? `${Math.round(gib * 1024)} MiB` : `${Number(gib.toPrecision(4))} GiB`;
}

/**
 * "1 vCPU, 512 MiB, concurrency 80, min 0, max 100, request-based", and what differs from the
 * usual case: fewer workers than vCPU, another autoscaler, the startup CPU boost.
 */
function configuration(spec: CloudRunSpec): string {
  const parts = [
    `${Number(spec.cpu.toPrecision(3))} vCPU`,
    memoryText(spec.memoryGiB),
    `concurrency ${spec.concurrency}`,
    `min ${spec.minInstances}`,
    `max ${spec.maxInstances}`,
    `${spec.billing}-based`,
  ];
  if (spec.workers < spec.cpu) parts.push(`${spec.workers} worker${spec.workers === 1 ? '' : 's'}`);
  if (spec.autoscaler !== 'cloud-run') parts.push(`${spec.autoscaler} autoscaler`);
  if (spec.startupCpuBoost) parts.push('startup CPU boost');
  const server = describeServer(spec);
  if (server !== null) parts.push(server);
  if (spec.routing === 'cpu-aware') parts.push('CPU-aware routing');
  return parts.join(', ');
}

/**
 * The other billing setting (request- or instance-based). In this model billing changes no
 * behaviour, so it is billed from the same lifecycle; with the startup CPU boost the boosted
 * vCPU is billed by a rule that depends on the setting (boosted and billable, or boosted and
 * existing), counted by the platform for its own setting only: simulated again.
 */
function alternatives(spec: CloudRunSpec): AlternativeSetting[] {
  const other = spec.billing === 'request' ? 'instance' : 'request';
  if (spec.commitment !== undefined) return [];
  return [{ platform: spec.name, change: `${other}-based billing`, set: `${spec.name}.billing=${other}`, simulate: spec.startupCpuBoost }];
}

/**
 * A Cloud Run service that hit maxInstances needs a higher limit; one that turned requests away
 * below it lost them in the pending queue while instances started (minInstances, a lower
 * concurrency); cold starts in the tail call for min instances.
 */
function advice(record: SummaryRecord, spec: CloudRunSpec): string {
  if (record.status === 'overloaded') {
    if (record.instances_max >= spec.maxInstances) return `raise maxInstances (it reached its limit of ${spec.maxInstances})`;
    return `keep instances warm (minInstances, now ${spec.minInstances}) or lower concurrency (now ${spec.concurrency}) so that bursts do not wait out the pending queue`;
  }
  if (record.cold_start_fraction > 0.001) return `set minInstances (now ${spec.minInstances}) or the startup CPU boost: cold starts are ${Number((record.cold_start_fraction * 100).toPrecision(2))} % of requests`;
  return `lower concurrency (now ${spec.concurrency}) or give instances more vCPU (now ${spec.cpu})`;
}

/** Cloud Run's vCPU sizes, for the next one up. */
const CPU_STEPS = [1, 2, 4, 6, 8];

/** The search for the least maxInstances that keeps up goes up to this many times the service's own; twice it is tried first. */
const MAX_INSTANCES_REACH = 8;

/**
 * The advice as a ladder when it is one number: maxInstances above the limit the service hit
 * (twice it tried first), or the vCPU sizes above its own when it misses its latency objective
 * (the next one tried first), with the memory the size requires where the service has less;
 * an overload below maxInstances, requests lost in the pending queue while instances started,
 * minInstances above its own, up to the most instances the run had (its peak tried first: none
 * of them would start cold). A higher limit, more vCPU or more warm instances is more capacity
 * for the same requests, so one value that keeps up means every larger one does.
 */
function remedies(record: SummaryRecord, spec: CloudRunSpec): RemedyLadder[] {
  const name = spec.name;
  if (record.status === 'overloaded' && record.instances_max >= spec.maxInstances) {
    const own = spec.maxInstances;
    return [countLadder({ platform: name, field: 'maxInstances', own, values: wholeNumbers(own + 1, MAX_INSTANCES_REACH * own), first: own - 1, words: (m) => `maxInstances ${m}` })];
  }
  if (record.status === 'overloaded') {
    const own = spec.minInstances;
    const peak = Math.min(record.instances_max, spec.maxInstances);
    if (peak <= own) return [];
    return [countLadder({ platform: name, field: 'minInstances', own, values: wholeNumbers(own + 1, peak), first: peak - own - 1, words: (m) => `minInstances ${m}` })];
  }
  const larger = CPU_STEPS.filter((c) => c > spec.cpu);
  if (record.status === 'misses-slo' && larger.length > 0) {
    return [
      {
        platform: name,
        own: spec.cpu,
        values: larger,
        first: 0,
        // 4 vCPU need at least 2 GiB, 6 and 8 at least 4 GiB: raised with the vCPU where short.
        setting: (c) => cpuSetting(spec, c),
        describe: (c) => `${c} vCPU`,
      },
    ];
  }
  return [];
}

/**
 * What a service that keeps up could pay less for: its min instances, billed idle (the values
 * below its own, the middle tried first), and a vCPU size above 1 (the whole sizes below its
 * own, the next one down tried first, with memory lowered to what the size allows where the
 * service has more). Fewer warm instances mean more cold starts and fewer vCPU slower
 * requests, so one value that keeps up means every larger one does.
 */
function rightSizes(record: SummaryRecord, spec: CloudRunSpec): RemedyLadder[] {
  if (record.status !== 'ok') return [];
  const ladders: RemedyLadder[] = [];
  if (spec.minInstances > 0) ladders.push(warmCountLadder(spec.name, 'minInstances', spec.minInstances, (m) => `minInstances ${m}`));
  const smaller = CPU_STEPS.filter((c) => c < spec.cpu);
  if (smaller.length > 0) {
    const name = spec.name;
    ladders.push({
      platform: name,
      own: spec.cpu,
      below: true,
      values: smaller,
      first: smaller.length - 1,
      setting: (c) => cpuSetting(spec, c),
      describe: (c) => `${c} vCPU`,
    });
  }
  return ladders;
}

/**
 * `c` vCPU for this service, in words and as --set flags, with its memory moved into what the
 * size allows (cloudRunMemoryRange): up to 2 GiB for 4 vCPU and 4 GiB for 6 or 8; down to 4 GiB
 * per vCPU.
 */
function cpuSetting(spec: CloudRunSpec, c: number): AlternativeSetting {
  const name = spec.name;
  const range = cloudRunMemoryRange(c);
  const memory = Math.min(range.max, Math.max(spec.memoryGiB, range.min));
  if (memory === spec.memoryGiB) return { platform: name, change: `${c} vCPU instead of ${spec.cpu}`, set: `${name}.cpu=${c}`, simulate: true };
  return {
    platform: name,
    change: `${c} vCPU and ${memoryText(memory)} instead of ${spec.cpu} vCPU and ${memoryText(spec.memoryGiB)}`,
    set: `${name}.cpu=${c}`,
    also: [`${name}.memory=${memory}Gi`],
    simulate: true,
  };
}

export const cloudRunVerdict: VerdictHooks<CloudRunSpec> = {
  configuration,
  alternatives,
  // Cloud Run's own CUD on request-based billing, Compute flexible CUDs on instance-based.
  commitmentDiscounts: (spec) => ({ '1y': cloudRunCudDiscount(spec.billing, '1y'), '3y': cloudRunCudDiscount(spec.billing, '3y') }),
  advice,
  remedies,
  rightSizes,
  startsCold: (spec) => `${spec.name} starts with ${spec.minInstances === 0 ? 'no instance' : `its ${spec.minInstances} min instance${spec.minInstances === 1 ? '' : 's'}`}`,
};
