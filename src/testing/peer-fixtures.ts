import type { BgpPeer } from '../azure/bgp-peer-status';
import type { GatewaySummary } from '../azure/gateways';

/** A clean Connected peer for tests; override what the test is about. */
export function makePeer(overrides: Partial<BgpPeer> = {}): BgpPeer {
  return {
    neighbor: '10.1.0.4',
    localAddress: '10.0.0.4',
    asn: 65010,
    state: 'Connected',
    rawState: null,
    connectedDuration: '9.01:04:53.5768637',
    connectedSeconds: 781_493.5768637,
    routesReceived: 12,
    messagesSent: 1500,
    messagesReceived: 1480,
    problems: [],
    ...overrides,
  };
}

/** A VPN gateway's summary as ARM would give it; the name defaults to the ID's last segment. */
export function makeGatewaySummary(id: string, overrides: Partial<GatewaySummary> = {}): GatewaySummary {
  return {
    id,
    name: id.split('/').at(-1) ?? id,
    subscriptionId: id.split('/')[2] ?? '11111111-2222-4333-8444-555555555555',
    resourceGroup: 'rg',
    location: 'westeurope',
    gatewayType: 'Vpn',
    vpnType: 'RouteBased',
    generation: 'Generation2',
    sku: 'VpnGw2',
    activeActive: false,
    enableBgp: true,
    bgpAsn: 65515,
    bgpPeeringAddresses: [],
    provisioningState: 'Succeeded',
    ...overrides,
  };
}
