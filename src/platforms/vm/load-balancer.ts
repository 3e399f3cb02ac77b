import type { Rng } from '../../engine/streams.js';
import type { LoadBalancerPolicy } from '../../scenario/types.js';
import { IndexedHeap } from '../shared/indexed-heap.js';
import type { Vm } from './vm.js';

/**
 * Picks the VM for each request among the VMs in service; the VM then serves, queues or
 * rejects it. VMs join when booted and leave when they start draining or get a Spot
 * preemption notice.
 */
export interface LoadBalancer {
  /** The VM for the next request; undefined when no VM is in service (the request gets a 503). */
  pick(): Vm | undefined;
  /** The VM's connection count changed. */
  changed(vm: Vm): void;
  /** The VM is in service from now on. */
  add(vm: Vm): void;
  /** The VM gets no more requests. */
  remove(vm: Vm): void;
}

export function createLoadBalancer(policy: LoadBalancerPolicy, vms: readonly Vm[], rng: Rng): LoadBalancer {
  const members = [...vms];
  const removeMember = (vm: Vm): number => {
    const i = members.indexOf(vm);
    if (i >= 0) members.splice(i, 1);
    return i;
  };
  switch (policy) {
    case 'round-robin': {
      // In member order; a VM that joins takes its turn at the end of the cycle.
      let next = 0;
      return {
        pick: () => {
          if (members.length === 0) return undefined;
          if (next >= members.length) next = 0;
          const vm = members[next]!;
          next = (next + 1) % members.length;
          return vm;
        },
        changed: () => {},
        add: (vm) => void members.push(vm),
        remove: (vm) => {
          const i = removeMember(vm);
          if (i >= 0 && i < next) next--;
        },
      };
    }
    case 'random':
      return {
        pick: () => (members.length === 0 ? undefined : members[Math.floor(rng() * members.length)]!),
        changed: () => {},
        add: (vm) => void members.push(vm),
        remove: (vm) => void removeMember(vm),
      };
    case 'least-connections': {
      // Fewest served plus queued; ties to the lowest id, deterministic.
      const heap = new IndexedHeap<Vm>((a, b) => a.connections < b.connections || (a.connections === b.connections && a.id < b.id));
      for (const vm of vms) heap.add(vm);
      return {
        pick: () => heap.peek(),
        changed: (vm) => heap.update(vm),
        add: (vm) => heap.add(vm),
        remove: (vm) => heap.remove(vm),
      };
    }
  }
}
