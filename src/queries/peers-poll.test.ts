import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { ArmError } from '../azure/arm-error';
import type { BgpPeer } from '../azure/bgp-peer-status';
import { makePeer } from '../testing/peer-fixtures';
import { onPeersPoll, type PeersPoll } from './peers-poll';
import { bgpKeys } from './query-keys';

const GW = '/subscriptions/11111111-2222-4333-8444-555555555555/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/vpngw-1';

function listen() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const polls: PeersPoll[] = [];
  const stop = onPeersPoll(queryClient, (poll) => polls.push(poll));
  return { queryClient, polls, stop };
}

describe('onPeersPoll', () => {
  it('reports each completed poll of a gateway once, with its peers and when it arrived', async () => {
    const { queryClient, polls } = listen();
    const peers = [makePeer()];
    await queryClient.fetchQuery({ queryKey: bgpKeys.peers(GW), queryFn: () => peers });
    expect(polls).toEqual([{ ok: true, gatewayId: GW, peers, time: queryClient.getQueryState(bgpKeys.peers(GW))?.dataUpdatedAt }]);
  });

  it('reports a failed poll with its error', async () => {
    const { queryClient, polls } = listen();
    const throttled = new ArmError({ code: 'TooManyRequests', message: 'slow down', status: 429 });
    await queryClient.fetchQuery({ queryKey: bgpKeys.peers(GW), queryFn: () => Promise.reject(throttled) }).catch(() => {});
    expect(polls).toMatchObject([{ ok: false, gatewayId: GW, error: throttled }]);
  });

  it('leaves out hand-written data, cancelled polls, other queries, and stops when asked', async () => {
    const { queryClient, polls, stop } = listen();
    queryClient.setQueryData<BgpPeer[]>(bgpKeys.peers(GW), [makePeer()]);
    await queryClient.fetchQuery({ queryKey: bgpKeys.metrics(GW), queryFn: () => [] });
    const slow = queryClient.fetchQuery({ queryKey: bgpKeys.peers('other'), queryFn: () => new Promise<BgpPeer[]>(() => {}) });
    await queryClient.cancelQueries({ queryKey: bgpKeys.peers('other') });
    await slow.catch(() => {});
    expect(polls).toEqual([]);
    stop();
    await queryClient.fetchQuery({ queryKey: bgpKeys.peers(GW), queryFn: () => [makePeer()], staleTime: 0 });
    expect(polls).toEqual([]);
  });
});
