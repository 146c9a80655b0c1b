import { describe, expect, it } from 'vitest';
import { flapsBetween, formatTimeSpan, latestFlap, peerLife, peerStatusAt, type PeerRow } from './peer-life';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;

function row(key: number, temperament: Parameters<typeof peerLife>[1] = 'flappy'): PeerRow {
  return { neighbor: '172.16.1.10', localAddress: '10.1.255.30', asn: 4_200_000_123, life: peerLife(key, temperament, 20) };
}

describe('peer life', () => {
  it('gives the same values for the same peer and time', () => {
    expect(peerStatusAt(row(42), T0)).toEqual(peerStatusAt(row(42), T0));
    expect(peerStatusAt(row(42), T0 + 123_456)).toEqual(peerStatusAt(row(42), T0 + 123_456));
  });

  it('goes Idle then Connecting then Connected again at a flap, with counters and duration restarting', () => {
    const peer = row(7);
    const flaps = flapsBetween(peer.life, T0, T0 + 6 * HOUR);
    expect(flaps.length).toBeGreaterThan(3);
    // Pick a flap whose preceding session lasted a while, so "before" has big counters.
    const flap = flaps.find((f, i) => i > 0 && f.startMs - (flaps[i - 1]?.endMs ?? 0) > 10 * 60_000);
    if (!flap) throw new Error('no long session in six hours of a flappy peer');

    const before = peerStatusAt(peer, flap.startMs - 1);
    const idle = peerStatusAt(peer, flap.startMs + 1);
    const connecting = peerStatusAt(peer, flap.startMs + flap.idleMs + 1);
    const after = peerStatusAt(peer, flap.endMs + 90_000);

    expect(before.state).toBe('Connected');
    expect(idle).toMatchObject({ state: 'Idle', connectedDuration: null, routesReceived: 0 });
    expect(connecting).toMatchObject({ state: 'Connecting', connectedDuration: null });
    expect(after.state).toBe('Connected');
    expect(after.connectedDuration).toMatch(/^00:01:30\.\d{7}$/);
    expect(after.messagesSent).toBeLessThan(before.messagesSent);
    expect(after.messagesReceived).toBeLessThan(before.messagesReceived);
  });

  it('grows the keepalive counters by about one message a minute each way', () => {
    const peer = row(99, 'steady');
    const start = latestFlap(peer.life, T0).endMs + 60_000;
    const a = peerStatusAt(peer, start);
    const b = peerStatusAt(peer, start + 10 * 60_000);
    expect(flapsBetween(peer.life, start, start + 10 * 60_000)).toEqual([]);
    expect([a.state, b.state]).toEqual(['Connected', 'Connected']);
    expect(b.messagesSent - a.messagesSent).toBeGreaterThanOrEqual(10);
    expect(b.messagesSent - a.messagesSent).toBeLessThanOrEqual(12);
    expect(b.messagesReceived - a.messagesReceived).toBeGreaterThanOrEqual(10);
  });

  it('keeps steady sessions up for days, bounded by the guaranteed flap', () => {
    for (let key = 1; key < 50; key++) {
      const life = peerLife(key * 7919, 'steady', 10);
      const flap = latestFlap(life, T0);
      expect(T0 - flap.startMs).toBeLessThan(23 * 24 * HOUR);
    }
    const ages = Array.from({ length: 50 }, (_, key) => T0 - latestFlap(peerLife(key * 7919, 'steady', 10), T0).endMs);
    expect(Math.max(...ages)).toBeGreaterThan(2 * 24 * HOUR);
  });

  it('shows an admin-stopped peer as Stopped with no session', () => {
    expect(peerStatusAt(row(5, 'adminStopped'), T0)).toMatchObject({
      state: 'Stopped',
      connectedDuration: null,
      messagesSent: 0,
      messagesReceived: 0,
      routesReceived: 0,
    });
  });

  it('restarts the session when Connected is forced', () => {
    const peer = row(5, 'adminStopped');
    const status = peerStatusAt(peer, T0 + 5_000, { state: 'Connected', sinceMs: T0 });
    expect(status.state).toBe('Connected');
    expect(status.connectedDuration).toMatch(/^00:00:05\.\d{7}$/);
    expect(status.messagesSent).toBe(2);
    expect(peerStatusAt(row(7), T0, { state: 'Idle', sinceMs: T0 })).toMatchObject({ state: 'Idle', connectedDuration: null });
  });
});

describe('formatTimeSpan', () => {
  it('writes .NET TimeSpan text with days only when there are any', () => {
    expect(formatTimeSpan(0)).toBe('00:00:00.0000000');
    expect(formatTimeSpan(((9 * 24 + 1) * 3600 + 4 * 60 + 53) * 1000 + 576, 8637)).toBe('9.01:04:53.5768637');
    expect(formatTimeSpan((2 * 3600 + 7 * 60 + 41) * 1000)).toBe('02:07:41.0000000');
  });
});
