import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { SummaryRecord } from '../metrics/summary.js';
import { runJob, type FromWorker, type Job, type ToWorker } from './job.js';
import { ScenarioResolver } from './scenario-source.js';

/** Called once per job, in job order, whatever order the jobs finish in. */
export type OnResult = (index: number, records: SummaryRecord[]) => void;

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
  /** Stops the worker threads. The pool cannot run jobs afterwards. */
  close(): Promise<void>;
}

export function createJobPool(workers: number, resolver: ScenarioResolver = new ScenarioResolver()): JobPool {
  if (!Number.isInteger(workers) || workers < 1) throw new Error(`job pool: ${workers} workers`);
  return workers === 1 ? new InProcessPool(resolver) : new ThreadPool(workers);
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

  async run(jobs: readonly Job[], onResult: OnResult): Promise<void> {
    for (let i = 0; i < jobs.length; i++) {
      await yieldToLoop();
      onResult(i, runJob(jobs[i]!, this.resolver));
    }
  }

  async close(): Promise<void> {}
}

/** The compiled worker script, beside this module in dist/src/experiment/. */
const WORKER_URL = new URL('./sweep-worker.js', import.meta.url);

class ThreadPool implements JobPool {
  private threads: Worker[] = [];
  private closed = false;

  constructor(readonly workers: number) {}

  async run(jobs: readonly Job[], onResult: OnResult): Promise<void> {
    if (this.closed) throw new Error('job pool: closed');
    if (jobs.length === 0) return;
    this.start(Math.min(this.workers, jobs.length));
    await new Promise<void>((resolve, reject) => {
      const ready = new Map<number, SummaryRecord[]>();
      let nextToSend = 0;
      let nextToDeliver = 0;
      let failed = false;

      const cleanup = (): void => {
        for (const thread of this.threads) {
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
        const message: ToWorker = { id, job: jobs[id]! };
        thread.postMessage(message);
      };

      for (const thread of this.threads) {
        thread.on('message', (reply: FromWorker) => {
          if (failed) return;
          if (reply.state === 'failed') {
            const error = new Error(reply.message);
            error.name = reply.name;
            if (reply.stack !== undefined) error.stack = reply.stack;
            fail(error);
            return;
          }
          ready.set(reply.id, reply.records);
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
      for (const thread of this.threads) send(thread);
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
    if (!existsSync(fileURLToPath(WORKER_URL))) {
      throw new Error(
        `parallel runs need the compiled worker ${fileURLToPath(WORKER_URL)} (npm run build); with --workers 1 the runs stay in this thread`,
      );
    }
    while (this.threads.length < count) this.threads.push(new Worker(WORKER_URL));
  }
}
