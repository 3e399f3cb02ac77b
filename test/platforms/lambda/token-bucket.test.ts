import { describe, expect, it } from 'vitest';
import { TokenBucket } from '../../../src/platforms/lambda/token-bucket.js';

describe('the scaling rate as a token bucket: 1,000 environments per 10 s, refilled continuously', () => {
  it('full at 0: 1,000 starts at once, the 1,001st is throttled', () => {
    const bucket = new TokenBucket(1000, 10);
    for (let i = 0; i < 1000; i++) expect(bucket.take(0)).toBe(true);
    expect(bucket.take(0)).toBe(false);
  });

  it('after the burst, one more every 10 ms (100 per second)', () => {
    const bucket = new TokenBucket(1000, 10);
    for (let i = 0; i < 1000; i++) bucket.take(0);
    expect(bucket.take(0.005)).toBe(false); // half a token
    expect(bucket.take(0.01)).toBe(true); // 0.005 s more: a whole one
    expect(bucket.take(0.01)).toBe(false);
    expect(bucket.take(1.01)).toBe(true); // 100 refilled in a second
  });

  it('unused rate does not accumulate beyond 1,000', () => {
    const bucket = new TokenBucket(1000, 10);
    let n = 0;
    while (bucket.take(3600)) n++;
    expect(n).toBe(1000);
  });
});
