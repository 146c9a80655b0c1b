import { LONG_RUNNING_OPERATIONS, type ArmOperation } from '../control/faults';

/**
 * ARM's throttling as a token bucket per (subscription, principal): reads and writes apart, a
 * burst capacity that refills continuously. getBgpPeerStatus and the other route LROs are POSTs,
 * so they spend write tokens.
 */
export type RateKind = 'reads' | 'writes';

/** The budget a request spends: the long-running actions are writes; Resource Graph's POST is a query, counted as a read. */
export function rateKindOf(operation: ArmOperation): RateKind {
  return (LONG_RUNNING_OPERATIONS as readonly string[]).includes(operation) ? 'writes' : 'reads';
}

export interface RateDecision {
  allowed: boolean;
  /** Whole tokens left after this request (what `x-ms-ratelimit-remaining-subscription-*` says). */
  remaining: number;
  /** When refused: seconds until a token is back. */
  retryAfterSeconds: number;
}

export interface BucketSettings {
  capacity: number;
  refillPerSecond: number;
}

export const DEFAULT_BUCKETS: Record<RateKind, BucketSettings> = {
  reads: { capacity: 12_000, refillPerSecond: 25 },
  writes: { capacity: 1_200, refillPerSecond: 10 },
};

/** The default budgets times `scale`: what a client running `scale` times faster than real time needs to see ARM's. */
export function scaledBuckets(scale: number): Record<RateKind, BucketSettings> {
  const scaled = ({ capacity, refillPerSecond }: BucketSettings) => ({ capacity: capacity * scale, refillPerSecond: refillPerSecond * scale });
  return { reads: scaled(DEFAULT_BUCKETS.reads), writes: scaled(DEFAULT_BUCKETS.writes) };
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; atMs: number }>();

  constructor(
    private readonly settings: Record<RateKind, BucketSettings> = DEFAULT_BUCKETS,
    private readonly realNow: () => number = Date.now,
  ) {}

  take(key: string, kind: RateKind): RateDecision {
    const { capacity, refillPerSecond } = this.settings[kind];
    const now = this.realNow();
    const id = `${kind}|${key}`;
    const bucket = this.buckets.get(id) ?? { tokens: capacity, atMs: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.atMs) / 1000) * refillPerSecond);
    bucket.atMs = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens < 1) {
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
    }
    bucket.tokens -= 1;
    return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
  }
}
