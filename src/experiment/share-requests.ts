import { RandomStreams } from '../engine/streams.js';
import { frontEndStream } from '../metrics/platform-stats.js';
import { PLATFORMS } from '../platforms/registry.js';
import { closeDrawRing, createDrawRing, StreamDraws, writeDrawRing, type DrawRing } from '../random/draw-ring.js';
import { fromSpec } from '../random/from-spec.js';
import type { Scenario } from '../scenario/types.js';
import { createRequestRing, stopRequestRing, writeRequestRing } from '../workload/request-ring.js';
import { platformSpec, type PlatformJob } from './platform-job.js';
import { runRequests, streamSeed } from './run.js';

/** Platform jobs that read their requests from one shared stream, and the stream's writer. */
export interface SharedRequests {
  /** The jobs, the first `readers` of them reading from the ring. */
  readonly jobs: PlatformJob[];
  /**
   * Draws the requests into the ring, and the readers' front-end latencies into theirs, in
   * this thread; resolves once all requests are written and every front-end ring is closed
   * (by its reader at the end of its run, or by stop()).
   */
  write(): Promise<void>;
  /** Stops the rings (a job or the writer failed): waiting readers throw, the writers return. */
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
 *
 * This thread also draws ahead each reader's front-end latencies (PlatformEntry.frontEnd), one
 * per measured response, from the platform's own stream (src/random/draw-ring.ts): they depend
 * only on how many were drawn before, and they were about a tenth of a Cloud Run request's CPU
 * in its thread. Not for a simulated alternative (`specSets`), whose spec this scenario does not
 * hold: it draws its own.
 */
export function shareRequests(scenario: Scenario, jobs: readonly PlatformJob[], concurrent: number): SharedRequests | null {
  const readers = Math.min(concurrent, jobs.length);
  if (readers < 2) return null;
  const first = jobs[0]!;
  if (jobs.some((job) => job.seed !== first.seed || job.replication !== first.replication)) return null;
  const streams = new RandomStreams(streamSeed(first.seed, first.replication));
  const source = runRequests(scenario, streams);
  const ring = createRequestRing(readers, source.sized);
  const frontEnds: { readonly ring: DrawRing; readonly draws: StreamDraws }[] = [];
  const shared = jobs.map((job, i): PlatformJob => {
    if (i >= readers) return job;
    const spec = job.specSets === undefined ? platformSpec(scenario, job.platform) : null;
    const latency = spec === null ? null : PLATFORMS.of(spec).frontEnd(spec);
    if (spec === null || latency === null) return { ...job, requests: { ring, reader: i } };
    const frontEnd = createDrawRing();
    frontEnds.push({ ring: frontEnd, draws: new StreamDraws(fromSpec(latency), streams.get(frontEndStream(spec.name))) });
    return { ...job, requests: { ring, reader: i }, frontEnd };
  });
  return {
    jobs: shared,
    write: async () => {
      await Promise.all([writeRequestRing(ring, source), ...frontEnds.map((f) => writeDrawRing(f.ring, f.draws))]);
    },
    stop: () => {
      stopRequestRing(ring);
      for (const f of frontEnds) closeDrawRing(f.ring);
    },
  };
}
