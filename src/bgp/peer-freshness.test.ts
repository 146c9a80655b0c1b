import { describe, expect, it } from 'vitest';
import { peerFreshness } from './peer-freshness';

const INTERVAL = 15_000;
const UPDATED = 1_700_000_000_000;

describe('peerFreshness', () => {
  it('counts whole seconds since the last successful refresh', () => {
    expect(
      peerFreshness({ dataUpdatedAt: UPDATED, lastRefreshFailed: false, nowMs: UPDATED + 7_900, intervalMs: INTERVAL }),
    ).toEqual({ ageSeconds: 7, stale: false, reason: null });
  });

  it('is stale as soon as the last refresh failed, however recent the data', () => {
    expect(
      peerFreshness({ dataUpdatedAt: UPDATED, lastRefreshFailed: true, nowMs: UPDATED + 1_000, intervalMs: INTERVAL }),
    ).toEqual({ ageSeconds: 1, stale: true, reason: 'refresh-failed' });
  });

  it('becomes stale after two and a half intervals without a success', () => {
    const at = (ms: number) =>
      peerFreshness({ dataUpdatedAt: UPDATED, lastRefreshFailed: false, nowMs: UPDATED + ms, intervalMs: INTERVAL });
    expect(at(37_000).stale).toBe(false);
    expect(at(38_000)).toEqual({ ageSeconds: 38, stale: true, reason: 'too-old' });
  });

  it('has no age before the first success', () => {
    expect(peerFreshness({ dataUpdatedAt: 0, lastRefreshFailed: false, nowMs: UPDATED, intervalMs: INTERVAL })).toEqual(
      { ageSeconds: null, stale: false, reason: null },
    );
  });

  it('never shows a negative age when the clock steps back', () => {
    expect(
      peerFreshness({ dataUpdatedAt: UPDATED, lastRefreshFailed: false, nowMs: UPDATED - 5_000, intervalMs: INTERVAL })
        .ageSeconds,
    ).toBe(0);
  });
});
