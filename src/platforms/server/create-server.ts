import type { Simulation } from '../../engine/simulation.js';
import { ProcessorSharingRequestServer } from './processor-sharing-server.js';
import type { RequestServer, ServerHooks, ServerShape, ServerSpec } from './request-server.js';
import { SERVER_DEFAULTS } from './resolve.js';
import { SingleLoopServer } from './single-loop-server.js';
import { checkUvicornOptions, UvicornServer, type UvicornOptions } from './uvicorn-server.js';

/** The request server a spec asks for (`server`, default processor sharing). */
export function createServer(spec: ServerSpec, sim: Simulation, shape: ServerShape, hooks: ServerHooks): RequestServer {
  const server = spec.server ?? 'processor-sharing';
  switch (server) {
    case 'processor-sharing':
      return new ProcessorSharingRequestServer(sim, shape, hooks);
    case 'asyncio':
    case 'threadpool': {
      const options: UvicornOptions = {
        workers: shape.workers,
        vcpu: shape.vcpu,
        syncShare: spec.syncShare ?? (server === 'threadpool' ? 1 : 0),
        threads: spec.threads ?? SERVER_DEFAULTS.threads,
        switchInterval: spec.switchInterval ?? SERVER_DEFAULTS.switchInterval,
      };
      checkUvicornOptions(options);
      // One worker, async def only: the same model without the machinery it does not use.
      if (options.workers === 1 && options.syncShare <= 0) return new SingleLoopServer(sim, options.vcpu, hooks);
      return new UvicornServer(sim, options, hooks);
    }
  }
}
