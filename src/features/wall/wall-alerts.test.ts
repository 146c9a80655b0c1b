import { describe, expect, it, vi } from 'vitest';
import type { BgpPeerState } from '../../azure/bgp-peer-status';
import { makePeer } from '../../testing/peer-fixtures';
import { MAX_RECENT_CHANGES, WallAlerts } from './wall-alerts';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';
const GW2 = GW.replace('vpngw-1', 'vpngw-2');

function peers(...states: BgpPeerState[]) {
  return states.map((state, i) => makePeer({ neighbor: `10.1.0.${i + 1}`, state }));
}

describe('WallAlerts', () => {
  it('peers already down on the first poll raise no alert: nothing changed while we watched', () => {
    const alerts = new WallAlerts();
    expect(alerts.observe(GW, 'vpngw-1', peers('Idle', 'Connected'), 1000)).toEqual([]);
    expect(alerts.getSnapshot().alerts).toEqual([]);
    expect(alerts.stateSince(GW, { neighbor: '10.1.0.1', localAddress: '10.0.0.4' })).toBeNull();
  });

  it('a peer leaving Connected raises an alert, pinned until it reconnects', () => {
    const alerts = new WallAlerts();
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

  it('the acknowledge key unpins every alert; a new drop pins again', () => {
    const alerts = new WallAlerts();
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', peers('Stopped'), 2000);
    alerts.acknowledge();
    expect(alerts.getSnapshot().alerts).toEqual([]);
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 3000);
    alerts.observe(GW, 'vpngw-1', peers('Idle'), 4000);
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ sinceMs: 4000 })]);
  });

  it('tells the instances of an active-active gateway apart', () => {
    const alerts = new WallAlerts();
    const both = (state0: BgpPeerState, state1: BgpPeerState) => [
      makePeer({ neighbor: '10.1.0.1', localAddress: '10.0.0.4', state: state0 }),
      makePeer({ neighbor: '10.1.0.1', localAddress: '10.0.0.5', state: state1 }),
    ];
    alerts.observe(GW, 'vpngw-1', both('Connected', 'Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', both('Connected', 'Idle'), 2000);
    expect(alerts.getSnapshot().alerts).toEqual([expect.objectContaining({ localAddress: '10.0.0.5' })]);
  });

  it('keeps gateways apart, newest alert first', () => {
    const alerts = new WallAlerts();
    alerts.observe(GW, 'vpngw-1', peers('Connected'), 1000);
    alerts.observe(GW2, 'vpngw-2', peers('Connected'), 1000);
    alerts.observe(GW, 'vpngw-1', peers('Idle'), 2000);
    alerts.observe(GW2, 'vpngw-2', peers('Idle'), 3000);
    expect(alerts.getSnapshot().alerts.map((a) => a.gatewayName)).toEqual(['vpngw-2', 'vpngw-1']);
  });

  it('records every state change, newest first, and keeps only the last few', () => {
    const alerts = new WallAlerts();
    const states: BgpPeerState[] = ['Connected', 'Idle', 'Connecting'];
    for (let i = 0; i < MAX_RECENT_CHANGES * 3; i++) alerts.observe(GW, 'vpngw-1', peers(states[i % 3]!), i * 1000);
    const { recentChanges } = alerts.getSnapshot();
    expect(recentChanges).toHaveLength(MAX_RECENT_CHANGES);
    expect(recentChanges[0]).toEqual(expect.objectContaining({ atMs: (MAX_RECENT_CHANGES * 3 - 1) * 1000 }));
  });

  it('forgets peers that are no longer reported, and gateways no longer shown', () => {
    const alerts = new WallAlerts();
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
    const alerts = new WallAlerts();
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
