import { describe, expect, it } from 'vitest';
import { computeEngineCatalog } from '../../src/scenario/presets.js';
import { computeEnginePricesFor, splitHourlyPrice } from '../../src/scenario/prices.js';

describe('Compute Engine prices', () => {
  const { machines } = computeEngineCatalog();

  it.each(Object.keys(machines))('%s: cpu + memory is exactly the catalog hourly price', (name) => {
    const machine = machines[name]!;
    const { cpuHour, memoryHour } = splitHourlyPrice(machine);
    expect(cpuHour + memoryHour).toBe(machine.onDemandHourly);
    expect(cpuHour).toBeGreaterThan(0);
    expect(memoryHour).toBeGreaterThan(0);
    // 730 hours reproduce the catalog's monthly figure to the cent.
    expect(Math.round((cpuHour + memoryHour) * 730 * 100) / 100).toBe(machine.monthly730);
  });

  it('splits e2-medium in proportion to the E2 per-resource rates', () => {
    const prices = computeEnginePricesFor(machines['e2-medium']!);
    const cpuList = 0.021811;
    const memoryList = 4 * 0.002923;
    expect(prices.cpuHour / prices.memoryHour).toBeCloseTo(cpuList / memoryList, 12);
    expect(prices.egressPerGiB).toBe(0.12);
  });
});
