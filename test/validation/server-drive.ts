/**
 * Drives one request server directly (no platform around it): Poisson arrivals, CPU work and
 * I/O waits drawn from named streams, every request's completion time recorded. The server
 * models of src/platforms/server/ are checked this way against queueing closed forms and
 * against the bare reference simulation of uvicorn-reference.ts fed the same requests.
 */
import { Simulation } from '../../src/engine/simulation.js';
import type { RequestServer, ServerHooks } from '../../src/platforms/server/request-server.js';
import type { DistSpec } from '../../src/random/distribution.js';
import { fromSpec } from '../../src/random/from-spec.js';
import type { Request } from '../../src/workload/request.js';
import { runInChunks } from './harness.js';

export interface Drive {
  /** Poisson arrival rate, per second. */
  readonly lambda: number;
  readonly cpu: DistSpec;
  /** I/O wait after the CPU phase; absent: none. */
  readonly io?: DistSpec;
  readonly requests: number;
  readonly seed: number;
}

export interface Driven {
  readonly arrival: Float64Array;
  readonly cpu: Float64Array;
  readonly io: Float64Array;
  /** Completion time of each request (NaN if not done by the end). */
  readonly done: Float64Array;
  /** The seed the simulation ran with (the sync/async choice hashes it). */
  readonly seed: number;
}

/** The requests a Drive describes, drawn as the server sees them (for the reference simulation too). */
export function drawRequests(d: Drive): Pick<Driven, 'arrival' | 'cpu' | 'io'> {
  const sim = new Simulation(d.seed);
  const arrivals = sim.streams.get('arrivals');
  const work = sim.streams.get('requests');
  const cpuDist = fromSpec(d.cpu);
  const ioDist = d.io === undefined ? null : fromSpec(d.io);
  const arrival = new Float64Array(d.requests);
  const cpu = new Float64Array(d.requests);
  const io = new Float64Array(d.requests);
  let t = 0;
  for (let i = 0; i < d.requests; i++) {
    t += -Math.log(1 - arrivals()) / d.lambda;
    arrival[i] = t;
    cpu[i] = cpuDist.sample(work);
    io[i] = ioDist === null ? 0 : ioDist.sample(work);
  }
  return { arrival, cpu, io };
}

/** Runs `make`'s server on the drawn requests until every one is done. */
export async function driveServer(d: Drive, make: (sim: Simulation, hooks: ServerHooks) => RequestServer): Promise<Driven> {
  const { arrival, cpu, io } = drawRequests(d);
  const sim = new Simulation(d.seed);
  const done = new Float64Array(d.requests).fill(NaN);
  const server = make(sim, { done: (req) => (done[req.id] = sim.now), busyChanged: () => {} });
  let i = 0;
  const pump = (): void => {
    const req: Request = { id: i, arrival: arrival[i]!, cpu: cpu[i]!, io: io[i]!, bytes: 0 };
    server.submit(req.cpu, req);
    i++;
    if (i < d.requests) sim.at(arrival[i]!, pump);
  };
  sim.at(arrival[0]!, pump);
  await runInChunks(sim, arrival[d.requests - 1]! * 1.01 + 1e3, 50);
  sim.run();
  return { arrival, cpu, io, done, seed: d.seed };
}

/**
 * Batch means of a ratio of per-request sums over requests `skip`..end cut into `k` batches by
 * index: each batch's sum of num(i) / sum of den(i), and the pooled ratio (requests outside a
 * bucket give 0 to both). With den = 1 it is the plain batch mean of num.
 */
export function ratioBatches(n: number, skip: number, k: number, num: (i: number) => number, den: (i: number) => number = () => 1): { batches: number[]; pooled: number } {
  const len = Math.floor((n - skip) / k);
  const batches: number[] = [];
  let totalNum = 0;
  let totalDen = 0;
  for (let b = 0; b < k; b++) {
    let sn = 0;
    let sd = 0;
    for (let i = skip + b * len; i < skip + (b + 1) * len; i++) {
      sn += num(i);
      sd += den(i);
    }
    batches.push(sn / sd);
    totalNum += sn;
    totalDen += sd;
  }
  return { batches, pooled: totalNum / totalDen };
}
