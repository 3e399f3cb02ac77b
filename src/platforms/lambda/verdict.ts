/**
 * What the verdict says about an AWS Lambda platform (src/verdict/ asks through the registry).
 * All pure.
 */
import type { SummaryRecord } from '../../metrics/summary.js';
import type { LambdaSpec } from '../../scenario/types.js';
import type { AlternativeSetting, VerdictHooks } from '../platform-entry.js';

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

/**
 * The advice's first try: twice the concurrency limit when requests were throttled, else four
 * times the memory (four times the vCPU share, up to Lambda's 10,240 MB).
 */
function remedies(record: SummaryRecord, spec: LambdaSpec): AlternativeSetting[] {
  if (record.status === 'ok') return [];
  if (record.status === 'overloaded' && record.requests_rejected > 0) {
    return [{ platform: spec.name, change: `a concurrency limit of ${2 * spec.concurrencyLimit} instead of ${spec.concurrencyLimit}`, set: `${spec.name}.concurrencyLimit=${2 * spec.concurrencyLimit}`, simulate: true }];
  }
  const memory = Math.min(MAX_MEMORY_MB, 4 * spec.memoryMiB);
  if (memory <= spec.memoryMiB) return [];
  return [{ platform: spec.name, change: `${memory} MB instead of ${spec.memoryMiB} MB`, set: `${spec.name}.memory=${memory}Mi`, simulate: true }];
}

export const lambdaVerdict: VerdictHooks<LambdaSpec> = {
  configuration,
  alternatives,
  // Compute Savings Plans cover Lambda, but the model does not price them.
  commitmentDiscounts: () => null,
  advice,
  remedies,
  // src/platforms/lambda/billing.ts puts duration (GB-s) on `cpu`, ephemeral storage on `memory`
  // and provisioned concurrency on `idle`.
  billLines: { cpu: 'duration', memory: 'ephemeral-storage', idle: 'provisioned-concurrency' },
};
