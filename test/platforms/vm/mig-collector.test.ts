import { describe, expect, it } from 'vitest';
import type { LifecycleInstance } from '../../../src/platforms/lifecycle.js';
import { MigCollector } from '../../../src/platforms/vm/mig-collector.js';

const vm = (id: number, createdAt: number): LifecycleInstance => ({ id, createdAt });

describe('MigCollector: each VM mean vCPU in use over the autoscaler windows', () => {
  it('a booted VM: its first window runs from the end of the boot, the next from the last evaluation', () => {
    const c = new MigCollector();
    const a = vm(3, 10);
    c.instanceCreated(10, a);
    c.instanceReady(40, a); // booted at 40: the 30 s of boot are not in the window
    c.cpuChanged(a, 45, +1); // 1 vCPU
    c.cpuChanged(a, 50, +0.5); // 1.5
    c.cpuChanged(a, 60, -1); // 0.5
    // Window 40..70: 0 x 5 s + 1 x 5 s + 1.5 x 10 s + 0.5 x 10 s = 25 vCPU-s over 30 s = 0.8333
    // (over 10..70 it would be 25 / 60 = 0.4167).
    expect(c.windowMean(a, 70)).toBeCloseTo(25 / 30, 12);
    c.cpuChanged(a, 80, -0.5); // 0
    // Window 70..100: 0.5 x 10 s + 0 x 20 s = 5 vCPU-s over 30 s = 0.1667.
    expect(c.windowMean(a, 100)).toBeCloseTo(5 / 30, 12);
    // A window of no length has no mean.
    expect(c.windowMean(a, 100)).toBeNull();
  });

  it('a VM of time 0 is measured from its creation; VMs are measured apart', () => {
    const c = new MigCollector();
    const a = vm(0, 0);
    const b = vm(1, 0);
    c.instanceCreated(0, a);
    c.instanceCreated(0, b);
    c.cpuChanged(a, 0, +2); // a: 2 vCPU from 0
    c.cpuChanged(b, 15, +1); // b: 1 vCPU from 15
    c.cpuChanged(a, 20, -2); // a: 0 from 20
    // a over 0..60: 2 x 20 s = 40 vCPU-s / 60 s = 0.6667; b: 1 x 45 s = 45 / 60 = 0.75.
    expect(c.windowMean(a, 60)).toBeCloseTo(40 / 60, 12);
    expect(c.windowMean(b, 60)).toBeCloseTo(45 / 60, 12);
  });

  it('forgets a VM once it is gone', () => {
    const c = new MigCollector();
    const a = vm(0, 0);
    c.instanceCreated(0, a);
    c.instanceGone(30, a);
    expect(() => c.windowMean(a, 60)).toThrow();
  });
});
