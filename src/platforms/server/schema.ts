/**
 * The server-model fields every platform object takes beside `workers` (scenario FILE format,
 * units attached): how the app inside an instance or VM schedules its requests. Spread into
 * each platform's strict schema.
 */
import { z } from 'zod';
import { durationSchema } from '../../scenario/schema.js';

export const SERVER_MODELS = ['processor-sharing', 'asyncio', 'threadpool'] as const;

export const serverFields = {
  server: z
    .enum(SERVER_MODELS)
    .describe(
      'how the app serves requests: "processor-sharing" (every request in its CPU phase shares the vCPU), "asyncio" (FastAPI async def on one event loop per worker) or "threadpool" (FastAPI def in AnyIO\'s thread pool, one GIL per worker)',
    )
    .optional(),
  threads: z.number().int().min(1).describe('thread-pool threads per worker (AnyIO default 40): an integer >= 1').optional(),
  switchInterval: durationSchema.optional(),
  syncShare: z
    .number()
    .min(0)
    .max(1)
    .describe('share of requests served by def endpoints in the thread pool, the rest async def: a number from 0 to 1 (default 0 with asyncio, 1 with threadpool)')
    .optional(),
};

/** The file form of those fields. */
export interface ServerFile {
  readonly server?: (typeof SERVER_MODELS)[number];
  readonly threads?: number;
  readonly switchInterval?: string | number;
  readonly syncShare?: number;
}
