import type { DraftNote } from './scenario-draft.js';

/**
 * The platforms `sim init` drafts, with the questions it asks about each (vCPU, memory and
 * concurrency; machine type and count): the wizard's own choices and default names, not the
 * registry's list. A platform without questions here is added to the draft by hand.
 */
export const PLATFORM_CHOICES = ['cloud-run', 'vm'] as const;
export type PlatformChoice = (typeof PLATFORM_CHOICES)[number];

export interface PlatformInputs {
  readonly platforms: readonly PlatformChoice[];
  readonly region: string;
  readonly memory: string;
  readonly cloudRunCpu: number;
  readonly concurrency: number;
  readonly machineType: string;
  readonly vmCount: number;
}

/** The defaults of the issue and of models/: Cloud Run 1 vCPU, 512 MiB, concurrency 80; 2 x e2-medium. */
export const DEFAULT_PLATFORMS: PlatformInputs = {
  platforms: ['cloud-run', 'vm'],
  region: 'us-central1',
  memory: '512Mi',
  cloudRunCpu: 1,
  concurrency: 80,
  machineType: 'e2-medium',
  vmCount: 2,
};

/** The platforms entries and their notes (paths under `platforms`). */
export function platformsDraft(p: PlatformInputs): { platforms: Record<string, unknown>[]; notes: DraftNote[] } {
  const platforms: Record<string, unknown>[] = [];
  const notes: DraftNote[] = [];
  if (p.platforms.includes('cloud-run')) {
    notes.push({
      path: ['platforms', platforms.length],
      text: `Cloud Run: ${p.cloudRunCpu} vCPU, ${p.memory}, up to ${p.concurrency} requests per instance; every other setting (cold start, autoscaler, billing) from models/cloud-run.json (sim models lists them).`,
    });
    platforms.push({ name: 'cloud-run', model: 'cloud-run', region: p.region, cpu: p.cloudRunCpu, memory: p.memory, concurrency: p.concurrency });
  }
  if (p.platforms.includes('vm')) {
    const regionNote = p.region === 'us-central1' ? '' : ` The Compute Engine catalog has us-central1 prices only, so the VMs are priced there, not in ${p.region}.`;
    notes.push({
      path: ['platforms', platforms.length],
      text: `Compute Engine: ${p.vmCount} x ${p.machineType} behind a load balancer, 2 worker processes each (models/compute-engine.json).${regionNote}`,
    });
    platforms.push({ name: 'vm', model: 'compute-engine', machineType: p.machineType, count: p.vmCount });
  }
  return { platforms, notes };
}
