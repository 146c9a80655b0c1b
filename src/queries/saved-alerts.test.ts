import { describe, expect, it } from 'vitest';
import type { PeerAlert } from '../bgp/peer-signals';
import { loadSavedAlerts, SAVED_ALERTS_KEY, saveAlerts } from './saved-alerts';

const GW_A = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw-a';
const GW_B = GW_A.replace('gw-a', 'gw-b');

function memoryStorage() {
  const items = new Map<string, string>();
  return { getItem: (key: string) => items.get(key) ?? null, setItem: (key: string, value: string) => void items.set(key, value) };
}

const alert = (gatewayId: string, neighbor: string): PeerAlert => ({
  gatewayId,
  gatewayName: gatewayId.split('/').at(-1)!,
  neighbor,
  localAddress: '10.0.0.4',
  instance: null,
  key: `down|${gatewayId}|${neighbor}`,
  peerKey: `${gatewayId}|${neighbor}`,
  kind: 'down',
  state: 'Idle',
  sinceMs: 1000,
  acknowledged: false,
});

describe('saved alerts', () => {
  it("replaces only the gateways a page polled: a wall of one gateway keeps the dashboard's alerts of the others", () => {
    const storage = memoryStorage();
    saveAlerts([GW_A, GW_B], [alert(GW_A, '10.1.0.1'), alert(GW_B, '10.1.0.2')], storage);
    saveAlerts([GW_A.toUpperCase()], [], storage);
    expect(loadSavedAlerts([GW_A, GW_B], storage)).toEqual([alert(GW_B, '10.1.0.2')]);
    expect(loadSavedAlerts([GW_A], storage)).toEqual([]);
  });

  it('ignores what is not an alert, and storage that is not JSON', () => {
    const storage = memoryStorage();
    storage.setItem(SAVED_ALERTS_KEY, JSON.stringify({ [GW_A.toLowerCase()]: [alert(GW_A, '10.1.0.1'), { kind: 'down' }, { ...alert(GW_A, '10.1.0.3'), state: 'Exploded' }] }));
    expect(loadSavedAlerts([GW_A], storage)).toEqual([alert(GW_A, '10.1.0.1')]);
    storage.setItem(SAVED_ALERTS_KEY, '{not json');
    expect(loadSavedAlerts([GW_A], storage)).toEqual([]);
  });
});
