import { PLATFORMS } from '../platforms/registry.js';
import type { Scenario } from '../scenario/types.js';
import type { VerdictAlternative } from './types.js';

/** What a simulated alternative risks that the simulation does not model (VerdictHooks.availability of its spec). */
export interface AlternativeCaveat {
  readonly platform: string;
  /** The alternative's `change`, as the verdict lists it. */
  readonly change: string;
  readonly text: string;
}

/**
 * Warnings for what the verdict would have a user run that the simulation cannot judge (pure):
 * the recommended platform's own configuration, and an alternative with which its platform
 * would be the one recommended (the headline's "vm still keeps up with 1 VM instead of 2, at
 * $53/month, which would make it the choice"), each when its model says what it risks
 * (VerdictHooks.availability: a single VM has no spare). A status says whether the simulated
 * capacity keeps up, not whether it stays up.
 */
export function availabilityWarnings(
  scenario: Scenario,
  recommended: string | null,
  alternatives: readonly VerdictAlternative[],
  caveats: readonly AlternativeCaveat[],
): string[] {
  const warnings: string[] = [];
  const own = scenario.platforms.find((p) => p.name === recommended);
  const ownText = own === undefined ? null : (PLATFORMS.of(own).verdict.availability?.(own) ?? null);
  if (own !== undefined && ownText !== null) warnings.push(`${own.name}, the choice: ${ownText}`);
  for (const c of caveats) {
    const alt = alternatives.find((a) => a.platform === c.platform && a.change === c.change);
    if (alt === undefined || alt.status !== 'ok' || alt.recommendedWith !== c.platform) continue;
    warnings.push(`${c.platform} with ${c.change}, with which it would be the choice: ${c.text}`);
  }
  return warnings;
}
