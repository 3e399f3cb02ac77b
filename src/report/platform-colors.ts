/**
 * Tableau's ten categorical colours (d3.schemeTableau10, its red moved from third to fifth so
 * that a third platform does not read as an error), one per platform in the order the scenario
 * lists them: every chart and the verdict card read the same map, so a platform keeps
 * its colour across the whole report. Platforms past the tenth repeat the cycle.
 */
const PALETTE = ['#4e79a7', '#f28e2c', '#59a14f', '#af7aa1', '#e15759', '#76b7b2', '#edc949', '#ff9da7', '#9c755f', '#bab0ab'] as const;

export function platformColors(platforms: readonly string[]): Record<string, string> {
  return Object.fromEntries(platforms.map((platform, i) => [platform, PALETTE[i % PALETTE.length]!]));
}
