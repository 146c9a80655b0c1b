import { describe, expect, it } from 'vitest';
import { makeGatewaySummary, makePeer } from '../../testing/peer-fixtures';
import type { WatchedGateway } from '../../queries/get-gateways';
import { peerId } from '../../bgp/peer-identity';
import type { PeerAlert } from '../../bgp/peer-signals';
import { alertedPeerKeys, countPeers, describeSelection, frozenReasons, tilePeers, tileSizes, wallPeerOrder, wallTiles } from './wall-model';
import { parseWallParams, type WallParams } from './wall-params';

const NOW = 1_700_000_000_000;
const SUB = '11111111-2222-4333-8444-555555555555';
const live = { nowMs: NOW, intervalMs: 60_000, online: true, needsInteraction: false };

function gateway(name: string): WatchedGateway {
  const id = `/subscriptions/${SUB}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
  return { id, name, summary: makeGatewaySummary(id), error: null };
}

function params(search: string): WallParams {
  const result = parseWallParams(search);
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.params;
}

function alertOn(gw: WatchedGateway, neighbor: string): PeerAlert {
  const peer = { neighbor, localAddress: '10.0.0.4' };
  const key = peerId(gw.id, peer);
  return { ...peer, key: `down|${key}`, peerKey: key, kind: 'down', instance: null, acknowledged: false, gatewayId: gw.id.toUpperCase(), gatewayName: gw.name, state: 'Idle', sinceMs: NOW };
}

const [A, B, C] = [gateway('a-healthy'), gateway('b-down'), gateway('c-waiting')];
const polls = [
  { data: [makePeer({ neighbor: '10.1.0.1' }), makePeer({ neighbor: '10.1.0.2' })], error: null, dataUpdatedAt: NOW - 5_000 },
  { data: [makePeer({ neighbor: '10.2.0.1', state: 'Idle' })], error: null, dataUpdatedAt: NOW - 90_000 },
  { data: undefined, error: null, dataUpdatedAt: 0 },
];

describe('wallTiles', () => {
  it('pairs each gateway with its poll and puts problems first', () => {
    const tiles = wallTiles([A, B, C], polls, [], live);
    expect(tiles.map((tile) => [tile.gateway.name, tile.status.health])).toEqual([
      ['b-down', 'down'],
      ['c-waiting', 'waiting'],
      ['a-healthy', 'healthy'],
    ]);
    expect(tiles[0]).toMatchObject({ peers: polls[1]!.data, dataUpdatedAt: NOW - 90_000, alerting: false });
  });

  it('a gateway with a fresh alert comes first whatever the case of its ID in the alert', () => {
    const tiles = wallTiles([A, B, C], polls, [alertOn(A, '10.1.0.2')], live);
    expect(tiles.map((tile) => [tile.gateway.name, tile.alerting])).toEqual([
      ['a-healthy', true],
      ['b-down', false],
      ['c-waiting', false],
    ]);
  });

  it('a gateway whose poll is not known yet is waiting', () => {
    expect(wallTiles([A], [], [], live)[0]!.status.health).toBe('waiting');
  });
});

describe('tileSizes and countPeers', () => {
  it('count Connected peers as chips and the rest as badges, and peers by state over all tiles', () => {
    const tiles = wallTiles([A, B, C], polls, [], live);
    expect(tileSizes(tiles)).toEqual([
      { id: B.id, downCount: 1, upCount: 0 },
      { id: C.id, downCount: 0, upCount: 0 },
      { id: A.id, downCount: 0, upCount: 2 },
    ]);
    expect(countPeers(tiles).byState).toMatchObject({ Connected: 2, Idle: 1, Connecting: 0 });
  });

  it('a gateway whose only down peers are not trying or expected down is healthy, and they are counted apart', () => {
    const stopped = { data: [makePeer({ neighbor: '10.1.0.1' }), makePeer({ neighbor: '10.1.0.9', state: 'Stopped' })], error: null, dataUpdatedAt: NOW - 5_000 };
    const idle = { data: [makePeer({ neighbor: '10.2.0.1', state: 'Idle' })], error: null, dataUpdatedAt: NOW - 5_000 };
    const context = {
      notTrying: new Set([peerId(A.id, { neighbor: '10.1.0.9', localAddress: '10.0.0.4' })]),
      windows: [{ gatewayId: B.id, neighbor: null, localAddress: null, untilMs: NOW + 60_000, note: 'upgrade' }],
      nowMs: NOW,
    };
    const tiles = wallTiles([A, B], [stopped, idle], [], live, context);
    expect(tiles.map((tile) => tile.status.health)).toEqual(['healthy', 'healthy']);
    expect(countPeers(tiles, context)).toMatchObject({ notTrying: 1, expectedDown: 1, byState: { Stopped: 0, Idle: 0, Connected: 1 } });
    expect(wallTiles([A, B], [stopped, idle], [], live).map((tile) => tile.status.health)).toEqual(['down', 'degraded']);
  });
});

describe('wallPeerOrder and tilePeers', () => {
  const peers = [
    makePeer({ neighbor: '10.0.0.1' }),
    makePeer({ neighbor: '10.0.0.2', state: 'Connecting' }),
    makePeer({ neighbor: '10.0.0.3', state: 'Stopped' }),
    makePeer({ neighbor: '10.0.0.4' }),
  ];

  it('puts alerted peers first, then the worst state first', () => {
    const keys = alertedPeerKeys([alertOn(A, '10.0.0.2')]);
    expect(wallPeerOrder(A.id, peers, keys).map((peer) => peer.neighbor)).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.1', '10.0.0.4']);
    expect(wallPeerOrder(A.id, peers, new Set())[0]!.neighbor).toBe('10.0.0.3');
  });

  it('shows what the layout left room for and counts the rest', () => {
    const placed = { id: A.id, heightRem: 10, visibleDown: 1, visibleUp: 1 };
    const shown = tilePeers(A.id, peers, placed, alertedPeerKeys([alertOn(A, '10.0.0.2')]));
    expect(shown.shownDown.map((peer) => peer.neighbor)).toEqual(['10.0.0.2']);
    expect(shown.shownUp.map((peer) => peer.neighbor)).toEqual(['10.0.0.1']);
    expect(shown.hidden).toBe(2);
    expect(shown.alerting).toBe(true);
    expect(tilePeers(A.id, peers, placed, new Set()).alerting).toBe(false);
    expect(tilePeers(A.id, undefined, placed, new Set())).toEqual({ ordered: [], shownDown: [], shownUp: [], hidden: 0, alerting: false });
  });
});

describe('frozenReasons and describeSelection', () => {
  it('names every reason the screen is frozen, and none while it is live', () => {
    expect(frozenReasons(true, false)).toEqual([]);
    expect(frozenReasons(false, true)).toEqual(['the network is offline', 'the sign-in has expired']);
  });

  it('says in words which gateways the URL selects', () => {
    expect(describeSelection(params(''))).toBe('all watched gateways');
    expect(describeSelection(params(`?gateways=${A.id},${B.id}&subscription=${SUB}&type=vpn&name=hub`))).toBe(
      `2 gateway IDs, subscription ${SUB}, type vpn, name containing "hub"`,
    );
  });
});
