import { describe, expect, it } from 'vitest';
import { makePeer } from '../../testing/peer-fixtures';
import { peerFreshness } from '../../bgp/peer-freshness';
import { dataAgeSeconds, staleCheckTime, staleFromMs } from './data-age';
import { gatewayStatus } from './gateway-health';

const NOW = 1_700_000_000_000;

describe('dataAgeSeconds', () => {
  it('counts whole seconds as the freshness rule does, and nothing before the first answer', () => {
    for (const ago of [0, 999, 1_000, 61_500, 3_600_000]) {
      const freshness = peerFreshness({ dataUpdatedAt: NOW - ago, lastRefreshFailed: false, nowMs: NOW, intervalMs: 60_000 });
      expect(dataAgeSeconds(NOW - ago, NOW)).toBe(freshness.ageSeconds);
    }
    expect(dataAgeSeconds(NOW + 500, NOW)).toBe(0);
    expect(dataAgeSeconds(0, NOW)).toBeNull();
  });
});

describe('staleFromMs', () => {
  it('is the first millisecond at which the freshness rule calls the data too old', () => {
    for (const intervalMs of [1_000, 5_000, 30_000, 60_000, 61_234]) {
      const dataUpdatedAt = NOW - 7;
      const staleFrom = staleFromMs(dataUpdatedAt, intervalMs);
      const staleAt = (nowMs: number) => peerFreshness({ dataUpdatedAt, lastRefreshFailed: false, nowMs, intervalMs }).stale;
      expect(staleAt(staleFrom - 1)).toBe(false);
      expect(staleAt(staleFrom)).toBe(true);
    }
  });
});

describe('staleCheckTime', () => {
  const intervalMs = 60_000;
  const conditions = { intervalMs, online: true, needsInteraction: false };

  it('gives every gateway the same status as the current time would, second after second', () => {
    const updatedAts = [NOW - 200_000, NOW - 151_000, NOW - 100_000, NOW - 30_500, NOW, 0];
    for (let nowMs = NOW; nowMs < NOW + 200_000; nowMs += 250) {
      const checkAt = staleCheckTime(updatedAts, intervalMs, nowMs);
      expect(checkAt).toBeLessThanOrEqual(nowMs);
      for (const dataUpdatedAt of updatedAts) {
        const peers = { data: dataUpdatedAt > 0 ? [makePeer()] : undefined, error: null, dataUpdatedAt };
        expect(gatewayStatus(peers, { ...conditions, nowMs: checkAt })).toEqual(gatewayStatus(peers, { ...conditions, nowMs }));
      }
    }
  });

  it('moves only when some gateway turns stale, not with every tick', () => {
    const updatedAts = [NOW - 100_000, NOW - 10_000];
    const times = new Set<number>();
    for (let nowMs = NOW; nowMs < NOW + 200_000; nowMs += 1_000) times.add(staleCheckTime(updatedAts, intervalMs, nowMs));
    expect([...times]).toEqual([0, staleFromMs(NOW - 100_000, intervalMs), staleFromMs(NOW - 10_000, intervalMs)]);
  });
});
