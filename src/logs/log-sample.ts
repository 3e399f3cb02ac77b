/**
 * The requests read from logs, column-wise in typed arrays that grow by doubling: 26 bytes a
 * request (arrival, latency, bytes as float64, status as uint16), whatever the length of the
 * log lines, so a file of millions of lines is read in bounded memory (no line is kept).
 */
export class LogSample {
  length = 0;
  #arrival = new Float64Array(1024);
  #latency = new Float64Array(1024);
  #bytes = new Float64Array(1024);
  #status = new Uint16Array(1024);

  /**
   * `arrival` in epoch seconds; `latency` seconds and `bytes` NaN when the log has none;
   * `status` 0 when unknown.
   */
  push(arrival: number, latency: number, bytes: number, status: number): void {
    if (this.length === this.#arrival.length) this.#grow();
    const i = this.length++;
    this.#arrival[i] = arrival;
    this.#latency[i] = latency;
    this.#bytes[i] = bytes;
    this.#status[i] = status;
  }

  #grow(): void {
    const n = this.#arrival.length * 2;
    const grow = <T extends Float64Array | Uint16Array>(a: T, make: (n: number) => T): T => {
      const b = make(n);
      b.set(a);
      return b;
    };
    this.#arrival = grow(this.#arrival, (k) => new Float64Array(k));
    this.#latency = grow(this.#latency, (k) => new Float64Array(k));
    this.#bytes = grow(this.#bytes, (k) => new Float64Array(k));
    this.#status = grow(this.#status, (k) => new Uint16Array(k));
  }

  arrival(i: number): number {
    return this.#arrival[i]!;
  }
  latency(i: number): number {
    return this.#latency[i]!;
  }
  bytes(i: number): number {
    return this.#bytes[i]!;
  }
  status(i: number): number {
    return this.#status[i]!;
  }

  /** Indices 0..length-1 ordered by arrival (ties in log order). */
  byArrival(): Uint32Array {
    const order = new Uint32Array(this.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const a = this.#arrival;
    return order.sort((x, y) => a[x]! - a[y]! || x - y);
  }
}
