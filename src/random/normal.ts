import type { Rng } from '../engine/streams.js';

/**
 * A standard normal draw by Box-Muller. It uses two uniforms per draw and keeps no spare
 * value, so a distribution stays stateless and a stream's position depends only on how many
 * draws were made.
 */
export function standardNormal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}
