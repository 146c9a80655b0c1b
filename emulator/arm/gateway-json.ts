import type { Fleet, Gateway } from '../simulation/fleet';

/**
 * `--bgp-off-gateways N`: the last N VPN gateways of the fleet, lower-cased IDs. Route-based VPN
 * gateways with static routes only (`enableBgp: false`) are common; a picker must show them as
 * such and a dashboard must not poll them.
 */
export function bgpOffGatewayIds(fleet: Fleet, count: number): ReadonlySet<string> {
  const vpn = fleet.gateways.filter((g) => g.gatewayType === 'Vpn');
  return new Set(count > 0 ? vpn.slice(-count).map((g) => g.id.toLowerCase()) : []);
}

/** A gateway as `GET .../virtualNetworkGateways/{name}` returns it; `bgpOff` from bgpOffGatewayIds. */
export function gatewayJson(gateway: Gateway, bgpOff?: ReadonlySet<string>): Record<string, unknown> {
  const etag = `W/"${gateway.id.length.toString(16)}${gateway.name.length}-0000-0000-0000-emulator"`;
  return {
    name: gateway.name,
    id: gateway.id,
    etag,
    type: 'Microsoft.Network/virtualNetworkGateways',
    location: gateway.location,
    tags: {},
    properties: {
      provisioningState: 'Succeeded',
      resourceGuid: guidFrom(gateway.id),
      packetCaptureDiagnosticState: 'None',
      enablePrivateIpAddress: false,
      ipConfigurations: gateway.instances.map((instance) => ({
        name: instance.ipConfigurationName,
        id: `${gateway.id}/ipConfigurations/${instance.ipConfigurationName}`,
        properties: {
          provisioningState: 'Succeeded',
          privateIPAllocationMethod: 'Dynamic',
          publicIPAddress: {
            id: `/subscriptions/${gateway.subscriptionId}/resourceGroups/${gateway.resourceGroup}/providers/Microsoft.Network/publicIPAddresses/${gateway.name}-pip${instance.ipConfigurationName === 'default' ? 1 : 2}`,
          },
        },
      })),
      sku: { name: gateway.skuName, tier: gateway.skuName, ...(gateway.gatewayType === 'Vpn' ? { capacity: 2 } : {}) },
      gatewayType: gateway.gatewayType,
      // ARM reports generation None for ExpressRoute gateways (generations are a VPN notion).
      ...(gateway.gatewayType === 'Vpn' ? { vpnType: 'RouteBased', vpnGatewayGeneration: 'Generation2' } : { vpnGatewayGeneration: 'None' }),
      enableBgp: !bgpOff?.has(gateway.id.toLowerCase()),
      activeActive: gateway.activeActive,
      bgpSettings: {
        asn: gateway.asn,
        bgpPeeringAddress: gateway.instances.map((instance) => instance.bgpAddress).join(','),
        peerWeight: 0,
        bgpPeeringAddresses: gateway.instances.map((instance) => ({
          ipconfigurationId: `${gateway.id}/ipConfigurations/${instance.ipConfigurationName}`,
          defaultBgpIpAddresses: [instance.bgpAddress, ...(instance.bgpAddressV6 ? [instance.bgpAddressV6] : [])],
          customBgpIpAddresses: [],
          tunnelIpAddresses: gateway.gatewayType === 'Vpn' ? [instance.tunnelAddress] : [],
        })),
      },
    },
  };
}

function guidFrom(text: string): string {
  let h = 0;
  const hex: string[] = [];
  for (let round = 0; round < 4; round++) {
    for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i) + round) | 0;
    hex.push((h >>> 0).toString(16).padStart(8, '0'));
  }
  const all = hex.join('');
  return `${all.slice(0, 8)}-${all.slice(8, 12)}-4${all.slice(13, 16)}-a${all.slice(17, 20)}-${all.slice(20, 32)}`;
}
