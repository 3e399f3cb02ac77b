/**
 * A bare simulation of FastAPI under uvicorn, written again from the rules (not from
 * src/platforms/server/uvicorn-server.ts) to check that model: no event heap, no virtual
 * clock, no shared code. Time moves from one event to the next by scanning everything
 * (O(workers + requests in I/O) per step: fine for a test), and each worker's GIL holder's
 * remaining work is decremented in wall time at the rate its process gets.
 *
 * The rules (docs in uvicorn-server.ts):
 * 1. A request is accepted by the least-loaded worker (fewest requests accepted and not
 *    answered; lowest index on ties) among those whose event loop is not computing; with none,
 *    it waits in one FIFO accept queue and is accepted by the next loop to come free.
 * 2. Async: the loop computes its CPU phase (the loop is busy meanwhile, waiting for the GIL
 *    included), then the I/O wait holds nothing, then the answer needs the loop.
 * 3. Sync: a pool thread (at most `threads`, FIFO wait) holds through CPU and I/O; the thread
 *    is released when the I/O ends (the next waiter gets it), then the answer needs the loop.
 * 4. An answer ready while the loop computes is sent when the loop is free, before it accepts.
 * 5. GIL, per worker: threads in their CPU phase queue FIFO; the holder runs alone without
 *    limit until another joins, then for `quantum` more work; after a switch the new holder
 *    runs `quantum` if others wait, else without limit; a preempted holder goes to the back.
 *    The GIL is handed over before the finished request's consequences (answer, accept).
 * 6. k workers holding their GIL on C vCPU progress at min(1, C / k) each.
 */

export interface ReferenceInput {
  readonly arrival: Float64Array;
  readonly cpu: Float64Array;
  readonly io: Float64Array;
  readonly isSync: (id: number) => boolean;
  readonly workers: number;
  readonly vcpu: number;
  readonly threads: number;
  readonly quantum: number;
}

export interface ReferenceCounts {
  /** GIL switches forced by the quantum (not at the end of a phase). */
  switches: number;
  /** Answers that waited for a busy loop. */
  deferred: number;
  /** Requests that waited in the accept queue. */
  backlogged: number;
  /** Sync requests that waited for a thread. */
  threadWaits: number;
}

interface Ph {
  id: number;
  rem: number;
  sync: boolean;
}

interface W {
  load: number;
  loopBusy: boolean;
  deferred: number[];
  threadsBusy: number;
  threadWait: number[];
  /** GIL queue: [0] holds the GIL. */
  gil: Ph[];
  /** Work left in the holder's turn (Infinity: nobody asked it to switch). */
  slice: number;
}

const EPS = 1e-9;

export function referenceRun(input: ReferenceInput): { done: Float64Array; counts: ReferenceCounts } {
  const n = input.arrival.length;
  const done = new Float64Array(n).fill(NaN);
  const counts: ReferenceCounts = { switches: 0, deferred: 0, backlogged: 0, threadWaits: 0 };
  const ws: W[] = Array.from({ length: input.workers }, () => ({ load: 0, loopBusy: false, deferred: [], threadsBusy: 0, threadWait: [], gil: [], slice: Infinity }));
  const backlog: number[] = [];
  const ioEnds: { t: number; w: number; id: number; sync: boolean }[] = [];
  let t = 0;
  let next = 0;

  const answer = (w: W, id: number) => {
    w.load--;
    done[id] = t;
  };
  const ready = (w: W, id: number) => {
    if (w.loopBusy) {
      w.deferred.push(id);
      counts.deferred++;
    } else answer(w, id);
  };
  const joinGil = (wi: number, ph: Ph) => {
    const w = ws[wi]!;
    w.gil.push(ph);
    if (w.gil.length === 1) w.slice = Infinity;
    else if (w.gil.length === 2 && w.slice === Infinity) w.slice = input.quantum;
  };
  const accept = (wi: number, id: number) => {
    const w = ws[wi]!;
    w.load++;
    if (input.isSync(id)) {
      if (w.threadsBusy < input.threads) {
        w.threadsBusy++;
        joinGil(wi, { id, rem: input.cpu[id]!, sync: true });
      } else {
        w.threadWait.push(id);
        counts.threadWaits++;
      }
    } else {
      w.loopBusy = true;
      joinGil(wi, { id, rem: input.cpu[id]!, sync: false });
    }
  };
  const loopFree = (wi: number) => {
    const w = ws[wi]!;
    w.loopBusy = false;
    while (w.deferred.length > 0) answer(w, w.deferred.shift()!);
    while (!w.loopBusy && backlog.length > 0) accept(wi, backlog.shift()!);
  };
  const arrive = (id: number) => {
    let best = -1;
    for (let i = 0; i < ws.length; i++) {
      if (ws[i]!.loopBusy) continue;
      if (best < 0 || ws[i]!.load < ws[best]!.load) best = i;
    }
    if (best < 0) {
      backlog.push(id);
      counts.backlogged++;
    } else accept(best, id);
  };
  const phaseEnded = (wi: number, ph: Ph) => {
    const w = ws[wi]!;
    const io = input.io[ph.id]!;
    if (ph.sync) {
      if (io > 0) ioEnds.push({ t: t + io, w: wi, id: ph.id, sync: true });
      else threadFree(wi, ph.id);
      return;
    }
    if (io > 0) ioEnds.push({ t: t + io, w: wi, id: ph.id, sync: false });
    else answer(w, ph.id);
    loopFree(wi);
  };
  const threadFree = (wi: number, id: number) => {
    const w = ws[wi]!;
    w.threadsBusy--;
    if (w.threadWait.length > 0) {
      const nextId = w.threadWait.shift()!;
      w.threadsBusy++;
      joinGil(wi, { id: nextId, rem: input.cpu[nextId]!, sync: true });
    }
    ready(w, id);
  };

  for (;;) {
    // Rate of each busy process.
    let k = 0;
    for (const w of ws) if (w.gil.length > 0) k++;
    const rate = k === 0 ? 0 : Math.min(1, input.vcpu / k);
    // Earliest event: an arrival, a GIL turn ending, an I/O wait ending.
    let tNext = next < n ? input.arrival[next]! : Infinity;
    let kind = 0; // 0 arrival, 1 turn end (worker), 2 I/O end (index)
    let which = -1;
    for (let i = 0; i < ws.length; i++) {
      const w = ws[i]!;
      if (w.gil.length === 0) continue;
      const te = t + Math.min(w.gil[0]!.rem, w.slice) / rate;
      if (te < tNext) {
        tNext = te;
        kind = 1;
        which = i;
      }
    }
    for (let j = 0; j < ioEnds.length; j++) {
      if (ioEnds[j]!.t < tNext) {
        tNext = ioEnds[j]!.t;
        kind = 2;
        which = j;
      }
    }
    if (tNext === Infinity) break;
    const dt = tNext - t;
    for (const w of ws) {
      if (w.gil.length === 0) continue;
      w.gil[0]!.rem -= rate * dt;
      w.slice -= rate * dt;
    }
    t = tNext;
    if (kind === 0) {
      arrive(next++);
    } else if (kind === 2) {
      const e = ioEnds[which]!;
      ioEnds[which] = ioEnds[ioEnds.length - 1]!;
      ioEnds.pop();
      if (e.sync) threadFree(e.w, e.id);
      else ready(ws[e.w]!, e.id);
    } else {
      const w = ws[which]!;
      const holder = w.gil.shift()!;
      const finished = holder.rem <= EPS * Math.max(1, input.cpu[holder.id]!);
      if (!finished) {
        w.gil.push(holder);
        counts.switches++;
      }
      w.slice = w.gil.length > 1 ? input.quantum : Infinity;
      if (finished) phaseEnded(which, holder);
    }
  }
  return { done, counts };
}
