import { PLATFORMS, type PlatformRegistry } from '../platforms/registry.js';

/**
 * The README's model reference: each registered platform's section (its entry's `docs`,
 * rendered from models/<model>.json) in registry order, so the two cannot drift apart:
 * test/docs/readme.test.ts fails when the README's copy differs (regenerate with
 * `node bin/sim.js models`). Each row is a parameter, its default, and its source or the
 * assumption behind it.
 */
export function modelReferenceMarkdown(registry: PlatformRegistry = PLATFORMS): string {
  return `${registry.entries.map((e) => e.docs()).join('\n\n')}\n`;
}
