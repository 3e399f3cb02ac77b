/**
 * Worker thread entry of the job pool (job-pool.ts): runs the jobs it is sent, one at a time,
 * and posts each result back (a platform job's timeline rows and progress before it). Must be loaded as compiled JavaScript (dist/src/experiment/).
 */
import { parentPort } from 'node:worker_threads';
import { runAnyJob, type FromWorker, type ToWorker } from './job.js';
import { ScenarioResolver } from './scenario-source.js';
import { adoptTraceReads } from '../scenario/trace-file.js';

const port = parentPort;
if (port === null) throw new Error('sweep-worker.js runs as a worker thread only');
const resolver = new ScenarioResolver();

port.on('message', (message: ToWorker) => {
  let reply: FromWorker;
  try {
    if (message.traces !== undefined) adoptTraceReads(message.traces);
    const emit = (event: FromWorker & { state: 'event' }): void => port.postMessage(event);
    reply = { state: 'done', id: message.id, result: runAnyJob(message.job, resolver, (event) => emit({ state: 'event', id: message.id, event })) };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    reply = { state: 'failed', id: message.id, name: err.name, message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
  }
  port.postMessage(reply);
});
