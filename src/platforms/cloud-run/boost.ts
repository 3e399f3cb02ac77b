/** Startup CPU boost: 1 vCPU -> 2, 2 -> 4, 4 -> 8, 6 and 8 -> 8; below 1 vCPU doubled (assumption). */
export function boostedCpu(cpu: number): number {
  return Math.min(8, 2 * cpu);
}
