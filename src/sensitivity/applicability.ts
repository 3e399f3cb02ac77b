import { PLATFORMS } from '../platforms/registry.js';
import type { AssumptionRange } from '../scenario/assumptions.js';
import type { PlatformSpec } from '../scenario/types.js';

/**
 * Why an assumption of a platform's model has no effect on that platform as configured, or
 * null when it has one. Ranging over a parameter the simulation never reads would only add
 * rows that cannot move, and make "holds under 12 of 12" sound stronger than it is. The rules
 * are the platform's own (its registry entry's `notApplicable`: src/platforms/cloud-run/sensitivity.ts,
 * src/platforms/vm/sensitivity.ts), since they follow where its model reads each field.
 */
export function notApplicable(a: AssumptionRange, spec: PlatformSpec): string | null {
  return PLATFORMS.of(spec).notApplicable(a, spec);
}
