import { describe, expect, it } from 'vitest';
import { makePeer } from '../testing/peer-fixtures';
import { DEFAULT_PEER_SORT, sortPeers, toggleSort } from './peer-sort';

const neighbors = (peers: { neighbor: string | null }[]) => peers.map((p) => p.neighbor);

describe('sortPeers', () => {
  it('puts dropped peers first by default, healthy ones last', () => {
    const peers = [
      makePeer({ neighbor: '10.1.0.1', state: 'Connected' }),
      makePeer({ neighbor: '10.1.0.2', state: 'Connecting' }),
      makePeer({ neighbor: '10.1.0.3', state: 'Idle' }),
      makePeer({ neighbor: '10.1.0.4', state: 'Unknown' }),
      makePeer({ neighbor: '10.1.0.5', state: 'Stopped' }),
    ];
    expect(neighbors(sortPeers(peers, DEFAULT_PEER_SORT))).toEqual([
      '10.1.0.5',
      '10.1.0.3',
      '10.1.0.4',
      '10.1.0.2',
      '10.1.0.1',
    ]);
  });

  it('orders neighbors as addresses, not as text', () => {
    const peers = ['10.1.0.10', '10.1.0.9', 'fd00::2', '192.168.0.1', '10.1.0.100'].map((n) =>
      makePeer({ neighbor: n }),
    );
    expect(neighbors(sortPeers(peers, { key: 'neighbor', direction: 'ascending' }))).toEqual([
      '10.1.0.9',
      '10.1.0.10',
      '10.1.0.100',
      '192.168.0.1',
      'fd00::2',
    ]);
  });

  it('keeps missing values last in both directions', () => {
    const peers = [
      makePeer({ neighbor: 'a', routesReceived: null }),
      makePeer({ neighbor: 'b', routesReceived: 5 }),
      makePeer({ neighbor: 'c', routesReceived: 50 }),
    ];
    expect(neighbors(sortPeers(peers, { key: 'routesReceived', direction: 'descending' }))).toEqual(['c', 'b', 'a']);
    expect(neighbors(sortPeers(peers, { key: 'routesReceived', direction: 'ascending' }))).toEqual(['b', 'c', 'a']);
  });

  it('keeps the two instances of an active-active neighbor together and in instance order', () => {
    const peers = [
      makePeer({ neighbor: '10.1.0.5', localAddress: '10.0.0.5' }),
      makePeer({ neighbor: '10.1.0.4', localAddress: '10.0.0.5' }),
      makePeer({ neighbor: '10.1.0.4', localAddress: '10.0.0.4' }),
    ];
    const sorted = sortPeers(peers, { key: 'neighbor', direction: 'ascending' });
    expect(sorted.map((p) => `${p.neighbor}@${p.localAddress}`)).toEqual([
      '10.1.0.4@10.0.0.4',
      '10.1.0.4@10.0.0.5',
      '10.1.0.5@10.0.0.5',
    ]);
  });

  it('does not change the list it was given', () => {
    const peers = [makePeer({ neighbor: '10.1.0.2' }), makePeer({ neighbor: '10.1.0.1' })];
    sortPeers(peers, { key: 'neighbor', direction: 'ascending' });
    expect(neighbors(peers)).toEqual(['10.1.0.2', '10.1.0.1']);
  });
});

describe('toggleSort', () => {
  it('flips the direction when the same column is clicked again', () => {
    expect(toggleSort({ key: 'asn', direction: 'ascending' }, 'asn')).toEqual({ key: 'asn', direction: 'descending' });
  });

  it('starts counters largest first and text columns from the top', () => {
    expect(toggleSort(DEFAULT_PEER_SORT, 'messagesSent').direction).toBe('descending');
    expect(toggleSort(DEFAULT_PEER_SORT, 'neighbor').direction).toBe('ascending');
  });
});
