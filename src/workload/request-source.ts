import type { Rng } from '../engine/streams.js';
import type { Distribution } from '../random/distribution.js';
import { fromSpec } from '../random/from-spec.js';
import type { RequestProfileSpec } from '../scenario/types.js';
import type { ArrivalProcess } from './arrival-process.js';
import { requestAt, requestFields, type Request } from './request.js';

/**
 * The run's requests, one at a time: ids 0, 1, 2, ..., arrival times from the arrival process,
 * and cpu, io, bytes drawn from the profile with the `requests` stream, always in that order
 * (cpu, then io, then bytes), so every platform fed from the same seed sees identical
 * requests. Request sizes come from a stream of their own (`request-bytes`, when the profile
 * has a non-constant one), so that adding them leaves every other draw where it was. An arrival at exactly `until` is included (the engine fires events at `until`);
 * after the first arrival beyond it, `next()` returns null for good without drawing.
 */
export class RequestSource {
  private readonly cpu: Distribution;
  private readonly io: Distribution;
  private readonly bytes: Distribution;
  private readonly requestBytes: Distribution | null;
  private nextId = 0;
  private done = false;
  /** next()'s numbers, drawn before it makes the Request. */
  private readonly scratch = new Float64Array(requestFields(true));

  constructor(
    profile: RequestProfileSpec,
    private readonly arrivals: ArrivalProcess,
    private readonly rng: Rng,
    /** Simulated seconds: the scenario duration. */
    readonly until: number,
    /** The `request-bytes` stream; absent: requests carry no size. */
    private readonly requestBytesRng?: Rng,
  ) {
    this.cpu = fromSpec(profile.cpu);
    this.io = fromSpec(profile.io);
    this.bytes = fromSpec(profile.responseBytes);
    const size = profile.requestBytes;
    this.requestBytes = size === undefined || (size.dist === 'constant' && size.value === 0) || requestBytesRng === undefined ? null : fromSpec(size);
  }

  /** Whether the requests carry a request size (`requestBytes`). */
  get sized(): boolean {
    return this.requestBytes !== null;
  }

  /** Requests handed out so far. */
  get count(): number {
    return this.nextId;
  }

  /** The next request, or null when the arrivals have passed `until`. */
  next(): Request | null {
    if (!this.drawInto(this.scratch, 0)) return null;
    return requestAt(this.scratch, 0, this.nextId - 1, this.sized);
  }

  /**
   * The next request's numbers, written to `out` from `at` without making a Request (the
   * shared request ring's writer, src/workload/request-ring.ts): arrival, cpu, io, bytes, then
   * requestBytes when `sized`. False, writing nothing, when the arrivals have passed `until`.
   * The one place the draws are made, so a Request from next() and these numbers are the same.
   */
  drawInto(out: Float64Array, at: number): boolean {
    if (this.done) return false;
    const arrival = this.arrivals.next();
    if (!(arrival <= this.until)) {
      this.done = true;
      return false;
    }
    const rng = this.rng;
    out[at] = arrival;
    out[at + 1] = this.cpu.sample(rng);
    out[at + 2] = this.io.sample(rng);
    out[at + 3] = this.bytes.sample(rng);
    if (this.requestBytes !== null) out[at + 4] = this.requestBytes.sample(this.requestBytesRng!);
    this.nextId++;
    return true;
  }
}
