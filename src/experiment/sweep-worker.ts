/**
 * Worker thread entry of the job pool (job-pool.ts): runs the jobs it is sent, one at a time,
 * and posts each result back. Must be loaded as compiled JavaScript (dist/src/experiment/).
 */
import { parentPort } from 'node:worker_threads';
import { runJob, type FromWorker, type ToWorker } from './job.js';
import { ScenarioResolver } from './scenario-source.js';

const port = parentPort;
if (port === null) throw new Error('sweep-worker.js runs as a worker thread only');
const resolver = new ScenarioResolver();

port.on('message', (message: ToWorker) => {
  let reply: FromWorker;
  try {
    reply = { state: 'done', id: message.id, records: runJob(message.job, resolver) };
  } catch (error) {
    const err = error instanceof Error ? error : new Error(String(error));
    reply = { state: 'failed', id: message.id, name: err.name, message: err.message, ...(err.stack !== undefined ? { stack: err.stack } : {}) };
  }
  port.postMessage(reply);
});
