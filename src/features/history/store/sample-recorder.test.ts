import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import { ArmError } from '../../../azure/arm-error';
import type { BgpPeer } from '../../../azure/bgp-peer-status';
import { bgpKeys } from '../../../queries/query-keys';
import { makePeer } from '../../../testing/peer-fixtures';
import { openHistoryStore, type HistoryStore } from './history-store';
import { startSampleRecorder } from './sample-recorder';

const GW = '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/gw';
let stop: (() => void) | undefined;
afterEach(() => stop?.());

async function setup(existing?: HistoryStore) {
  const store = existing ?? (await openHistoryStore({ retentionMs: 86_400_000, openBackend: () => Promise.reject(new Error('memory only in this test')) }));
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  stop = startSampleRecorder(queryClient, store);
  return { store, queryClient };
}

async function poll(queryClient: QueryClient, answer: () => Promise<BgpPeer[]>, key: readonly unknown[] = bgpKeys.peers(GW)) {
  await queryClient.fetchQuery({ queryKey: key, queryFn: answer, staleTime: 0 }).catch(() => undefined);
  // Let the recorder's baseline read settle.
  await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('sample recorder', () => {
  it('records one sample per peer row for each successful poll of a gateway, and the poll', async () => {
    const { store, queryClient } = await setup();
    const peers = [makePeer(), makePeer({ localAddress: '10.0.0.5' })];
    await poll(queryClient, () => Promise.resolve(peers));
    await poll(queryClient, () => Promise.resolve(peers));
    const read = await store.read(GW, 0, Infinity);
    expect(read.samples).toHaveLength(4);
    expect(new Set(read.samples.map((s) => s.peerKey))).toEqual(new Set(['10.0.0.4|10.1.0.4', '10.0.0.5|10.1.0.4']));
    expect(read.polls.map((p) => p.ok)).toEqual([true, true]);
  });

  it('ignores other queries, including a single-peer query of the same gateway', async () => {
    const { store, queryClient } = await setup();
    await poll(queryClient, () => Promise.resolve([makePeer()]), [...bgpKeys.gateway(GW), 'peer', '10.1.0.4']);
    await poll(queryClient, () => Promise.resolve([makePeer()]), ['something', GW]);
    expect((await store.read(GW, 0, Infinity)).samples).toEqual([]);
  });

  it('records a failed poll as a gap with "gateway stopped answering" once, then "answering again"', async () => {
    const { store, queryClient } = await setup();
    await poll(queryClient, () => Promise.resolve([makePeer()]));
    const throttled = () => Promise.reject(new ArmError({ status: 429, code: 'TooManyRequests', message: 'slow down' }));
    await poll(queryClient, throttled);
    await poll(queryClient, throttled);
    await poll(queryClient, () => Promise.resolve([makePeer()]));
    const read = await store.read(GW, 0, Infinity);
    expect(read.polls.map((p) => [p.ok, p.errorCode])).toEqual([[true, undefined], [false, 'TooManyRequests'], [false, 'TooManyRequests'], [true, undefined]]);
    expect(read.events.map((e) => e.kind).sort()).toEqual(['gateway-answering-again', 'gateway-stopped-answering']);
  });

  it('records state changes against the previous poll, also after a reload', async () => {
    const { store, queryClient } = await setup();
    await poll(queryClient, () => Promise.resolve([makePeer()]));
    stop?.();
    // A new recorder (the page reloaded) compares with what is stored.
    const again = await setup(store);
    await poll(again.queryClient, () => Promise.resolve([makePeer({ state: 'Idle', connectedSeconds: null, connectedDuration: null })]));
    const events = (await store.read(GW, 0, Infinity)).events;
    expect(events.map((e) => [e.kind, e.from, e.to])).toEqual([['state-change', 'Connected', 'Idle']]);
  });
});
