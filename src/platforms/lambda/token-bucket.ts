/**
 * Lambda's concurrency scaling rate (docs.aws.amazon.com/lambda/latest/dg/scaling-behavior.html):
 * per function, 1,000 new execution environments every 10 seconds, refilled "continuously"
 * rather than 1,000 at once every 10 s, and unused rate does not accumulate past 1,000. That is
 * a token bucket of `capacity` tokens refilled at capacity / period per second: full at time 0,
 * a cold start takes one token, none left means throttled (429). After a burst of 1,000 the
 * next environment can start 10 ms later (100 per second).
 * Tests: test/platforms/lambda/token-bucket.test.ts.
 */
export class TokenBucket {
  private tokens: number;
  private last = 0;
  private readonly perSecond: number;

  constructor(
    private readonly capacity: number,
    period: number,
  ) {
    this.tokens = capacity;
    this.perSecond = capacity / period;
  }

  /** Takes one token at `now` (non-decreasing) if there is one. */
  take(now: number): boolean {
    this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perSecond);
    this.last = now;
    // 1e-9 slack: 0.01 s at 100 per second refills 0.9999999999999999 tokens.
    if (this.tokens < 1 - 1e-9) return false;
    this.tokens = Math.max(0, this.tokens - 1);
    return true;
  }
}
