import { describe, expect, it } from 'vitest';
import { RateLimiter, scaledBuckets } from './rate-limit';

describe('ARM throttling', () => {
  it('refuses the write after the burst, with a Retry-After, until a token is back', () => {
    let now = 0;
    const limiter = new RateLimiter(undefined, () => now);
    for (let i = 0; i < 1_200; i++) expect(limiter.take('sub', 'writes').allowed).toBe(true);
    expect(limiter.take('sub', 'writes')).toEqual({ allowed: false, remaining: 0, retryAfterSeconds: 1 });
    now += 100;
    expect(limiter.take('sub', 'writes').allowed).toBe(true);
  });

  it('scales burst and refill, for a client whose clock runs faster than real time', () => {
    let now = 0;
    const limiter = new RateLimiter(scaledBuckets(100), () => now);
    for (let i = 0; i < 120_000; i++) limiter.take('sub', 'writes');
    expect(limiter.take('sub', 'writes').allowed).toBe(false);
    // 10 writes a second times 100: one token per millisecond.
    now += 1;
    expect(limiter.take('sub', 'writes').allowed).toBe(true);
    expect(limiter.take('sub', 'writes').allowed).toBe(false);
  });
});
