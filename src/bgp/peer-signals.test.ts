import { describe, expect, it, vi } from 'vitest';
import type { BgpPeerState } from '../azure/bgp-peer-status';
import { makePeer } from '../testing/peer-fixtures';
import { FLAP_WINDOW_MS, MAX_RECENT_CHANGES, PeerSignals } from './peer-signals';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';
const GW2 = GW.replace('vpngw-1', 'vpngw-2');

function peers(...states: BgpPeerState[]) {
  return states.map((state, i) => makePeer({ neighbor: `10.1.0.${i + 1}`, state }));
}

describe('PeerSignals', () => {
  it('peers already down on the first poll raise no alert: nothing changed while we watched', () => {
    const alerts = new PeerSignals();
    expect(alerts.observe(GW, 'vpngw-1', peers('Idle', 'Connected'), 1000)).toEqual([]);
    expect(alerts.getSnapshot().alerts).toEqual([]);
    expect(alerts.stateSince(GW, { neighbor: '10.1.0.1', localAddress: '10.0.0.4' })).toBeNull();
  });

  it('a peer leaving Connected raises an alert, pinned until it reconnects', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', peers('Connected', 'Connected'), 1000);
    const raised = alerts.observe(GW, 'vpngw-1', peers('Connected', 'Idle'), 2000);
    expect(raised).toEqual([expect.objectContaining({ neighbor: '10.1.0.2', state: 'Idle', sinceMs: 2000, gatewayName: 'vpngw-1' })]);
    expect(alerts.getSnapshot().alerts).toHaveLength(1);
    expect(alerts.stateSince(GW, { neighbor: '10.1.0.2', localAddress: '10.0.0.4' })).toBe(2000);

    // Still down, now trying: still pinned, with its current state.
    alerts.observe(GW, 'vpngw-1', peers('Connected', 'Connecting'), 3000);
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ state: 'Connecting', sinceMs: 2000 })]);

    alerts.observe(GW, 'vpngw-1', peers('Connected', 'Connected'), 4000);
    expect(alerts.getSnapshot().alerts).toEqual([]);
  });

  it('acknowledged alerts stay listed, dimmed, until the peer recovers; a new drop is a fresh alert', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', peers('Idle'), 2000);
    alerts.acknowledge();
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ kind: 'down', acknowledged: true, sinceMs: 2000 })]);
    alerts.observe(GW, 'vpngw-1', peers('Connecting'), 2500);
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ state: 'Connecting', acknowledged: true })]);
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 3000);
    expect(alerts.getSnapshot().alerts).toEqual([]);
    alerts.observe(GW, 'vpngw-1', peers('Idle'), 4000);
    // (Three changes in a few seconds also make it flapping.)
    expect(alerts.getSnapshot().alerts.find((a) => a.kind === 'down')).toEqual(expect.objectContaining({ sinceMs: 4000, acknowledged: false }));
  });

  it('tells the instances of an active-active gateway apart', () => {
    const alerts = new PeerSignals();
    const both = (state0: BgpPeerState, state1: BgpPeerState) => [
      makePeer({ neighbor: '10.1.0.1', localAddress: '10.0.0.4', state: state0 }),
      makePeer({ neighbor: '10.1.0.1', localAddress: '10.0.0.5', state: state1 }),
    ];
    alerts.observe(GW, 'vpngw-1', both('Connected', 'Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', both('Connected', 'Idle'), 2000, { activeActive: true });
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ localAddress: '10.0.0.5', instance: 'Instance 1' })]);
    expect(alerts.getSnapshot().recentChanges).toEqual([expect.objectContaining({ localAddress: '10.0.0.5', instance: 'Instance 1' })]);
  });

  it('keeps gateways apart, newest alert first', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 1000);
    alerts.observe(GW2, 'vpngw-2', peers('Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', peers('Idle'), 2000);
    alerts.observe(GW2, 'vpngw-2', peers('Idle'), 3000);
    expect(alerts.getSnapshot().alerts.map((a) => a.gatewayName)).toEqual(['vpngw-2', 'vpngw-1']);
  });

  it('records every state change, newest first, and keeps only the last few', () => {
    const alerts = new PeerSignals();
    const states: BgpPeerState[] = ['Connected', 'Idle', 'Connecting'];
    for (let i = 0; i < MAX_RECENT_CHANGES * 3; i++) alerts.observe(GW, 'vpngw-1', peers(states[i % 3]!), i * 1000);
    const { recentChanges } = alerts.getSnapshot();
    expect(recentChanges).toHaveLength(MAX_RECENT_CHANGES);
    expect(recentChanges[0]).toEqual(expect.objectContaining({ atMs: (MAX_RECENT_CHANGES * 3 - 1) * 1000 }));
  });

  it('forgets peers that are no longer reported, and gateways no longer shown', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', peers('Connected', 'Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', peers('Connected', 'Idle'), 2000);
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 3000);
    expect(alerts.getSnapshot().alerts).toEqual([]);

    alerts.observe(GW2, 'vpngw-2', peers('Connected'), 1000);
    alerts.observe(GW2, 'vpngw-2', peers('Idle'), 2000);
    alerts.retainGateways([GW]);
    expect(alerts.getSnapshot().alerts).toEqual([]);
    expect(alerts.stateSince(GW2, { neighbor: '10.1.0.1', localAddress: '10.0.0.4' })).toBeNull();
  });

  it('tells subscribers only when something changed', () => {
    const alerts = new PeerSignals();
    const listener = vi.fn();
    alerts.subscribe(listener);
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 2000);
    expect(listener).not.toHaveBeenCalled();
    const before = alerts.getSnapshot();
    alerts.observe(GW, 'vpngw-1', peers('Idle'), 3000);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(alerts.getSnapshot()).not.toBe(before);
  });
});

describe('PeerSignals: admin-down, withdrawn routes, flapping', () => {
  const one = (state: BgpPeerState, routesReceived: number | null = 933) => [makePeer({ neighbor: '10.1.0.1', state, routesReceived })];

  it('a peer Stopped when first seen is "not trying": counted apart, no alert; once it leaves Stopped it is an ordinary peer', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', [...one('Stopped'), makePeer({ neighbor: '10.1.0.2', state: 'Idle' })], 1000);
    alerts.observe(GW, 'vpngw-1', [...one('Stopped'), makePeer({ neighbor: '10.1.0.2', state: 'Idle' })], 2000);
    const { alerts: raised, notTrying } = alerts.getSnapshot();
    expect(raised).toEqual([]);
    expect([...notTrying]).toEqual([`${GW.toLowerCase()}|10.0.0.4|10.1.0.1`]);

    alerts.observe(GW, 'vpngw-1', one('Connected'), 3000);
    expect(alerts.getSnapshot().notTrying.size).toBe(0);
    alerts.observe(GW, 'vpngw-1', one('Stopped'), 4000);
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ kind: 'down', state: 'Stopped' })]);
    expect(alerts.getSnapshot().notTrying.size).toBe(0);
  });

  it('a Connected peer whose routes fall to 0 raises routes-withdrawn with the numbers, cleared when routes come back', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', one('Connected', 933), 1000);
    const raised = alerts.observe(GW, 'vpngw-1', one('Connected', 0), 2000);
    expect(raised).toEqual([expect.objectContaining({ kind: 'routes-withdrawn', routes: { from: 933, to: 0 }, state: 'Connected', sinceMs: 2000 })]);
    alerts.observe(GW, 'vpngw-1', one('Connected', 0), 3000);
    expect(alerts.getSnapshot().alerts).toHaveLength(1);
    alerts.observe(GW, 'vpngw-1', one('Connected', 900), 4000);
    expect(alerts.getSnapshot().alerts).toEqual([]);
  });

  it('a fall by at least half raises it, a smaller one does not; the lowest count is kept', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', one('Connected', 100), 1000);
    expect(alerts.observe(GW, 'vpngw-1', one('Connected', 51), 2000)).toEqual([]);
    alerts.observe(GW, 'vpngw-1', one('Connected', 100), 2500);
    expect(alerts.observe(GW, 'vpngw-1', one('Connected', 50), 3000)).toEqual([expect.objectContaining({ routes: { from: 100, to: 50 } })]);
    alerts.observe(GW, 'vpngw-1', one('Connected', 10), 4000);
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ routes: { from: 100, to: 10 } })]);
  });

  it('routes lost with the session are a drop, not a withdrawal', () => {
    const alerts = new PeerSignals();
    alerts.observe(GW, 'vpngw-1', one('Connected', 933), 1000);
    alerts.observe(GW, 'vpngw-1', one('Connected', 0), 2000);
    alerts.observe(GW, 'vpngw-1', one('Idle', 0), 3000);
    expect(alerts.getSnapshot().alerts.map((a) => a.kind)).toEqual(['down']);
    // Coming back with few routes after a reconnect is not a withdrawal either.
    alerts.observe(GW, 'vpngw-1', one('Connected', 3), 4000);
    alerts.observe(GW, 'vpngw-1', one('Connected', 933), 5000);
    expect(alerts.getSnapshot().alerts).toEqual([]);
  });

  it('3 changes into or out of Connected within an hour flag the peer flapping once, until it is quiet for an hour', () => {
    const alerts = new PeerSignals();
    const minute = 60_000;
    alerts.observe(GW, 'vpngw-1', one('Connected'), 0);
    alerts.observe(GW, 'vpngw-1', one('Idle'), minute);
    alerts.observe(GW, 'vpngw-1', one('Connecting'), 2 * minute);
    expect(alerts.observe(GW, 'vpngw-1', one('Connected'), 3 * minute)).toEqual([]);
    expect(alerts.observe(GW, 'vpngw-1', one('Idle'), 4 * minute)).toEqual([
      expect.objectContaining({ kind: 'down' }),
      expect.objectContaining({ kind: 'flapping', sinceMs: 4 * minute }),
    ]);
    alerts.observe(GW, 'vpngw-1', one('Connected'), 5 * minute);
    expect(alerts.observe(GW, 'vpngw-1', one('Idle'), 6 * minute)).toEqual([expect.objectContaining({ kind: 'down' })]);
    alerts.observe(GW, 'vpngw-1', one('Connected'), 7 * minute);
    expect(alerts.getSnapshot().alerts.map((a) => a.kind)).toEqual(['flapping']);
    alerts.observe(GW, 'vpngw-1', one('Connected'), 7 * minute + FLAP_WINDOW_MS - 1);
    expect(alerts.getSnapshot().alerts.map((a) => a.kind)).toEqual(['flapping']);
    alerts.observe(GW, 'vpngw-1', one('Connected'), 7 * minute + FLAP_WINDOW_MS);
    expect(alerts.getSnapshot().alerts).toEqual([]);
  });

  it('changes spread over more than an hour are not flapping', () => {
    const alerts = new PeerSignals();
    const step = 25 * 60_000;
    alerts.observe(GW, 'vpngw-1', one('Connected'), 0);
    alerts.observe(GW, 'vpngw-1', one('Idle'), step);
    alerts.observe(GW, 'vpngw-1', one('Connected'), 2 * step);
    alerts.observe(GW, 'vpngw-1', one('Idle'), 4 * step);
    expect(alerts.getSnapshot().alerts.map((a) => a.kind)).toEqual(['down']);
  });
});

describe('PeerSignals: alerts outlive a reload', () => {
  /** The page before the reload: peer 1 dropped at 2000 (acknowledged), peer 2 lost its routes at 3000. */
  function savedBeforeReload() {
    const before = new PeerSignals();
    before.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Connected' }), makePeer({ neighbor: '10.1.0.2', routesReceived: 900 })], 1000);
    before.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Idle' }), makePeer({ neighbor: '10.1.0.2', routesReceived: 900 })], 2000);
    before.acknowledge();
    before.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Idle' }), makePeer({ neighbor: '10.1.0.2', routesReceived: 0 })], 3000);
    // Through JSON, as localStorage keeps them.
    return JSON.parse(JSON.stringify(before.getSnapshot().alerts)) as ReturnType<PeerSignals['getSnapshot']>['alerts'];
  }

  it('keeps, on the first poll after the reload, the alerts still true, with their first time and acknowledgement', () => {
    const after = new PeerSignals();
    after.restore(savedBeforeReload());
    // Not shown before a poll has confirmed them.
    expect(after.getSnapshot().alerts).toEqual([]);
    after.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Connecting' }), makePeer({ neighbor: '10.1.0.2', routesReceived: 10 })], 60_000);
    expect(after.getSnapshot().alerts).toEqual([
      expect.objectContaining({ kind: 'routes-withdrawn', neighbor: '10.1.0.2', sinceMs: 3000, acknowledged: false, routes: { from: 900, to: 0 } }),
      expect.objectContaining({ kind: 'down', neighbor: '10.1.0.1', state: 'Connecting', sinceMs: 2000, acknowledged: true }),
    ]);
    expect(after.stateSince(GW, { neighbor: '10.1.0.1', localAddress: '10.0.0.4' })).toBe(2000);
    // And they clear as they would have: the peer reconnects, the routes come back.
    after.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Connected' }), makePeer({ neighbor: '10.1.0.2', routesReceived: 880 })], 70_000);
    expect(after.getSnapshot().alerts).toEqual([]);
  });

  it('drops the alerts that stopped being true while the page was away, and those of gateways no longer shown', () => {
    const after = new PeerSignals();
    after.restore(savedBeforeReload());
    after.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Connected' }), makePeer({ neighbor: '10.1.0.2', routesReceived: 850 })], 60_000);
    expect(after.getSnapshot().alerts).toEqual([]);

    const elsewhere = new PeerSignals();
    elsewhere.restore(savedBeforeReload());
    elsewhere.retainGateways([GW2]);
    elsewhere.observe(GW, 'vpngw-1', [makePeer({ neighbor: '10.1.0.1', state: 'Idle' })], 60_000);
    expect(elsewhere.getSnapshot().alerts).toEqual([]);
  });
});
