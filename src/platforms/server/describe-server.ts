import type { ServerSpec } from './request-server.js';

/**
 * The server model in a platform's one-line configuration, when it is not the default:
 * "asyncio", "threadpool (40 threads)", "asyncio, 30 % def". Null for processor sharing.
 */
export function describeServer(spec: ServerSpec): string | null {
  const server = spec.server ?? 'processor-sharing';
  if (server === 'processor-sharing') return null;
  const share = spec.syncShare ?? (server === 'threadpool' ? 1 : 0);
  const base = server === 'threadpool' ? `threadpool (${spec.threads ?? 40} threads)` : 'asyncio';
  const mixed = server === 'asyncio' ? share > 0 : share < 1;
  return mixed ? `${base}, ${Number((share * 100).toPrecision(3))} % def` : base;
}
