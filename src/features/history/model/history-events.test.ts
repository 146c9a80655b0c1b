import { describe, expect, it } from 'vitest';
import { peerEvents, pollEvents } from './history-events';
import type { PeerSample } from './peer-sample';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
function sample(minute: number, overrides: Partial<PeerSample> = {}): PeerSample {
  return {
    gatewayId: 'gw',
    peerKey: '10.0.0.4|10.1.0.4',
    time: T0 + minute * 60_000,
    state: 'Connected',
    routesReceived: 100,
    messagesSent: 1000 + minute,
    messagesReceived: 2000 + minute,
    connectedSeconds: 86_400 + minute * 60,
    ...overrides,
  };
}

describe('peer events', () => {
  it('reports a state transition with from, to and when', () => {
    const [change, ...rest] = peerEvents(sample(0), sample(1, { state: 'Idle', connectedSeconds: null, messagesSent: 0, messagesReceived: 0, routesReceived: 0 }));
    expect(change).toMatchObject({ kind: 'state-change', from: 'Connected', to: 'Idle', time: T0 + 60_000 });
    expect(change?.detail).toContain('10.1.0.4 via 10.0.0.4');
    expect(rest).toEqual([]);
  });

  it('reports a session reset between polls when the state stayed Connected', () => {
    const events = peerEvents(sample(0), sample(1, { messagesSent: 3, messagesReceived: 5, connectedSeconds: 20 }));
    expect(events.map((e) => e.kind)).toEqual(['session-reset']);
    expect(events[0]?.detail).toContain('up 20s');
  });

  it('says "re-established" for a peer first seen with a session younger than 5 minutes', () => {
    expect(peerEvents(undefined, sample(0, { connectedSeconds: 125 })).map((e) => e.detail)).toEqual(['10.1.0.4 via 10.0.0.4: re-established 2m 5s ago']);
    expect(peerEvents(undefined, sample(0))).toEqual([]);
  });

  it('reports route count moves beyond the threshold only', () => {
    expect(peerEvents(sample(0), sample(1, { routesReceived: 105 }))).toEqual([]);
    const [moved] = peerEvents(sample(0), sample(1, { routesReceived: 40 }));
    expect(moved).toMatchObject({ kind: 'routes-changed' });
    expect(moved?.detail).toContain('100 → 40 (-60)');
  });

  it('gives the same event the same id, so a poll recorded twice is stored once', () => {
    const next = sample(1, { state: 'Idle' });
    expect(peerEvents(sample(0), next)[0]?.id).toBe(peerEvents(sample(0), next)[0]?.id);
  });
});

describe('gateway answering events', () => {
  it('reports when a gateway stops answering, once, and when it answers again', () => {
    const failed = { gatewayId: 'gw', time: T0, ok: false, errorCode: 'TooManyRequests' };
    expect(pollEvents(true, failed)[0]).toMatchObject({ kind: 'gateway-stopped-answering', peerKey: null });
    expect(pollEvents(true, failed)[0]?.detail).toContain('TooManyRequests');
    expect(pollEvents(false, failed)).toEqual([]);
    expect(pollEvents(false, { gatewayId: 'gw', time: T0, ok: true })[0]).toMatchObject({ kind: 'gateway-answering-again' });
    expect(pollEvents(true, { gatewayId: 'gw', time: T0, ok: true })).toEqual([]);
  });
});
