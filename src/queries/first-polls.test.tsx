// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ArmClient } from '../azure/arm-client';
import { makeGatewaySummary } from '../testing/peer-fixtures';
import { ArmClientProvider } from './arm-client-context';
import { usePeersPrefetch } from './get-bgp-peer-status';
import { useWatchedGateways } from './get-gateways';

const SUB = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways';
const ON = `${SUB}/gw-bgp`;
const OFF = `${SUB}/gw-no-bgp`;

beforeEach(() => {
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});
afterEach(cleanup);

describe("the dashboard's first polls", () => {
  it('start as the gateway list enters the cache, before any component has drawn it, and only for gateways with BGP on', async () => {
    const getBgpPeerStatus = vi.fn(() => new Promise<never>(() => {}));
    const client = {
      discoverGateways: vi.fn(async () => [
        makeGatewaySummary(ON, { name: 'gw-bgp' }),
        makeGatewaySummary(OFF, { name: 'gw-no-bgp', gatewayType: 'Vpn', enableBgp: false }),
      ]),
      getBgpPeerStatus,
    } as unknown as ArmClient;
    const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <QueryClientProvider client={queryClient}>
        <ArmClientProvider client={client}>{children}</ArmClientProvider>
      </QueryClientProvider>
    );
    // Operations already started each time a render first sees the list.
    const startedWhenDrawn: number[] = [];
    const { result } = renderHook(
      () => {
        const prefetch = usePeersPrefetch(15_000);
        const gateways = useWatchedGateways([], 15_000, { watchList: true, onArrival: prefetch });
        if (gateways.data !== undefined && startedWhenDrawn.length === 0) startedWhenDrawn.push(getBgpPeerStatus.mock.calls.length);
        return gateways;
      },
      { wrapper },
    );
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(startedWhenDrawn).toEqual([1]);
    expect(getBgpPeerStatus).toHaveBeenCalledTimes(1);
    expect(getBgpPeerStatus).toHaveBeenCalledWith(ON, expect.objectContaining({ urgent: true }));
    queryClient.clear();
  });
});
