import { describe, expect, it } from 'vitest';
import { peerDataAttributes, peerId, peerLabel, peerRowKey, sameGatewayId, splitPeerRowKey } from './peer-identity';

const GW = '/subscriptions/s/resourceGroups/RG/providers/Microsoft.Network/virtualNetworkGateways/VpnGw-1';

describe('peer identity', () => {
  it('keeps the two instances of one neighbor apart', () => {
    expect(peerRowKey('10.0.0.4', '10.1.0.4')).not.toBe(peerRowKey('10.0.0.5', '10.1.0.4'));
    expect(peerId(GW, { localAddress: '10.0.0.4', neighbor: '10.1.0.4' })).not.toBe(
      peerId(GW, { localAddress: '10.0.0.5', neighbor: '10.1.0.4' }),
    );
  });

  it('names one peer the same whatever case its gateway ID is written in', () => {
    const peer = { localAddress: '10.0.0.4', neighbor: '10.1.0.4' };
    expect(peerId(GW, peer)).toBe(peerId(GW.toUpperCase(), peer));
    expect(sameGatewayId(GW, GW.toLowerCase())).toBe(true);
    expect(sameGatewayId(GW, `${GW}-2`)).toBe(false);
  });

  it('reads a row key back, with missing addresses shown as "?"', () => {
    expect(splitPeerRowKey(peerRowKey('10.0.0.4', '10.1.0.4'))).toEqual({ localAddress: '10.0.0.4', neighbor: '10.1.0.4' });
    expect(peerLabel(peerRowKey(null, '10.1.0.4'))).toBe('10.1.0.4 via ?');
    // IPv6 neighbors contain colons, not bars: the first bar still splits.
    expect(splitPeerRowKey(peerRowKey('fd00::4', 'fd00::1:4'))).toEqual({ localAddress: 'fd00::4', neighbor: 'fd00::1:4' });
  });

  it('gives every peer element the same data attributes, empty when an address is missing', () => {
    expect(peerDataAttributes({ localAddress: null, neighbor: '10.1.0.4' })).toEqual({ 'data-neighbor': '10.1.0.4', 'data-local-address': '' });
  });
});
