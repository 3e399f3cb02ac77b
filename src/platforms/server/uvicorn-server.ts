import Denque from 'denque';
import type { Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import { IndexedHeap, type HeapItem } from '../shared/indexed-heap.js';
import type { RequestServer, ServerHooks } from './request-server.js';
import { type CpuSegment, SharedCpu } from './shared-cpu.js';
import { syncChooser } from './sync-share.js';

/** How a FastAPI app under uvicorn serves its requests. */
export interface UvicornOptions {
  /** Worker processes (`uvicorn --workers N`). */
  readonly workers: number;
  /** vCPU of the instance or VM at the start. */
  readonly vcpu: number;
  /** Share of requests served by `def` endpoints in the thread pool; the rest are `async def`. */
  readonly syncShare: number;
  /** Threads of AnyIO's pool per worker (its default limiter: 40). */
  readonly threads: number;
  /** GIL switch interval, seconds (sys.getswitchinterval(): 0.005). */
  readonly switchInterval: number;
}

/**
 * A request in the server, from submit to answer: waiting to be accepted, its CPU phase on a
 * thread (the event loop's when async, a pool thread's when sync), its I/O wait. One object per
 * request, which is also the argument of its I/O event (no closure per request).
 */
interface Phase {
  readonly req: Request;
  /** vCPU-seconds still to compute (at first its whole CPU work). */
  rem: number;
  readonly sync: boolean;
  /** The worker that accepted it (null while it waits in the shared accept queue). */
  w: Worker | null;
}

/** Throws on options no server can have (the scenario schema refuses them first). */
export function checkUvicornOptions(options: UvicornOptions): void {
  if (!(options.workers >= 1) || !(options.threads >= 1) || !(options.switchInterval > 0)) {
    throw new RangeError(`uvicorn server: workers ${options.workers}, threads ${options.threads} and switchInterval ${options.switchInterval} must be positive`);
  }
}

/** One uvicorn worker process: its event loop, its thread pool and its GIL. */
class Worker implements HeapItem {
  /** Position in the heap of workers free to accept. */
  heapIndex = -1;
  /** Requests accepted and not yet answered. */
  load = 0;
  /** The event loop is running an async CPU phase (it accepts nothing, answers nothing). */
  loopBusy = false;
  /** Answers ready while the loop was busy: sent when it is free again, in order. */
  readonly deferred = new Denque<Request>();
  /** Pool threads held (CPU phase, then I/O wait). */
  threadsBusy = 0;
  /** Sync requests waiting for a thread (AnyIO's CapacityLimiter: first come, first served). */
  readonly threadWait = new Denque<Phase>();
  /** The thread holding the GIL, and those waiting for it in turn. */
  holder: Phase | null = null;
  readonly gilWait = new Denque<Phase>();
  /** The holder's segment ends at a switch (someone waits), not only when its phase is done. */
  bounded = false;
  readonly segment: CpuSegment;

  constructor(readonly index: number) {
    this.segment = { heapIndex: -1, start: 0, work: 0, end: 0, order: index };
  }
}

/**
 * FastAPI under uvicorn: `workers` processes, each with one asyncio event loop, a thread pool
 * of `threads` for `def` endpoints, and one GIL.
 *
 * - `async def` (a share 1 - syncShare of requests): the CPU phase runs on the event loop to
 *   completion without yielding it, so the worker's other async requests wait behind it
 *   (head-of-line blocking); the I/O wait that follows holds nothing. Answering a request needs
 *   the loop too: an answer whose I/O ends while the loop computes is sent when it is free.
 * - `def` (syncShare): the request takes a pool thread (or waits for one, first come first
 *   served) and holds it through its CPU phase and its I/O wait.
 * - The GIL: one thread of a worker computes at a time. Threads in their CPU phase (the loop's
 *   included) take turns, first come first served: a thread that has to wait asks the holder to
 *   drop the GIL one `switchInterval` later (CPython's forced switching), and after a switch the
 *   new holder keeps it for one interval while others wait. The interval is counted in the
 *   worker's CPU time, which is wall time whenever each worker has its vCPU (workers <= vCPU).
 * - Workers are processes: one computing uses one vCPU; past the instance's vCPU the busy
 *   workers share them (SharedCpu).
 *
 * Which worker gets a request. The workers share one listening socket (uvicorn binds it in the
 * parent and every worker accepts on it); the kernel hands a new connection to a process waiting
 * for it, and a worker whose loop is busy computing is not waiting: "any worker racing for a new
 * client will take it if it's in the system queue" (https://github.com/benoitc/gunicorn/issues/2670),
 * the "unfair load balancing [that] favours lower latency" (https://github.com/Kludex/uvicorn/pull/2472).
 * So a request goes to a worker whose loop is free, the least loaded of them (the kernel wakes
 * the last process to wait first, https://blog.cloudflare.com/the-sad-state-of-linux-socket-balancing/,
 * which piles connections on few workers: least loaded is the balanced end, and makes no
 * difference for async requests, which start computing at once on any free loop). With every
 * loop busy it waits in the shared accept queue, first come first served, for the first loop to
 * come free: for pure-CPU async requests that is exactly M/G/c FCFS. Not modelled: asyncio
 * accepting a whole backlog at once on one wake-up, and keep-alive connections pinning later
 * requests to the worker that accepted the connection; both spread load less evenly, so this
 * model is the optimistic end for multi-worker tails.
 *
 * Each event costs O(log workers): the shared CPU's heap, the free-worker heap; queues are FIFO.
 */
export class UvicornServer implements RequestServer {
  private readonly cpu: SharedCpu;
  private readonly workers: Worker[];
  private readonly free = new IndexedHeap<Worker>((a, b) => a.load < b.load || (a.load === b.load && a.index < b.index));
  private readonly backlog = new Denque<Phase>();
  private readonly readyCall = (phase: Phase): void => this.ready(phase.w!, phase.req);
  private readonly threadDoneCall = (phase: Phase): void => this.threadDone(phase.w!, phase.req);
  private readonly isSync: (id: number) => boolean;
  private readonly threads: number;
  private readonly quantum: number;

  constructor(
    private readonly sim: Simulation,
    options: UvicornOptions,
    private readonly hooks: ServerHooks,
  ) {
    checkUvicornOptions(options);
    this.threads = options.threads;
    this.quantum = options.switchInterval;
    this.isSync = syncChooser(sim.streams.seed, options.syncShare);
    this.cpu = new SharedCpu(sim, options.vcpu, (segment) => this.segmentEnded(this.workers[segment.order]!), hooks.busyChanged);
    this.workers = Array.from({ length: options.workers }, (_, i) => new Worker(i));
    for (const w of this.workers) this.free.add(w);
  }

  get busyVcpu(): number {
    return this.cpu.busyVcpu;
  }

  setCapacity(vcpu: number): void {
    this.cpu.setCapacity(vcpu);
  }

  /** Requests accepted by worker `i` and not answered (for tests). */
  load(i: number): number {
    return this.workers[i]!.load;
  }

  submit(work: number, req: Request): void {
    const phase: Phase = { req, rem: work > 0 ? work : 0, sync: this.isSync(req.id), w: null };
    const w = this.free.peek();
    if (w === undefined) this.backlog.push(phase);
    else this.accept(w, phase);
  }

  // --- accepting ----------------------------------------------------------------------------

  private accept(w: Worker, phase: Phase): void {
    w.load++;
    phase.w = w;
    if (phase.sync) {
      this.free.update(w);
      if (w.threadsBusy < this.threads) this.startThread(w, phase);
      else w.threadWait.push(phase);
      return;
    }
    if (phase.rem === 0) {
      // No CPU phase: the handler goes straight to its I/O wait; the loop stays free.
      this.free.update(w);
      this.phaseDone(w, phase, false);
      return;
    }
    w.loopBusy = true;
    this.free.remove(w);
    this.join(w, phase);
  }

  private startThread(w: Worker, phase: Phase): void {
    w.threadsBusy++;
    this.join(w, phase);
  }

  /** The worker's loop is free again: answers it owes, then connections waiting to be accepted. */
  private loopFree(w: Worker): void {
    w.loopBusy = false;
    while (w.deferred.length > 0) this.answer(w, w.deferred.shift()!);
    while (!w.loopBusy && this.backlog.length > 0) this.accept(w, this.backlog.shift()!);
    if (!w.loopBusy && !this.free.has(w)) this.free.add(w);
  }

  // --- the GIL ------------------------------------------------------------------------------

  /** A thread of `w` starts a CPU phase: it takes the GIL, or waits its turn. */
  private join(w: Worker, phase: Phase): void {
    if (!(phase.rem > 0)) {
      this.phaseDone(w, phase);
      return;
    }
    if (w.holder === null) {
      w.holder = phase;
      w.bounded = false;
      this.cpu.run(w.segment, phase.rem);
      return;
    }
    w.gilWait.push(phase);
    if (!w.bounded) {
      // The holder ran alone; the newcomer's timed wait expires one interval from now and
      // forces a switch then, unless the holder's phase ends first.
      w.bounded = true;
      const done = this.cpu.now() - w.segment.start;
      if (done + this.quantum < w.holder.rem) this.cpu.shorten(w.segment, done + this.quantum);
    }
  }

  private segmentEnded(w: Worker): void {
    const phase = w.holder!;
    const finished = w.segment.work >= phase.rem;
    phase.rem = finished ? 0 : phase.rem - w.segment.work;
    // Hand the GIL over before anything else runs: the preempted thread goes to the back.
    if (!finished) w.gilWait.push(phase);
    const next = w.gilWait.shift();
    if (next === undefined) {
      w.holder = null;
    } else {
      w.holder = next;
      w.bounded = w.gilWait.length > 0;
      this.cpu.run(w.segment, w.bounded && this.quantum < next.rem ? this.quantum : next.rem);
    }
    if (finished) this.phaseDone(w, phase);
  }

  // --- after the CPU phase ------------------------------------------------------------------

  private phaseDone(w: Worker, phase: Phase, heldLoop = true): void {
    const req = phase.req;
    if (phase.sync) {
      // The thread waits out the I/O, then is free; the answer goes through the loop.
      if (req.io > 0) this.sim.scheduleCall(req.io, this.threadDoneCall, phase);
      else this.threadDone(w, req);
      return;
    }
    // The handler awaits its I/O: the loop is free now; the answer needs it again later.
    if (req.io > 0) this.sim.scheduleCall(req.io, this.readyCall, phase);
    else this.answer(w, req);
    if (heldLoop) this.loopFree(w);
  }

  private threadDone(w: Worker, req: Request): void {
    w.threadsBusy--;
    const next = w.threadWait.shift();
    if (next !== undefined) this.startThread(w, next);
    this.ready(w, req);
  }

  /** The response is ready: sent now if the loop is free, else when it is. */
  private ready(w: Worker, req: Request): void {
    if (w.loopBusy) w.deferred.push(req);
    else this.answer(w, req);
  }

  private answer(w: Worker, req: Request): void {
    w.load--;
    this.free.update(w);
    this.hooks.done(req);
  }
}
