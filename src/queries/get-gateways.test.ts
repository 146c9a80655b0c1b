import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import type { ArmClient } from '../azure/arm-client';
import { ArmError } from '../azure/arm-error';
import type { GatewaySummary } from '../azure/gateways';
import { makeGatewaySummary } from '../testing/peer-fixtures';
import { GATEWAY_READ_WAIT_MS, gatewaysQueryOptions, withBgp } from './get-gateways';

const GW1 = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw1';
const GW2 = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw2';

function fakeClient(overrides: Partial<ArmClient>): ArmClient {
  return overrides as ArmClient;
}

const summary = (id: string, name: string): GatewaySummary => makeGatewaySummary(id, { name });

describe('gatewaysQueryOptions', () => {
  it('reads each configured gateway and keeps one that fails in its place with its error', async () => {
    const denied = new ArmError({ code: 'AuthorizationFailed', message: 'no access', status: 403 });
    const getGateway = vi.fn(async (id: string) => {
      if (id === GW1) throw denied;
      return summary(GW2, 'gw2');
    });
    const discoverGateways = vi.fn();
    const queryClient = new QueryClient();
    const list = await queryClient.fetchQuery(
      gatewaysQueryOptions(fakeClient({ getGateway, discoverGateways }), [GW1, GW2], 15_000),
    );
    expect(list).toEqual([
      { id: GW1, name: 'gw1', summary: null, error: denied },
      { id: GW2, name: 'gw2', summary: summary(GW2, 'gw2'), error: null },
    ]);
    expect(discoverGateways).not.toHaveBeenCalled();
  });

  it('discovers gateways through Resource Graph when none are configured, sorted by name', async () => {
    const discoverGateways = vi.fn(async () => [summary(GW2, 'zeta'), summary(GW1, 'alpha')]);
    const queryClient = new QueryClient();
    const list = await queryClient.fetchQuery(gatewaysQueryOptions(fakeClient({ discoverGateways }), [], 15_000));
    expect(list.map((g) => g.name)).toEqual(['alpha', 'zeta']);
  });
});

describe('withBgp', () => {
  it('leaves out VPN gateways with BGP off and keeps ExpressRoute and not-yet-read ones', () => {
    const vpnOff = { id: GW1, name: 'gw1', summary: makeGatewaySummary(GW1, { gatewayType: 'Vpn', enableBgp: false }), error: null };
    const erOff = { id: GW2, name: 'gw2', summary: makeGatewaySummary(GW2, { gatewayType: 'ExpressRoute', enableBgp: false }), error: null };
    const unread = { id: GW2, name: 'gw2', summary: null, error: new Error('403') };
    expect(withBgp([vpnOff, erOff, unread])).toEqual([erOff, unread]);
  });
});

describe('a gateway whose GET does not answer', () => {
  it('keeps no panel waiting past the read wait: it is listed unread and read again at the polling pace', async () => {
    vi.useFakeTimers();
    try {
      const getGateway = vi.fn((id: string) => (id === GW1 ? new Promise<GatewaySummary>(() => {}) : Promise.resolve(summary(GW2, 'gw2'))));
      const queryClient = new QueryClient();
      const options = gatewaysQueryOptions(fakeClient({ getGateway }), [GW1, GW2], 15_000);
      const fetching = queryClient.fetchQuery(options);
      await vi.advanceTimersByTimeAsync(GATEWAY_READ_WAIT_MS);
      const list = await fetching;
      expect(list).toEqual([
        { id: GW1, name: 'gw1', summary: null, error: null },
        { id: GW2, name: 'gw2', summary: summary(GW2, 'gw2'), error: null },
      ]);
      const query = queryClient.getQueryCache().find({ queryKey: options.queryKey });
      const interval = options.refetchInterval;
      expect(typeof interval === 'function' && query ? interval(query as never) : interval).toBe(15_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('every gateway in the subs= subscriptions', () => {
  it('asks discovery for those subscriptions only, under its own cache key', async () => {
    const discoverGateways = vi.fn(async () => [summary(GW1, 'alpha')]);
    const queryClient = new QueryClient();
    const sub = '11111111-2222-4333-8444-555555555555';
    const options = gatewaysQueryOptions(fakeClient({ discoverGateways }), [], 15_000, [sub]);
    await queryClient.fetchQuery(options);
    expect(discoverGateways).toHaveBeenCalledWith(expect.objectContaining({ subscriptionIds: [sub] }));
    expect(options.queryKey).not.toEqual(gatewaysQueryOptions(fakeClient({}), [], 15_000).queryKey);
  });
});
