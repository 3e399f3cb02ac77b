import type { PlatformSpec } from '../scenario/types.js';

/** Memory for people: 0.5 -> "512 MiB", 2 -> "2 GiB". */
function memoryText(gib: number): string {
  return gib < 1 ? `${Math.round(gib * 1024)} MiB` : `${Number(gib.toPrecision(4))} GiB`;
}

/**
 * A platform's configuration in one line, as the verdict shows it (pure):
 * "1 vCPU, 512 MiB, concurrency 80, min 0, max 100, request-based";
 * "2 x e2-medium, 2 workers each, on-demand". Settings that differ from the usual case are
 * added: another autoscaler, startup CPU boost, a bounded or unbounded VM backlog, the MIG
 * autoscaler, Spot preemption.
 */
export function configurationLine(spec: PlatformSpec): string {
  if (spec.model === 'cloud-run') {
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
    return parts.join(', ');
  }
  const parts = [`${spec.count} x ${spec.machineType}`, `${spec.workers} worker${spec.workers === 1 ? '' : 's'} each`, spec.pricing ?? 'on-demand'];
  const autoscaling = spec.autoscaling;
  if (autoscaling !== undefined && autoscaling.mode !== 'off') {
    parts.push(`MIG autoscaler ${autoscaling.minSize}-${autoscaling.maxSize} VMs at ${Math.round(autoscaling.targetCpu * 100)} % CPU${autoscaling.mode === 'only-scale-out' ? ' (scale-out only)' : ''}`);
  }
  parts.push(Number.isFinite(spec.queueLimit) ? `backlog ${spec.queueLimit} per VM` : 'unbounded backlog');
  if (spec.preemption?.enabled === true) parts.push('Spot preemptions');
  return parts.join(', ');
}
