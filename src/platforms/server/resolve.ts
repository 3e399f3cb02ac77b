/**
 * The server fields of a platform object (file form, preset merged) to their resolved values:
 * the interval in seconds, the sync share defaulted from the model (asyncio: all `async def`,
 * 0; threadpool: all `def`, 1). Asyncio and threadpool are one model (uvicorn-server.ts) at
 * two default shares; a share in between is the mixed app, whichever of the two names it.
 */
import { inputError } from '../../errors.js';
import { parseDurationOrThrow } from '../../scenario/units.js';
import type { ServerFile } from './schema.js';
import type { ServerModel } from './request-server.js';

export interface ServerSettings {
  readonly server: ServerModel;
  /** Thread-pool threads per worker. */
  readonly threads: number;
  /** GIL switch interval, seconds. */
  readonly switchInterval: number;
  /** Share of requests served by `def` endpoints (thread pool). */
  readonly syncShare: number;
}

/** Defaults when models/<model>.json has none (hand-built specs). */
export const SERVER_DEFAULTS: ServerSettings = { server: 'processor-sharing', threads: 40, switchInterval: 0.005, syncShare: 0 };

export function resolveServer(file: ServerFile, where: string, path: string): ServerSettings {
  const server = file.server ?? SERVER_DEFAULTS.server;
  const switchInterval =
    file.switchInterval === undefined ? SERVER_DEFAULTS.switchInterval : parseDurationOrThrow(file.switchInterval, where, `${path}.switchInterval`);
  if (!(switchInterval > 0)) {
    throw inputError(where, `${path}.switchInterval`, file.switchInterval, 'a duration > 0 (CPython\'s default is 5ms)');
  }
  return {
    server,
    threads: file.threads ?? SERVER_DEFAULTS.threads,
    switchInterval,
    syncShare: file.syncShare ?? (server === 'threadpool' ? 1 : 0),
  };
}
