/**
 * What the verdict says about an AWS Lambda platform (src/verdict/ asks through the registry).
 * All pure.
 */
import type { SummaryRecord } from '../../metrics/summary.js';
import type { LambdaSpec } from '../../scenario/types.js';
import type { AlternativeSetting, RemedyLadder, VerdictHooks } from '../platform-entry.js';
import { countLadder, warmCountLadder, wholeNumbers } from '../shared/count-ladder.js';

/** "1769 MB (1 vCPU), x86, keep-alive 10 min, concurrency limit 1000", and provisioned concurrency when set. */
function configuration(spec: LambdaSpec): string {
  const parts = [
    `${spec.memoryMiB} MB (${Number(spec.vcpu.toPrecision(2))} vCPU)`,
    spec.architecture === 'x86' ? 'x86' : 'Arm',
    `keep-alive ${Number((spec.keepAlive / 60).toPrecision(3))} min`,
    `concurrency limit ${spec.concurrencyLimit}`,
  ];
  if (spec.provisionedConcurrency > 0) parts.push(`${spec.provisionedConcurrency} provisioned`);
  return parts.join(', ');
}

/**
 * The other architecture, billed from the same run: the model runs a request's CPU work at the
 * same speed on both (AWS claims up to 34 % better price performance on Arm, workload by
 * workload), so only the prices differ. A spec whose prices were set by hand keeps them.
 */
function alternatives(spec: LambdaSpec): AlternativeSetting[] {
  const other = spec.architecture === 'x86' ? 'arm' : 'x86';
  return [{ platform: spec.name, change: `${other === 'arm' ? 'Arm (Graviton)' : 'x86'} architecture at the same speed`, set: `${spec.name}.architecture=${other}`, simulate: false }];
}

/**
 * Throttled requests need a higher concurrency limit (or scaling rate); cold starts in the
 * tail call for provisioned concurrency; slow responses for more memory, which is more vCPU.
 */
function advice(record: SummaryRecord, spec: LambdaSpec): string {
  if (record.status === 'overloaded') {
    if (record.requests_rejected > 0) return `raise concurrencyLimit (now ${spec.concurrencyLimit}): requests were throttled (429)`;
    return `raise requestTimeout (now ${spec.requestTimeout} s) or memory (now ${spec.memoryMiB} MB, ${Number(spec.vcpu.toPrecision(2))} vCPU): invocations timed out`;
  }
  if (record.cold_start_fraction > 0.001) return `set provisionedConcurrency (now ${spec.provisionedConcurrency}): cold starts are ${Number((record.cold_start_fraction * 100).toPrecision(2))} % of requests`;
  return `give the function more memory (now ${spec.memoryMiB} MB): CPU grows with it, one vCPU at 1769 MB`;
}

/** Lambda's largest memory size, MB. */
const MAX_MEMORY_MB = 10_240;

/** The search for the least concurrency limit that keeps up goes up to this many times the function's own; twice it is tried first. */
const CONCURRENCY_REACH = 8;

/**
 * Memory sizes the search tries (MB): 1769 is one full vCPU, 3008 the largest size before
 * 10 GB support; any whole MB from 128 to 10,240 is allowed, these are the usual steps.
 */
const MEMORY_STEPS = [256, 512, 1024, 1769, 2048, 3008, 4096, 6144, 8192, MAX_MEMORY_MB];

/**
 * The advice as a ladder: concurrency limits above the function's own when requests were
 * throttled (twice it tried first), else memory sizes above its own (four times it tried first:
 * four times the vCPU share, up to Lambda's 10,240 MB). More concurrency or memory is more
 * capacity for the same requests, so one value that keeps up means every larger one does.
 */
function remedies(record: SummaryRecord, spec: LambdaSpec): RemedyLadder[] {
  if (record.status === 'ok') return [];
  const name = spec.name;
  if (record.status === 'overloaded' && record.requests_rejected > 0) {
    const own = spec.concurrencyLimit;
    const words = (c: number): string => `a concurrency limit of ${c}`;
    return [countLadder({ platform: name, field: 'concurrencyLimit', own, values: wholeNumbers(own + 1, CONCURRENCY_REACH * own), first: own - 1, words })];
  }
  const own = spec.memoryMiB;
  const estimate = Math.min(MAX_MEMORY_MB, 4 * own);
  if (estimate <= own) return [];
  const values = [...new Set([...MEMORY_STEPS, estimate])].filter((m) => m > own).sort((a, b) => a - b);
  return [
    {
      platform: name,
      own,
      values,
      first: values.indexOf(estimate),
      setting: (m) => ({ platform: name, change: `${m} MB instead of ${own} MB`, set: `${name}.memory=${m}Mi`, simulate: true }),
      describe: (m) => `${m} MB`,
    },
  ];
}

/**
 * What a function that keeps up pays for whether busy or not: its provisioned concurrency. The
 * values below its own, the middle tried first; fewer provisioned environments mean more cold
 * starts, so one value that keeps up means every larger one does.
 */
function rightSizes(record: SummaryRecord, spec: LambdaSpec): RemedyLadder[] {
  if (record.status !== 'ok' || spec.provisionedConcurrency === 0) return [];
  return [warmCountLadder(spec.name, 'provisionedConcurrency', spec.provisionedConcurrency, (p) => `provisioned concurrency ${p}`)];
}

export const lambdaVerdict: VerdictHooks<LambdaSpec> = {
  configuration,
  alternatives,
  // Compute Savings Plans cover Lambda, but the model does not price them.
  commitmentDiscounts: () => null,
  advice,
  remedies,
  rightSizes,
  startsCold: (spec) => `${spec.name} starts with ${spec.provisionedConcurrency === 0 ? 'no environment' : `its ${spec.provisionedConcurrency} provisioned environment${spec.provisionedConcurrency === 1 ? '' : 's'}`}`,
  // src/platforms/lambda/billing.ts puts duration (GB-s) on `cpu`, ephemeral storage on `memory`
  // and provisioned concurrency on `idle`.
  billLines: { cpu: 'duration', memory: 'ephemeral-storage', idle: 'provisioned-concurrency' },
};
