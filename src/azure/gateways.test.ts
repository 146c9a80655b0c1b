import { describe, expect, it } from 'vitest';
import { ENDPOINT, GATEWAY_ID, fakeArm, json } from '../testing/fake-arm';
import { parseGateway } from './gateways';

const SUB = '00000000-1111-2222-3333-444444444444';
const ID = `/subscriptions/${SUB}/resourceGroups/rg-net/providers/Microsoft.Network/virtualNetworkGateways/gw-1`;

const armGet = {
  id: ID,
  name: 'gw-1',
  type: 'Microsoft.Network/virtualNetworkGateways',
  location: 'westeurope',
  properties: {
    provisioningState: 'Succeeded',
    gatewayType: 'Vpn',
    vpnType: 'RouteBased',
    vpnGatewayGeneration: 'Generation2',
    sku: { name: 'VpnGw2AZ', tier: 'VpnGw2AZ', capacity: 2 },
    activeActive: true,
    enableBgp: true,
    bgpSettings: {
      asn: 65515,
      bgpPeeringAddresses: [
        {
          ipconfigurationId: `${ID}/ipConfigurations/default`,
          defaultBgpIpAddresses: ['10.0.0.4'],
          customBgpIpAddresses: [],
          tunnelIpAddresses: ['20.1.2.3'],
        },
        {
          ipconfigurationId: `${ID}/ipConfigurations/activeActive`,
          defaultBgpIpAddresses: ['10.0.0.5'],
          customBgpIpAddresses: ['169.254.21.1'],
          tunnelIpAddresses: ['20.1.2.4'],
        },
      ],
    },
  },
};

describe('parseGateway', () => {
  it('reads the fields of an ARM GET', () => {
    expect(parseGateway(armGet)).toEqual({
      id: ID,
      name: 'gw-1',
      subscriptionId: SUB,
      resourceGroup: 'rg-net',
      location: 'westeurope',
      gatewayType: 'Vpn',
      vpnType: 'RouteBased',
      sku: 'VpnGw2AZ',
      generation: 'Generation2',
      activeActive: true,
      enableBgp: true,
      bgpAsn: 65515,
      bgpPeeringAddresses: [
        {
          ipconfigurationId: `${ID}/ipConfigurations/default`,
          defaultBgpIpAddresses: ['10.0.0.4'],
          customBgpIpAddresses: [],
          tunnelIpAddresses: ['20.1.2.3'],
        },
        {
          ipconfigurationId: `${ID}/ipConfigurations/activeActive`,
          defaultBgpIpAddresses: ['10.0.0.5'],
          customBgpIpAddresses: ['169.254.21.1'],
          tunnelIpAddresses: ['20.1.2.4'],
        },
      ],
      provisioningState: 'Succeeded',
    });
  });

  it('reads a Resource Graph row, whose IDs may come in another casing', () => {
    const row = {
      id: ID.replace('Microsoft.Network', 'microsoft.network').replace('virtualNetworkGateways', 'virtualnetworkgateways'),
      name: 'gw-1',
      location: 'eastus',
      resourceGroup: 'rg-net',
      subscriptionId: SUB,
      properties: { gatewayType: 'ExpressRoute', sku: { name: 'ErGw1AZ' } },
    };
    expect(parseGateway(row)).toMatchObject({ id: ID, gatewayType: 'ExpressRoute', sku: 'ErGw1AZ', enableBgp: false });
  });

  it('gives safe values for missing or wrong-typed fields', () => {
    const gateway = parseGateway({
      id: ID,
      location: 7,
      properties: { activeActive: 'yes', enableBgp: 1, bgpSettings: { asn: -1, bgpPeeringAddresses: [null, { defaultBgpIpAddresses: ['10.0.0.4', 5] }] } },
    });
    expect(gateway).toMatchObject({
      name: 'gw-1',
      location: null,
      gatewayType: null,
      sku: null,
      activeActive: false,
      enableBgp: false,
      bgpAsn: null,
      provisioningState: null,
      bgpPeeringAddresses: [
        { ipconfigurationId: null, defaultBgpIpAddresses: ['10.0.0.4'], customBgpIpAddresses: [], tunnelIpAddresses: [] },
      ],
    });
  });

  it('works without properties at all', () => {
    expect(parseGateway({ id: ID })).toMatchObject({ id: ID, bgpPeeringAddresses: [], bgpAsn: null });
  });

  it.each([null, 'gw', [], {}, { id: 5 }])('rejects %j as InvalidResponse', (body) => {
    expect(() => parseGateway(body)).toThrow(expect.objectContaining({ code: 'InvalidResponse' }));
  });

  it('rejects an ID that is not a gateway, saying why', () => {
    expect(() => parseGateway({ id: ID.replace('virtualNetworkGateways', 'virtualNetworks') })).toThrow(
      /bad "id".*Microsoft\.Network\/virtualNetworkGateways/,
    );
  });
});

describe('getGateway', () => {
  it('gets the gateway and validates it', async () => {
    const arm = fakeArm([
      json(200, { id: GATEWAY_ID, name: 'gw-1', location: 'westeurope', properties: { gatewayType: 'Vpn', enableBgp: true } }),
    ]);
    await expect(arm.client.getGateway(GATEWAY_ID)).resolves.toMatchObject({
      id: GATEWAY_ID,
      location: 'westeurope',
      gatewayType: 'Vpn',
      enableBgp: true,
    });
    expect(arm.calls[0]).toMatchObject({ method: 'GET', url: `${ENDPOINT}${GATEWAY_ID}?api-version=2023-09-01` });
  });
});

describe('discoverGateways', () => {
  const row = (name: string) => ({
    id: GATEWAY_ID.replace('gw-1', name),
    name,
    location: 'westeurope',
    resourceGroup: 'rg-net',
    subscriptionId: SUB,
    properties: { gatewayType: 'Vpn' },
  });

  it('queries Resource Graph for the subscriptions and follows $skipToken', async () => {
    const arm = fakeArm([
      json(200, { totalRecords: 3, count: 2, data: [row('gw-a'), row('gw-b')], $skipToken: 'page2' }),
      json(200, { totalRecords: 3, count: 1, data: [row('gw-c')] }),
    ]);
    const gateways = await arm.client.discoverGateways({ subscriptionIds: [SUB] });
    expect(gateways.map((g) => g.name)).toEqual(['gw-a', 'gw-b', 'gw-c']);
    expect(arm.calls[0]).toMatchObject({
      method: 'POST',
      url: `${ENDPOINT}/providers/Microsoft.ResourceGraph/resources?api-version=2024-04-01`,
      body: {
        subscriptions: [SUB],
        query:
          "Resources | where type =~ 'microsoft.network/virtualnetworkgateways' | project id, name, location, resourceGroup, subscriptionId, properties | order by id asc",
        options: { $top: 1000, resultFormat: 'objectArray' },
      },
    });
    expect(arm.calls[1]?.body).toMatchObject({ options: { $top: 1000, resultFormat: 'objectArray', $skipToken: 'page2' } });
  });

  it('asks ARM for the subscriptions when none are given', async () => {
    const arm = fakeArm([
      json(200, { value: [{ subscriptionId: SUB }] }),
      json(200, { data: [row('gw-a')] }),
    ]);
    await expect(arm.client.discoverGateways()).resolves.toHaveLength(1);
    expect(arm.calls[1]?.body).toMatchObject({ subscriptions: [SUB] });
  });

  it('skips rows without a usable gateway ID and keeps the others', async () => {
    const arm = fakeArm([json(200, { data: [row('gw-a'), { id: '/bad' }, null, row('gw-b')] })]);
    const gateways = await arm.client.discoverGateways({ subscriptionIds: [SUB] });
    expect(gateways.map((g) => g.name)).toEqual(['gw-a', 'gw-b']);
  });

  it('makes no query when there are no subscriptions', async () => {
    const arm = fakeArm([json(200, { value: [] })]);
    await expect(arm.client.discoverGateways()).resolves.toEqual([]);
    expect(arm.calls).toHaveLength(1);
  });

  it('rejects an answer without a data array', async () => {
    const arm = fakeArm([json(200, { rows: [] })]);
    await expect(arm.client.discoverGateways({ subscriptionIds: [SUB] })).rejects.toMatchObject({ code: 'InvalidResponse' });
  });
});
