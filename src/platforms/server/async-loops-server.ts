import Denque from 'denque';
import type { Simulation } from '../../engine/simulation.js';
import type { Request } from '../../workload/request.js';
import type { RequestServer, ServerHooks } from './request-server.js';
import { type CpuSegment, SharedCpu } from './shared-cpu.js';

/** One worker process: its event loop and what it owes. */
class Loop {
  /** Requests accepted and not yet answered. */
  load = 0;
  /** The loop is running a CPU phase. */
  busy = false;
  /** Waiting on the socket (UvicornServer: the worker is in the heap of free workers). */
  accepting = true;
  /** The request whose CPU phase it runs. */
  current: Request | null = null;
  /** Answers ready while it computed: sent when it is free, in order. */
  readonly deferred = new Denque<Request>();
  readonly segment: CpuSegment;
  /** Its requests' I/O-done event action, one per loop rather than an object per request. */
  readonly ready: (req: Request) => void;

  constructor(
    readonly index: number,
    ready: (loop: Loop, req: Request) => void,
  ) {
    this.segment = { heapIndex: -1, start: 0, work: 0, end: 0, order: index };
    this.ready = (req) => ready(this, req);
  }
}

/**
 * UvicornServer (uvicorn-server.ts) when every endpoint is `async def` (`server: "asyncio"`,
 * `syncShare: 0`) and there are several workers, with the same results event for event:
 * createServer picks it for that shape (one worker: SingleLoopServer).
 *
 * Why a class of its own: without `def` endpoints no thread pool is used, so only a worker's
 * event loop ever computes and its GIL never has a contender; the general model still allocated
 * a phase object per request, kept the free workers in a heap updated at every accept and
 * answer, and went through its GIL queues at every phase. About a fifth of the CPU of a
 * simulated request on the quickstart's VMs (two workers each) was that machinery.
 *
 * What it keeps exactly as the general model does (test/platforms/server/single-loop-server.test.ts
 * compares both logs bit for bit on random scripts, 2 to 5 workers, vCPU above and below them):
 * - a request goes to the least loaded worker whose loop waits on the socket, the lowest index
 *   on a tie (the general model's heap order; a scan here: workers are few); with none, to the
 *   shared accept queue, first come first served;
 * - the workers' CPU phases share the vCPU through the same SharedCpu (its virtual clock and its
 *   one engine event), so every time and order key is the same;
 * - at a phase's end: the request's I/O event first, then the loop's deferred answers, then
 *   requests from the accept queue, and only then does the loop wait on the socket again.
 */
export class AsyncLoopsServer implements RequestServer {
  private readonly cpu: SharedCpu;
  private readonly loops: Loop[];
  private readonly backlog = new Denque<Request>();
  private readonly backlogWork = new Denque<number>();

  constructor(
    private readonly sim: Simulation,
    workers: number,
    vcpu: number,
    private readonly hooks: ServerHooks,
  ) {
    const ready = (loop: Loop, req: Request): void => this.ready(loop, req);
    this.loops = Array.from({ length: workers }, (_, i) => new Loop(i, ready));
    this.cpu = new SharedCpu(sim, vcpu, (segment) => this.phaseEnded(this.loops[segment.order]!), hooks.busyChanged);
  }

  get busyVcpu(): number {
    return this.cpu.busyVcpu;
  }

  setCapacity(vcpu: number): void {
    this.cpu.setCapacity(vcpu);
  }

  submit(work: number, req: Request): void {
    const rem = work > 0 ? work : 0;
    // The least loaded loop waiting on the socket, the lowest index on a tie.
    let best: Loop | null = null;
    for (const loop of this.loops) if (loop.accepting && (best === null || loop.load < best.load)) best = loop;
    if (best === null) {
      this.backlog.push(req);
      this.backlogWork.push(rem);
    } else {
      this.accept(best, req, rem);
    }
  }

  private accept(loop: Loop, req: Request, rem: number): void {
    loop.load++;
    if (rem === 0) {
      // No CPU phase: straight to the I/O wait; the loop stays free.
      this.phaseDone(loop, req, false);
      return;
    }
    loop.busy = true;
    loop.accepting = false;
    loop.current = req;
    this.cpu.run(loop.segment, rem);
  }

  private phaseEnded(loop: Loop): void {
    const req = loop.current!;
    loop.current = null;
    this.phaseDone(loop, req, true);
  }

  private phaseDone(loop: Loop, req: Request, heldLoop: boolean): void {
    if (req.io > 0) this.sim.scheduleCall(req.io, loop.ready, req);
    else this.answer(loop, req);
    if (heldLoop) this.loopFree(loop);
  }

  /** The loop is free: answers it owes, then requests waiting to be accepted. */
  private loopFree(loop: Loop): void {
    loop.busy = false;
    const deferred = loop.deferred;
    while (deferred.length > 0) this.answer(loop, deferred.shift()!);
    const backlog = this.backlog;
    while (!loop.busy && backlog.length > 0) this.accept(loop, backlog.shift()!, this.backlogWork.shift()!);
    if (!loop.busy) loop.accepting = true;
  }

  private ready(loop: Loop, req: Request): void {
    if (loop.busy) loop.deferred.push(req);
    else this.answer(loop, req);
  }

  private answer(loop: Loop, req: Request): void {
    loop.load--;
    this.hooks.done(req);
  }
}
