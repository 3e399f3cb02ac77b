import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import type { SummaryRecord } from '../metrics/summary.js';
import { runAnyJob, type AnyJob, type FromWorker, type Job, type JobResult, type ToWorker } from './job.js';
import type { PlatformEvent } from './platform-job.js';
import { ScenarioResolver } from './scenario-source.js';
import { traceReads } from '../scenario/trace-file.js';

/** Called once per job, in job order, whatever order the jobs finish in. */
export type OnResult = (index: number, records: SummaryRecord[]) => void;

/** Called with what job `index` reports while it runs (a platform job's rows and progress), as it comes. */
export type OnEvent = (index: number, event: PlatformEvent) => void;

/**
 * Runs jobs on `workers` threads and hands the results back in job order, so that what a
 * caller writes does not depend on the number of workers or on which job finished first.
 * With one worker the jobs run in this thread (no worker script needed: this is what tests
 * under vitest use); with more, each worker thread runs the compiled `sweep-worker.js` beside
 * this module and is kept until `close`.
 */
export interface JobPool {
  readonly workers: number;
  /** Runs the jobs, calling `onResult` in job order; rejects on the first failure. */
  run(jobs: readonly Job[], onResult: OnResult): Promise<void>;
  /**
   * Any jobs (experiment jobs or `sim run` platform jobs): `onResult` in job order, `onEvent`
   * as each job reports (the events of one job in order; of different jobs interleaved).
   * With threads, the first min(workers, jobs) jobs start at once, each on its own thread,
   * which is what lets them share one draw of their requests (share-requests.ts).
   */
  runJobs<J extends AnyJob>(jobs: readonly J[], onResult: (index: number, result: JobResult<J>) => void, onEvent?: OnEvent): Promise<void>;
  /** Stops the worker threads. The pool cannot run jobs afterwards. */
  close(): Promise<void>;
}

/**
 * `warm`: start every worker thread now, so that loading the simulator in each overlaps with
 * what the caller does before its first jobs (reading the scenario, preflight), and a command
 * whose steps are short (a bisection, a tornado) never waits for a thread to start mid-way.
 */
export function createJobPool(workers: number, resolver: ScenarioResolver = new ScenarioResolver(), options: { readonly warm?: boolean } = {}): JobPool {
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`job pool: ${workers} workers`);
  if (workers === 1) return new InProcessPool(resolver);
  const pool = new ThreadPool(workers);
  if (options.warm === true) pool.warm();
  return pool;
}

/** Runs the jobs and returns their records, in job order. */
export async function runAll(pool: JobPool, jobs: readonly Job[]): Promise<SummaryRecord[][]> {
  const results: SummaryRecord[][] = [];
  await pool.run(jobs, (index, records) => {
    results[index] = records;
  });
  return results;
}

/** Yields to the event loop, so timers (a progress bar) and signal handlers run between jobs. */
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

class InProcessPool implements JobPool {
  readonly workers = 1;
  constructor(private readonly resolver: ScenarioResolver) {}

  run(jobs: readonly Job[], onResult: OnResult): Promise<void> {
    return this.runJobs(jobs, onResult);
  }

  async runJobs<J extends AnyJob>(jobs: readonly J[], onResult: (index: number, result: JobResult<J>) => void, onEvent?: OnEvent): Promise<void> {
    for (let i = 0; i < jobs.length; i++) {
      await yieldToLoop();
      onResult(i, runAnyJob(jobs[i]!, this.resolver, (event) => onEvent?.(i, event)) as JobResult<J>);
    }
  }

  async close(): Promise<void> {}
}

/**
 * Young generation of each worker thread's heap, MiB: V8 makes it three semi-spaces, so 48 is
 * 16 MiB each, what the main thread gets by default. A simulation allocates short-lived objects
 * fast (requests, events) and keeps little live; a smaller young generation collects more
 * often, so more of the requests in flight survive two collections and are promoted, and the
 * old generation grows and faults in pages. `sim run` of 8 h at 100 req/s (both platforms of
 * workloads/diurnal.json, 2 workers, 2026-11-30, loaded machine): 12 MiB took 8.7-9.8 s user
 * and 1.5-1.7 s system CPU, 106-108 k page faults, 241 MB peak RSS; 24 MiB 9.1-9.3 s, 255 MB;
 * 48 MiB 7.6-7.9 s user, 0.7-0.8 s system, 44 k faults, 193-202 MB; 96 MiB no better
 * (7.8-8.2 s, 209-225 MB). (12 was chosen when every request stayed referenced for the
 * request timeout, src/platforms/shared/deadlines.ts, and the old generation grew anyway.)
 * Outputs do not depend on it.
 */
const WORKER_YOUNG_GENERATION_MB = 48;

/** The compiled worker script, beside this module in dist/src/experiment/. */
const WORKER_URL = new URL('./sweep-worker.js', import.meta.url);

/**
 * Whether worker threads can run here: the compiled worker script is there (it is not when
 * this module runs from TypeScript sources, as under vitest). Defaults that pick threads on
 * their own (sim run) check it; an explicit --workers N > 1 without it is an error (start).
 */
export function threadsAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER_URL));
}

class ThreadPool implements JobPool {
  private threads: Worker[] = [];
  private closed = false;

  constructor(readonly workers: number) {}

  run(jobs: readonly Job[], onResult: OnResult): Promise<void> {
    return this.runJobs(jobs, onResult);
  }

  /**
   * Starts every thread now (createJobPool's `warm`). Without the compiled worker it does
   * nothing: the error is the first run's, after the caller's own checks of its input.
   */
  warm(): void {
    if (threadsAvailable()) this.start(this.workers);
  }

  async runJobs<J extends AnyJob>(jobs: readonly J[], onResult: (index: number, result: JobResult<J>) => void, onEvent?: OnEvent): Promise<void> {
    if (this.closed) throw new Error('job pool: closed');
    if (jobs.length === 0) return;
    this.start(Math.min(this.workers, jobs.length));
    // Threads started earlier (warm) beyond what the jobs need stay idle.
    const threads = this.threads.slice(0, Math.min(this.threads.length, jobs.length));
    await new Promise<void>((resolve, reject) => {
      const ready = new Map<number, JobResult<J>>();
      let nextToSend = 0;
      let nextToDeliver = 0;
      let failed = false;

      const cleanup = (): void => {
        for (const thread of threads) {
          thread.removeAllListeners('message');
          thread.removeAllListeners('error');
          thread.removeAllListeners('exit');
        }
      };
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        cleanup();
        // A worker still computing cannot be interrupted but can be stopped.
        void this.close().finally(() => reject(error));
      };
      const send = (thread: Worker): void => {
        if (nextToSend >= jobs.length) return;
        const id = nextToSend++;
        const message: ToWorker = { id, job: jobs[id]!, traces: traceReads() };
        thread.postMessage(message);
      };

      for (const thread of threads) {
        thread.on('message', (reply: FromWorker) => {
          if (failed) return;
          if (reply.state === 'event') {
            try {
              onEvent?.(reply.id, reply.event);
            } catch (error) {
              fail(error instanceof Error ? error : new Error(String(error)));
            }
            return;
          }
          if (reply.state === 'failed') {
            const error = new Error(reply.message);
            error.name = reply.name;
            if (reply.stack !== undefined) error.stack = reply.stack;
            fail(error);
            return;
          }
          ready.set(reply.id, reply.result as JobResult<J>);
          try {
            while (ready.has(nextToDeliver)) {
              const records = ready.get(nextToDeliver)!;
              ready.delete(nextToDeliver);
              onResult(nextToDeliver, records);
              nextToDeliver++;
            }
          } catch (error) {
            fail(error instanceof Error ? error : new Error(String(error)));
            return;
          }
          if (nextToDeliver === jobs.length) {
            cleanup();
            resolve();
          } else send(thread);
        });
        thread.on('error', (error) => fail(error));
        thread.on('exit', (code) => fail(new Error(`a worker thread stopped (exit code ${code}) before the sweep finished`)));
      }
      for (const thread of threads) send(thread);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads;
    this.threads = [];
    for (const thread of threads) thread.removeAllListeners();
    await Promise.all(threads.map((thread) => thread.terminate()));
  }

  private start(count: number): void {
    if (this.threads.length >= count) return;
    if (!threadsAvailable()) {
      throw new Error(
        `parallel runs need the compiled worker ${fileURLToPath(WORKER_URL)} (npm run build); with --workers 1 the runs stay in this thread`,
      );
    }
    // node:worker_threads loads when threads start, not with the CLI: about 6 ms CPU that a
    // run in this thread (every short `sim run`) does not need (start-up, issue 12).
    const { Worker } = process.getBuiltinModule('node:worker_threads');
    while (this.threads.length < count) this.threads.push(new Worker(WORKER_URL, { resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB } }));
  }
}
