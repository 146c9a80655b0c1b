import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestArm, type TestArm } from '../testing/arm-test-server';

const API = 'api-version=2023-09-01';
let arm: TestArm;

afterEach(async () => {
  await arm.close();
});

describe('gateways', () => {
  beforeEach(async () => {
    arm = await startTestArm();
  });

  it('gets a gateway with any path casing and answers ARM 404 codes', async () => {
    const gateway = arm.gatewayOf('vpnActiveActive');
    const response = await arm.call(`${gateway.id.toLowerCase()}?${API}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { id: string; properties: { activeActive: boolean; gatewayType: string; bgpSettings: { asn: number; bgpPeeringAddresses: unknown[] } } };
    expect(body.id).toBe(gateway.id);
    expect(body.properties).toMatchObject({ activeActive: true, gatewayType: 'Vpn', bgpSettings: { asn: gateway.asn } });
    expect(body.properties.bgpSettings.bgpPeeringAddresses).toHaveLength(2);

    const missing = async (path: string) => ((await (await arm.call(`${path}?${API}`)).json()) as { error: { code: string } }).error.code;
    const sub = gateway.subscriptionId;
    expect(await missing(gateway.id.replace(gateway.name, 'nope'))).toBe('ResourceNotFound');
    expect(await missing(`/subscriptions/${sub}/resourceGroups/rg-nope/providers/Microsoft.Network/virtualNetworkGateways/x`)).toBe('ResourceGroupNotFound');
    expect(await missing('/subscriptions/00000000-0000-0000-0000-00000000dead/resourceGroups/r/providers/Microsoft.Network/virtualNetworkGateways/x')).toBe('SubscriptionNotFound');
  });
});

describe('per-resource-group gateway list', () => {
  beforeEach(async () => {
    arm = await startTestArm({ fleet: 'noc' });
  });

  it('pages the per-resource-group gateway list with nextLink', async () => {
    const group = arm.simulation.fleet.resourceGroups.reduce((best, g) => {
      const count = (rg: typeof g) => arm.simulation.fleet.gateways.filter((x) => x.resourceGroup === rg.name && x.subscriptionId === rg.subscriptionId).length;
      return count(g) > count(best) ? g : best;
    });
    const expected = arm.simulation.fleet.gateways.filter((g) => g.resourceGroup === group.name && g.subscriptionId === group.subscriptionId).map((g) => g.id);
    expect(expected.length).toBeGreaterThan(5);
    let next: string | undefined = `/subscriptions/${group.subscriptionId}/resourceGroups/${group.name}/providers/Microsoft.Network/virtualNetworkGateways?${API}`;
    const seen: string[] = [];
    while (next) {
      const body = (await (await arm.call(next)).json()) as { value: { id: string }[]; nextLink?: string };
      seen.push(...body.value.map((g) => g.id));
      next = body.nextLink;
    }
    expect(seen).toEqual(expected);
  });
});
