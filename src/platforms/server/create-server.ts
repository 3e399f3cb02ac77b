import type { Simulation } from '../../engine/simulation.js';
import { ProcessorSharingRequestServer } from './processor-sharing-server.js';
import type { RequestServer, ServerHooks, ServerShape, ServerSpec } from './request-server.js';
import { SERVER_DEFAULTS } from './resolve.js';
import { UvicornServer } from './uvicorn-server.js';

/** The request server a spec asks for (`server`, default processor sharing). */
export function createServer(spec: ServerSpec, sim: Simulation, shape: ServerShape, hooks: ServerHooks): RequestServer {
  const server = spec.server ?? 'processor-sharing';
  switch (server) {
    case 'processor-sharing':
      return new ProcessorSharingRequestServer(sim, shape, hooks);
    case 'asyncio':
    case 'threadpool':
      return new UvicornServer(
        sim,
        {
          workers: shape.workers,
          vcpu: shape.vcpu,
          syncShare: spec.syncShare ?? (server === 'threadpool' ? 1 : 0),
          threads: spec.threads ?? SERVER_DEFAULTS.threads,
          switchInterval: spec.switchInterval ?? SERVER_DEFAULTS.switchInterval,
        },
        hooks,
      );
  }
}
