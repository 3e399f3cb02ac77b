/**
 * Memory figures for one case, taken inside the run. A setInterval cannot fire during a
 * synchronous simulation, so the run calls `sample()` itself (runScenario's onProgress: 200
 * times per platform). Every `gcEvery`-th sample also forces a full collection (needs
 * --expose-gc) and records the live heap; the time spent here is kept apart so the caller can
 * take it out of the wall time. The peak RSS comes from process.resourceUsage().maxRSS at the
 * end, which the kernel keeps exactly, between samples included.
 */
export interface MemoryFigures {
  /** Peak resident set of the process (kernel high-water mark), MiB. */
  readonly maxRssMiB: number;
  /** Largest sampled heapUsed, garbage included, MiB. */
  readonly peakHeapMiB: number;
  /** Largest heapUsed right after a forced full GC at a checkpoint: live data, MiB. */
  readonly liveHeapMiB: number;
  /** heapUsed after a forced full GC once the run is over and its results are small, MiB. */
  readonly endHeapMiB: number;
}

const MiB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

export class MemorySampler {
  private peakHeap = 0;
  private liveHeap = 0;
  private count = 0;
  /** Milliseconds spent sampling, to subtract from the measured wall time. */
  overheadMs = 0;

  constructor(private readonly gcEvery = 50) {}

  sample(): void {
    const t0 = performance.now();
    const heap = process.memoryUsage().heapUsed;
    if (heap > this.peakHeap) this.peakHeap = heap;
    if (++this.count % this.gcEvery === 0) this.checkpoint();
    this.overheadMs += performance.now() - t0;
  }

  /** Forces a full GC and records the live heap (no-op without --expose-gc). */
  checkpoint(): void {
    if (gc === undefined) return;
    gc();
    const live = process.memoryUsage().heapUsed;
    if (live > this.liveHeap) this.liveHeap = live;
  }

  finish(): MemoryFigures {
    const heap = process.memoryUsage().heapUsed;
    if (heap > this.peakHeap) this.peakHeap = heap;
    this.checkpoint();
    let endHeap = NaN;
    if (gc !== undefined) {
      gc();
      endHeap = process.memoryUsage().heapUsed;
    }
    return {
      // Linux reports maxRSS in KiB.
      maxRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
      peakHeapMiB: this.peakHeap / MiB,
      liveHeapMiB: gc === undefined ? NaN : this.liveHeap / MiB,
      endHeapMiB: endHeap / MiB,
    };
  }
}
