/**
 * Server assumptions that have no effect on a platform as configured (`sim sensitivity` leaves
 * them out): the share of `def` requests matters only to the uvicorn models (asyncio,
 * threadpool); processor sharing serves every request alike.
 */
import type { ServerSpec } from './request-server.js';

export const serverNotApplicable: Record<string, (spec: ServerSpec) => string | null> = {
  syncShare: (spec) => {
    const server = spec.server ?? 'processor-sharing';
    return server === 'processor-sharing' ? 'applies with server "asyncio" or "threadpool"; this platform\'s is "processor-sharing"' : null;
  },
};
