import type { Rng } from '../../engine/streams.js';
import type { LoadBalancerPolicy } from '../../scenario/types.js';
import { IndexedHeap } from '../indexed-heap.js';
import type { Vm } from './vm.js';

/** Picks the VM for each request; the VM then serves, queues or rejects it. */
export interface LoadBalancer {
  pick(): Vm;
  /** The VM's connection count changed. */
  changed(vm: Vm): void;
}

export function createLoadBalancer(policy: LoadBalancerPolicy, vms: readonly Vm[], rng: Rng): LoadBalancer {
  switch (policy) {
    case 'round-robin': {
      let next = 0;
      return {
        pick: () => {
          const vm = vms[next]!;
          next = (next + 1) % vms.length;
          return vm;
        },
        changed: () => {},
      };
    }
    case 'random':
      return { pick: () => vms[Math.floor(rng() * vms.length)]!, changed: () => {} };
    case 'least-connections': {
      // Fewest served plus queued; ties to the lowest id, deterministic.
      const heap = new IndexedHeap<Vm>((a, b) => a.connections < b.connections || (a.connections === b.connections && a.id < b.id));
      for (const vm of vms) heap.add(vm);
      return { pick: () => heap.peek()!, changed: (vm) => heap.update(vm) };
    }
  }
}
