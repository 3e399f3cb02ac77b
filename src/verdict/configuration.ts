import { PLATFORMS } from '../platforms/registry.js';
import type { PlatformSpec } from '../scenario/types.js';

/**
 * A platform's configuration in one line, as the verdict shows it (pure):
 * "1 vCPU, 512 MiB, concurrency 80, min 0, max 100, request-based";
 * "2 x e2-medium, 2 workers each, on-demand". Settings that differ from the usual case are
 * added (another autoscaler, startup CPU boost, a bounded or unbounded VM backlog, the MIG
 * autoscaler, Spot preemption): each platform's own words (src/platforms/<model>/verdict.ts).
 */
export function configurationLine(spec: PlatformSpec): string {
  return PLATFORMS.of(spec).verdict.configuration(spec);
}
