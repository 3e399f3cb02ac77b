import { RandomStreams } from '../engine/streams.js';
import type { Scenario } from '../scenario/types.js';
import { createRequestRing, stopRequestRing, writeRequestRing } from '../workload/request-ring.js';
import type { PlatformJob } from './platform-job.js';
import { runRequests, streamSeed } from './run.js';

/** Platform jobs that read their requests from one shared stream, and the stream's writer. */
export interface SharedRequests {
  /** The jobs, the first `readers` of them reading from the ring. */
  readonly jobs: PlatformJob[];
  /** Draws the requests into the ring, in this thread; resolves once all are written or the ring is stopped. */
  write(): Promise<void>;
  /** Stops the ring (a job or the writer failed): waiting readers throw, the writer returns. */
  stop(): void;
}

/**
 * Shares one draw of the run's requests between the first `concurrent` jobs (issue 12): the
 * platform jobs of `sim run` each simulate the same requests of the same seed and replication
 * (common random numbers), so this thread, idle while they run, draws them once
 * (runRequests, exactly as simulatePlatform would) into a shared-memory ring
 * (src/workload/request-ring.ts) instead of every thread drawing its own. Only jobs that run at
 * once may read the ring, since the writer waits for its slowest reader: the caller says how
 * many start together (a job pool's first `workers` jobs). Null when fewer than two would
 * share (nothing to gain) or the jobs are not of one seed and replication.
 */
export function shareRequests(scenario: Scenario, jobs: readonly PlatformJob[], concurrent: number): SharedRequests | null {
  const readers = Math.min(concurrent, jobs.length);
  if (readers < 2) return null;
  const first = jobs[0]!;
  if (jobs.some((job) => job.seed !== first.seed || job.replication !== first.replication)) return null;
  const source = runRequests(scenario, new RandomStreams(streamSeed(first.seed, first.replication)));
  const ring = createRequestRing(readers, source.sized);
  return {
    jobs: jobs.map((job, i) => (i < readers ? { ...job, requests: { ring, reader: i } } : job)),
    write: () => writeRequestRing(ring, source),
    stop: () => stopRequestRing(ring),
  };
}
