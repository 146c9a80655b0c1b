import { describe, expect, it } from 'vitest';
import { bgpKeys } from '../peers/peer-queries';
import { peersQueryGatewayId } from './use-wall-alerts';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';

describe('peersQueryGatewayId', () => {
  it("finds the gateway of a whole gateway's peers query", () => {
    expect(peersQueryGatewayId(bgpKeys.peers(GW))).toBe(GW);
  });

  it('ignores one-peer queries and every other query of the app', () => {
    expect(peersQueryGatewayId(bgpKeys.peers(GW, { peer: '10.0.0.1' }))).toBeNull();
    expect(peersQueryGatewayId(bgpKeys.discovery())).toBeNull();
    expect(peersQueryGatewayId(bgpKeys.watched([GW]))).toBeNull();
    expect(peersQueryGatewayId(['history', GW, 'peers'])).toBeNull();
  });
});
