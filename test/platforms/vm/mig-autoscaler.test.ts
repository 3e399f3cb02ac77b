import { describe, expect, it } from 'vitest';
import { Simulation } from '../../../src/engine/simulation.js';
import { VmFleetPlatform } from '../../../src/platforms/vm/vm-fleet.js';
import type { ComputeEngineSpec, MigAutoscalingSpec } from '../../../src/scenario/types.js';
import { vmSpec } from '../../helpers/specs.js';
import { decideMig, recommendMig, type MigObservation, type MigSpec, type MigVm } from '../../../src/platforms/vm/mig-autoscaler.js';

/** Google's defaults: target 0.6, initialisation 60 s, scale-in stabilisation 600 s. */
const spec: MigSpec = {
  mode: 'on',
  minSize: 1,
  maxSize: 10,
  targetCpu: 0.6,
  initializationPeriod: 60,
  scaleInStabilization: 600,
};

/** A VM of the initial fleet (initialised from the start), serving, at `utilization`. */
const vm = (id: number, utilization: number | null, over: Partial<MigVm> = {}): MigVm => ({
  id,
  createdAt: -Infinity,
  booting: false,
  utilization,
  connections: 0,
  ...over,
});

const observe = (vms: MigVm[], over: Partial<MigObservation> = {}): MigObservation => ({ vms, returning: 0, history: [], ...over });

describe('recommendMig: ceil(sum of measured utilisation / targetCpu)', () => {
  it.each([
    // [utilisations, recommendation, why]
    [[0.6, 0.6], 2, 'at target: 1.2 / 0.6 = 2 exactly, not 3'],
    [[0.9, 0.9, 0.6], 4, '2.4 / 0.6 = 4'],
    [[1, 1], 4, 'saturated: 2 / 0.6 = 3.33 -> 4'],
    [[0.1, 0.1, 0.1, 0.1], 1, '0.4 / 0.6 -> 1'],
    [[0, 0], 0, 'no load recommends 0 (min size clamps later)'],
    [[0.7 / 3, 0.7 / 3, 0.7 / 3], 2, 'float noise: 0.7 / 0.6 -> 2'],
  ])('%j -> %d (%s)', (utils, expected) => {
    expect(recommendMig(spec, utils.map((u, i) => vm(i, u)), 0)).toBe(expected);
  });

  it('ignores VMs inside their initialisation period, counts them from createdAt + 60 s', () => {
    const vms = [vm(0, 0.9), vm(1, 0.9, { createdAt: 100 })];
    expect(recommendMig(spec, vms, 159)).toBe(2); // ceil(0.9 / 0.6): VM 1 not yet measured
    expect(recommendMig(spec, vms, 160)).toBe(3); // ceil(1.8 / 0.6)
  });

  it('ignores VMs without a sample (booting)', () => {
    expect(recommendMig(spec, [vm(0, 0.3), vm(1, null, { booting: true })], 500)).toBe(1);
  });

  it('is null (no data) when no VM is measured', () => {
    expect(recommendMig(spec, [], 0)).toBeNull();
    expect(recommendMig(spec, [vm(0, 0.9, { createdAt: 0 })], 30)).toBeNull();
  });
});

describe('decideMig on a synthetic clock', () => {
  it('says no-data while every VM initialises', () => {
    expect(decideMig(spec, observe([vm(0, 1, { createdAt: 0 })]), 59)).toEqual({ state: 'no-data' });
  });

  it('scales out at once on high CPU', () => {
    // Two VMs at 90 %: 1.8 / 0.6 = 3.
    expect(decideMig(spec, observe([vm(0, 0.9), vm(1, 0.9)]), 15)).toEqual({ state: 'scale', recommended: 3, target: 3, stop: [] });
  });

  it('a new VM is not measured while it initialises, so the group does not scale out twice for one rise', () => {
    // t = 15: 2 saturated VMs ask for 4; VMs 2 and 3 are created (and take load once booted).
    // t = 45: they serve but initialise; the old VMs now at 0.5 recommend ceil(1 / 0.6) = 2, the
    // peak of t = 15 keeps 4, and nothing more is started or stopped.
    const history: [number, number][] = [[15, 4]];
    const vms = [vm(0, 0.5), vm(1, 0.5), vm(2, 0.5, { createdAt: 15 }), vm(3, 0.5, { createdAt: 15 })];
    expect(decideMig(spec, observe(vms, { history }), 45)).toEqual({ state: 'scale', recommended: 2, target: 4, stop: [] });
    // t = 75: all four measured, 2.0 / 0.6 -> 4: still 4.
    expect(decideMig(spec, observe(vms, { history: [...history, [45, 2]] }), 75)).toMatchObject({ recommended: 4, target: 4, stop: [] });
  });

  it('keeps the peak of the last 600 s, then shrinks', () => {
    const vms = [0, 1, 2, 3, 4].map((i) => vm(i, 0.1));
    const history: [number, number][] = [
      [100, 5],
      [115, 1],
    ];
    // Load fell to 0.5 VM-worth (recommend 1) after a peak of 5 at t = 100.
    const steps: [number, number][] = [
      [115, 5],
      [600, 5],
      [699, 5],
      [700, 1], // the 5 of t = 100 is no longer strictly inside (700 - 600, 700]
    ];
    for (const [now, target] of steps) {
      const d = decideMig(spec, observe(vms, { history }), now);
      expect(d, `t = ${now}`).toMatchObject({ recommended: 1, target });
      if (d.state === 'scale') expect(d.stop).toHaveLength(5 - target);
    }
  });

  it('clamps to minSize and maxSize', () => {
    expect(decideMig({ ...spec, minSize: 2 }, observe([vm(0, 0), vm(1, 0)]), 10)).toMatchObject({ recommended: 0, target: 2, stop: [] });
    expect(decideMig({ ...spec, maxSize: 3 }, observe([vm(0, 1), vm(1, 1)]), 10)).toMatchObject({ recommended: 4, target: 3 });
    // Above maxSize (maxSize lowered): shrink to it.
    const five = [0, 1, 2, 3, 4].map((i) => vm(i, 0.6));
    expect(decideMig({ ...spec, maxSize: 3 }, observe(five), 10)).toMatchObject({ recommended: 5, target: 3, stop: [4, 3] });
  });

  it('only-scale-out grows but never shrinks', () => {
    const only: MigSpec = { ...spec, mode: 'only-scale-out' };
    expect(decideMig(only, observe([vm(0, 1), vm(1, 1)]), 10)).toMatchObject({ target: 4, stop: [] });
    const idle = [0, 1, 2, 3].map((i) => vm(i, 0));
    expect(decideMig(only, observe(idle), 5000)).toEqual({ state: 'scale', recommended: 0, target: 4, stop: [] });
  });

  it('off keeps the size whatever the load', () => {
    expect(decideMig({ ...spec, mode: 'off' }, observe([vm(0, 1), vm(1, 1)]), 10)).toEqual({ state: 'scale', recommended: 4, target: 2, stop: [] });
  });

  it('stops booting VMs first, then the fewest connections, newest first on ties', () => {
    const vms = [
      vm(0, 0, { connections: 0 }),
      vm(1, 0, { connections: 3 }),
      vm(2, 0, { connections: 0, createdAt: 50 }),
      vm(3, null, { booting: true, createdAt: 200 }),
      vm(4, 0, { connections: 1, createdAt: 60 }),
    ];
    const d = decideMig(spec, observe(vms), 300);
    // Recommendation 0 -> min size 1: stop 4 of 5; VM 1 (3 connections) stays.
    expect(d).toMatchObject({ target: 1, stop: [3, 2, 0, 4] });
  });

  it('counts returning (preempted, restarting) VMs in the size but never stops them', () => {
    // 2 members + 1 returning = 3; recommendation 1: stop 2 members, the returning one stays.
    const d = decideMig(spec, observe([vm(0, 0.3), vm(1, 0.3)], { returning: 1 }), 10);
    expect(d).toMatchObject({ recommended: 1, target: 1, stop: [1, 0] });
    // Recommendation 4 with 2 + 1: start 1.
    expect(decideMig(spec, observe([vm(0, 1), vm(1, 1)], { returning: 1 }), 10)).toMatchObject({ target: 4, stop: [] });
  });
});

// ------------------------------------------------------------------ the platform acting on it

/**
 * VmFleetPlatform with the autoscaler on, constant work and a constant 30 s boot, so every
 * decision time is exact. vmSpec(): 1 vCPU per VM, round-robin.
 */
function fleet(over: Partial<ComputeEngineSpec> = {}, autoscaling: Partial<MigAutoscalingSpec> = {}) {
  const sim = new Simulation(1);
  const spec = vmSpec({
    count: 1,
    boot: { dist: 'constant', value: 30 },
    autoscaling: {
      mode: 'on',
      minSize: 1,
      maxSize: 5,
      targetCpu: 0.6,
      initializationPeriod: 60,
      scaleInStabilization: 600,
      evaluationInterval: 15,
      ...autoscaling,
    },
    ...over,
  });
  const platform = new VmFleetPlatform(sim, spec, 0);
  let nextId = 0;
  const send = (t: number, cpu: number, io = 0): void => {
    const id = nextId++;
    sim.at(t, () => platform.arrive({ id, arrival: t, cpu, io, bytes: 0 }));
  };
  const internals = platform as unknown as { vms: { id: number; state: string; connections: number }[] };
  /** [id, state] of every VM not stopped. */
  const vms = (): [number, string][] => internals.vms.map((v) => [v.id, v.state]);
  const connections = (): Record<number, number> => Object.fromEntries(internals.vms.map((v) => [v.id, v.connections]));
  const vmCost = (now: number): number => platform.ledger.component('cpu', now) + platform.ledger.component('memory', now);
  return { sim, spec, platform, send, stats: platform.stats, vms, connections, vmCost };
}

const E2_MEDIUM_PER_S = 0.0335057 / 3600;

describe('VmFleetPlatform with the MIG autoscaler', () => {
  it('scales out under load, the new VM boots (billed) then serves, and scales back in after the stabilisation window', () => {
    // 0.9 vCPU of work a second (a 0.9 vCPU-s request each second) until t = 300.
    const h = fleet();
    for (let t = 0; t < 300; t++) h.send(t, 0.9);
    const at = (t: number) => {
      h.sim.run(t);
      return h.vms();
    };
    expect(at(14)).toEqual([[0, 'serving']]);
    // t = 15: VM 0 at 0.9 -> ceil(0.9 / 0.6) = 2: VM 1 is created and boots for 30 s.
    expect(at(16)).toEqual([
      [0, 'serving'],
      [1, 'starting'],
    ]);
    expect(h.stats.starting.value).toBe(1);
    expect(at(46)).toEqual([
      [0, 'serving'],
      [1, 'serving'],
    ]);
    expect(h.stats.starting.integral(46)).toBe(30);
    // Two VMs at 0.45 each: ceil(0.9 / 0.6) = 2, stable; the load stops at 300 and the last
    // recommendation of 2 is at t = 300 (window 285..300 still busy), so the group holds 2
    // until t = 900, when VM 1 (newest, idle) is stopped at once.
    expect(at(899)).toHaveLength(2);
    expect(at(901)).toEqual([[0, 'serving']]);
    expect(h.stats.instancesMax).toBe(2);
    expect(h.stats.all.instanceStarts).toBe(2);
    expect(h.stats.all.completed).toBe(300);
    // Billed: VM 0 from 0, VM 1 from its creation at 15 (boot included) to 900.
    expect(h.vmCost(901)).toBeCloseTo((901 + (900 - 15)) * E2_MEDIUM_PER_S, 12);
  });

  it('only-scale-out keeps the VMs it added', () => {
    const h = fleet({}, { mode: 'only-scale-out' });
    for (let t = 0; t < 300; t++) h.send(t, 0.9);
    h.sim.run(2000);
    expect(h.vms()).toHaveLength(2);
  });

  it('a VM being removed gets no new requests, finishes what it holds, then stops (one-minute minimum billed)', () => {
    // Two VMs, no CPU used (I/O only): at t = 10 the recommendation is 0 -> min size 1, and the
    // stabilisation window is 0, so one VM goes: both hold one request, newest first -> VM 1.
    const h = fleet({ count: 2 }, { initializationPeriod: 0, scaleInStabilization: 0, evaluationInterval: 10 });
    h.send(0, 0, 40); // VM 0, done at 40
    h.send(0, 0, 50); // VM 1, done at 50
    h.sim.run(11);
    expect(h.vms()).toEqual([
      [0, 'serving'],
      [1, 'draining'],
    ]);
    h.send(20, 0, 100);
    h.send(21, 0, 100);
    h.sim.run(22);
    expect(h.connections()).toEqual({ 0: 3, 1: 1 }); // both new requests went to VM 0
    h.sim.run(49.9);
    expect(h.vms()).toHaveLength(2);
    h.sim.run(50);
    expect(h.vms()).toEqual([[0, 'serving']]);
    expect(h.stats.all.completed).toBe(2);
    expect(h.stats.all.failed).toBe(0);
    // VM 1 ran 50 s: billed the one-minute minimum, 60 s.
    expect(h.vmCost(50)).toBeCloseTo((50 + 60) * E2_MEDIUM_PER_S, 12);
  });

});
