import type { Simulation } from '../../engine/simulation.js';
import { ProcessorSharingRequestServer } from './processor-sharing-server.js';
import type { RequestServer, ServerHooks, ServerShape, ServerSpec } from './request-server.js';

/** The request server a spec asks for (`server`, default processor sharing). */
export function createServer(spec: ServerSpec, sim: Simulation, shape: ServerShape, hooks: ServerHooks): RequestServer {
  switch (spec.server ?? 'processor-sharing') {
    case 'processor-sharing':
      return new ProcessorSharingRequestServer(sim, shape, hooks);
  }
}
