import type { Simulation } from '../../engine/simulation.js';
import { AsyncLoopsServer } from './async-loops-server.js';
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
      // Async def only: the same model without the thread pool and GIL machinery it never uses.
      if (options.syncShare <= 0) {
        return options.workers === 1 ? new SingleLoopServer(sim, options.vcpu, hooks) : new AsyncLoopsServer(sim, options.workers, options.vcpu, hooks);
      }
      return new UvicornServer(sim, options, hooks);
    }
  }
}
