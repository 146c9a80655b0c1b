import { describe, expect, it } from 'vitest';
import { bgpKeys, peersKeyGatewayId } from './query-keys';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';

describe('bgpKeys', () => {
  it('nests every key of a gateway under it, so one invalidation reaches them all', () => {
    const gateway = bgpKeys.gateway(GW);
    expect(bgpKeys.peers(GW).slice(0, gateway.length)).toEqual(gateway);
    expect(bgpKeys.metrics(GW).slice(0, gateway.length)).toEqual(gateway);
    expect(bgpKeys.learnedRoutes(GW).slice(0, gateway.length)).toEqual(gateway);
    expect(bgpKeys.advertisedRoutes(GW, '10.0.0.1').slice(0, gateway.length)).toEqual(gateway);
    expect(bgpKeys.discovery().slice(0, 1)).toEqual(bgpKeys.all);
    expect(bgpKeys.watched([GW]).slice(0, 1)).toEqual(bgpKeys.all);
  });
});

describe('peersKeyGatewayId', () => {
  it("finds the gateway of a whole gateway's peers poll, with the ID as configured", () => {
    expect(peersKeyGatewayId(bgpKeys.peers(GW))).toBe(GW);
  });

  it('ignores a one-peer query and every other query of the app', () => {
    expect(peersKeyGatewayId([...bgpKeys.gateway(GW), 'peer', '10.0.0.1'])).toBeNull();
    expect(peersKeyGatewayId([...bgpKeys.peers(GW), { peer: '10.0.0.1' }])).toBeNull();
    expect(peersKeyGatewayId(bgpKeys.peer(GW, '10.0.0.1'))).toBeNull();
    expect(peersKeyGatewayId(bgpKeys.learnedRoutes(GW))).toBeNull();
    expect(peersKeyGatewayId(bgpKeys.metrics(GW))).toBeNull();
    expect(peersKeyGatewayId(bgpKeys.discovery())).toBeNull();
    expect(peersKeyGatewayId(bgpKeys.watched([GW]))).toBeNull();
    expect(peersKeyGatewayId(['history', 'gateway', GW, 'peers'])).toBeNull();
  });
});
