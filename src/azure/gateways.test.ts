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

describe('findGateways where Resource Graph is refused', () => {
  const armGateway = (rg: string, name: string) => ({
    id: `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Network/virtualNetworkGateways/${name}`,
    name,
    location: 'westeurope',
    properties: { gatewayType: 'Vpn', enableBgp: true },
  });
  const refused = (status: number, code: string) => json(status, { error: { code, message: `${code} (test)` } });

  it.each([
    [403, 'AuthorizationFailed'],
    [409, 'MissingSubscriptionRegistration'],
    [400, 'NoRegisteredProviderFound'],
  ])('after %i %s, lists each resource group, page by page', async (status, code) => {
    // ARM by path: the lists are read concurrently, so answers cannot be queued in order.
    const gatewayList = (rg: string, page: string | null) => {
      if (rg === 'rg-a' && page === null) {
        return { value: [armGateway('rg-a', 'gw-1')], nextLink: `${ENDPOINT}/subscriptions/${SUB}/resourceGroups/rg-a/providers/Microsoft.Network/virtualNetworkGateways?api-version=2023-09-01&$skipToken=1` };
      }
      if (rg === 'rg-a') return { value: [armGateway('rg-a', 'gw-2')] };
      if (rg === 'rg-c') return { value: [armGateway('rg-c', 'gw-3')] };
      return { value: [] };
    };
    const router = (call: { url: string }) => {
      const url = new URL(call.url);
      if (url.pathname.endsWith('/resourcegroups')) {
        return url.searchParams.get('$skipToken')
          ? json(200, { value: [{ name: 'rg-c' }] })
          : json(200, { value: [{ name: 'rg-a' }, { name: 'rg-b' }], nextLink: `${ENDPOINT}/subscriptions/${SUB}/resourcegroups?api-version=2021-04-01&$skipToken=2` });
      }
      const rg = /\/resourceGroups\/([^/]+)\//.exec(url.pathname)?.[1] ?? '';
      return json(200, gatewayList(rg, url.searchParams.get('$skipToken')));
    };
    const arm = fakeArm([refused(status, code), ...Array.from({ length: 6 }, () => router)]);
    const found = await arm.client.findGateways({ subscriptionIds: [SUB] });
    expect(found.source).toBe('resourceGroups');
    expect(found.resourceGraphRefusal).toBe(`${code}: ${code} (test)`);
    expect(found.gateways.map((g) => g.name).sort()).toEqual(['gw-1', 'gw-2', 'gw-3']);
    expect(arm.calls[1]?.url).toBe(`${ENDPOINT}/subscriptions/${SUB}/resourcegroups?api-version=2021-04-01`);
    expect(arm.calls.filter((c) => c.url.includes('/virtualNetworkGateways?'))).toHaveLength(4);
  });

  it('does not fall back on other errors: a bad query is a bug to show, not a refusal', async () => {
    const arm = fakeArm([refused(400, 'BadRequest')]);
    await expect(arm.client.findGateways({ subscriptionIds: [SUB] })).rejects.toMatchObject({ code: 'BadRequest' });
    expect(arm.calls).toHaveLength(1);
  });

  it('throws the first error when no resource group can be read at all', async () => {
    const arm = fakeArm([refused(403, 'AuthorizationFailed'), refused(403, 'AuthorizationFailed')]);
    await expect(arm.client.findGateways({ subscriptionIds: [SUB] })).rejects.toMatchObject({ code: 'AuthorizationFailed' });
  });
});
