import { describe, expect, it } from 'vitest';
import { summarizeFleet } from './fleet-counts';
import { makePeer } from '../testing/peer-fixtures';
import { countPeersByState, filterPeersByState } from './peer-state';

describe('summarizeFleet', () => {
  it('adds up peers by state and tells answering, failing and waiting gateways apart', () => {
    const counts = summarizeFleet([
      { data: [makePeer(), makePeer({ state: 'Idle' })], error: null },
      // Failing, but its last good peers still count: they are on screen, marked stale.
      { data: [makePeer({ state: 'Stopped' })], error: new Error('throttled') },
      { data: undefined, error: new Error('forbidden') },
      { data: undefined, error: null },
    ]);
    expect(counts).toEqual({
      peersByState: { Connected: 1, Connecting: 0, Idle: 1, Stopped: 1, Unknown: 0 },
      totalPeers: 3,
      gatewaysAnswering: 1,
      gatewaysFailing: 2,
      gatewaysWaiting: 1,
    });
  });
});

describe('peer state counts and filter', () => {
  const peers = [makePeer(), makePeer({ state: 'Connecting' }), makePeer({ state: 'Connecting' })];

  it('counts each state', () => {
    expect(countPeersByState(peers)).toMatchObject({ Connected: 1, Connecting: 2, Idle: 0 });
  });

  it('keeps only the chosen state, or everything for "all"', () => {
    expect(filterPeersByState(peers, 'Connecting')).toHaveLength(2);
    expect(filterPeersByState(peers, 'all')).toBe(peers);
  });
});
