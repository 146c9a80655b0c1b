import { describe, expect, it } from 'vitest';
import { makePeer } from '../testing/peer-fixtures';
import {
  buildFleetRows,
  countDown,
  DEFAULT_FLEET_SORT,
  filterFleetRows,
  fleetTitle,
  formatFleetSort,
  parseFleetSort,
  sortFleetRows,
  toggleFleetSort,
  type FleetGatewayPeers,
} from './fleet-peers';
import type { ConditionContext } from './peer-condition';
import { peerId } from './peer-identity';
import type { PeerAlert } from './peer-signals';

const id = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Network/virtualNetworkGateways/${name}`;
const NO_CONDITIONS: ConditionContext = { notTrying: new Set(), windows: [], nowMs: 0 };

const gateways: FleetGatewayPeers[] = [
  {
    id: id('alpha'),
    name: 'alpha',
    activeActive: false,
    peers: [
      makePeer({ neighbor: '10.1.0.4', asn: 65010 }),
      makePeer({ neighbor: '10.1.0.5', asn: 12076, state: 'Idle', connectedSeconds: null, messagesReceived: 9 }),
    ],
  },
  { id: id('waiting'), name: 'waiting', activeActive: false, peers: undefined },
  {
    id: id('zulu'),
    name: 'zulu',
    activeActive: true,
    peers: [
      makePeer({ neighbor: '192.168.7.1', localAddress: '10.9.0.4', asn: 65001, messagesReceived: 100 }),
      makePeer({ neighbor: '192.168.7.1', localAddress: '10.9.0.5', asn: 65001, state: 'Connecting', messagesReceived: null }),
      makePeer({ neighbor: '172.16.0.9', localAddress: '10.9.0.4', asn: 65002, state: 'Stopped' }),
    ],
  },
];

function rows(conditions = NO_CONDITIONS, alerts: PeerAlert[] = []) {
  return buildFleetRows(gateways, conditions, alerts);
}
const neighbors = (list: { peer: { neighbor: string | null; localAddress: string | null }; gatewayName: string }[]) =>
  list.map((row) => `${row.gatewayName} ${row.peer.neighbor} ${row.peer.localAddress}`);

function downAlert(gatewayId: string, neighbor: string, localAddress: string, sinceMs: number): PeerAlert {
  const peerKey = peerId(gatewayId, { neighbor, localAddress });
  return { key: `${peerKey}|down`, peerKey, kind: 'down', gatewayId, gatewayName: '', neighbor, localAddress, instance: null, state: 'Idle', sinceMs, acknowledged: false };
}

describe('fleet rows', () => {
  it('lists every peer of every gateway that answered, with instances of active-active gateways, each with a unique key', () => {
    const all = rows();
    expect(all).toHaveLength(5);
    expect(new Set(all.map((row) => row.key)).size).toBe(5);
    expect(all.filter((row) => row.gatewayName === 'zulu').map((row) => row.instance)).toEqual(['Instance 0', 'Instance 1', 'Instance 0']);
    expect(all.find((row) => row.gatewayName === 'alpha')?.instance).toBeNull();
  });

  it('puts the worst first across gateways by default: Stopped, Idle, Connecting, then Connected by gateway name', () => {
    expect(neighbors(sortFleetRows(rows(), DEFAULT_FLEET_SORT))).toEqual([
      'zulu 172.16.0.9 10.9.0.4',
      'alpha 10.1.0.5 10.0.0.4',
      'zulu 192.168.7.1 10.9.0.5',
      'alpha 10.1.0.4 10.0.0.4',
      'zulu 192.168.7.1 10.9.0.4',
    ]);
  });

  it('ranks peers expected down or not trying with the healthy ones, and among drops of one state the newest first', () => {
    const notTrying: ConditionContext = { ...NO_CONDITIONS, notTrying: new Set([peerId(id('zulu'), { neighbor: '172.16.0.9', localAddress: '10.9.0.4' })]) };
    const sorted = sortFleetRows(rows(notTrying), DEFAULT_FLEET_SORT);
    expect(neighbors(sorted)[0]).toBe('alpha 10.1.0.5 10.0.0.4');
    expect(neighbors(sorted)[2]).toBe('zulu 172.16.0.9 10.9.0.4');

    const twoIdle: FleetGatewayPeers[] = [
      { id: id('a'), name: 'a', activeActive: false, peers: [makePeer({ neighbor: '10.0.0.1', state: 'Idle' })] },
      { id: id('b'), name: 'b', activeActive: false, peers: [makePeer({ neighbor: '10.0.0.2', state: 'Idle' })] },
    ];
    const alerts = [downAlert(id('a'), '10.0.0.1', '10.0.0.4', 1_000), downAlert(id('b'), '10.0.0.2', '10.0.0.4', 5_000)];
    expect(sortFleetRows(buildFleetRows(twoIdle, NO_CONDITIONS, alerts), DEFAULT_FLEET_SORT).map((r) => r.gatewayName)).toEqual(['b', 'a']);
  });

  it('sorts by any column across the fleet, missing values last in both directions', () => {
    const byReceived = sortFleetRows(rows(), { key: 'messagesReceived', direction: 'descending' });
    expect(byReceived.map((row) => row.peer.messagesReceived)).toEqual([1480, 1480, 100, 9, null]);
    const ascending = sortFleetRows(rows(), { key: 'messagesReceived', direction: 'ascending' });
    expect(ascending.map((row) => row.peer.messagesReceived)).toEqual([9, 100, 1480, 1480, null]);
    expect(sortFleetRows(rows(), { key: 'gateway', direction: 'descending' })[0]?.gatewayName).toBe('zulu');
    expect(sortFleetRows(rows(), { key: 'asn', direction: 'ascending' }).map((row) => row.peer.asn)).toEqual([12076, 65001, 65001, 65002, 65010]);
  });

  it('problems only: down peers nobody expects down, and peers with alerts, even Connected ones', () => {
    const problems = filterFleetRows(rows(), { problemsOnly: true, state: null, query: '' });
    expect(problems.map((row) => row.peer.state).sort()).toEqual(['Connecting', 'Idle', 'Stopped']);
    const flapping: PeerAlert = { ...downAlert(id('alpha'), '10.1.0.4', '10.0.0.4', 1), kind: 'flapping', state: 'Connected' };
    expect(filterFleetRows(rows(NO_CONDITIONS, [flapping]), { problemsOnly: true, state: null, query: '' })).toHaveLength(4);
    const notTrying: ConditionContext = { ...NO_CONDITIONS, notTrying: new Set([peerId(id('zulu'), { neighbor: '172.16.0.9', localAddress: '10.9.0.4' })]) };
    expect(filterFleetRows(rows(notTrying), { problemsOnly: true, state: null, query: '' })).toHaveLength(2);
  });

  it('a state filter shows that state whatever "problems only" says, conditions apart as the badges count them', () => {
    expect(filterFleetRows(rows(), { problemsOnly: true, state: 'Connected', query: '' })).toHaveLength(2);
    const notTrying: ConditionContext = { ...NO_CONDITIONS, notTrying: new Set([peerId(id('zulu'), { neighbor: '172.16.0.9', localAddress: '10.9.0.4' })]) };
    expect(filterFleetRows(rows(notTrying), { problemsOnly: false, state: 'Stopped', query: '' })).toHaveLength(0);
    expect(filterFleetRows(rows(notTrying), { problemsOnly: false, state: 'not-trying', query: '' })).toHaveLength(1);
  });

  it('searches neighbor addresses (prefix or contains), ASNs and gateway names; every word must match', () => {
    const search = (query: string) => neighbors(filterFleetRows(rows(), { problemsOnly: false, state: null, query }));
    expect(search('192.168.')).toHaveLength(2);
    expect(search('7.1')).toHaveLength(2);
    expect(search('12076')).toEqual(['alpha 10.1.0.5 10.0.0.4']);
    expect(search('AS65002')).toEqual(['zulu 172.16.0.9 10.9.0.4']);
    expect(search('6500')).toHaveLength(3);
    expect(search('ALPHA')).toHaveLength(2);
    expect(search('zulu 172.')).toEqual(['zulu 172.16.0.9 10.9.0.4']);
    expect(search('nothing-like-this')).toEqual([]);
    expect(search('  ')).toHaveLength(5);
  });

  it('counts down peers for the title, leaving out the expected ones', () => {
    expect(countDown(rows())).toBe(3);
    expect(fleetTitle(3)).toBe('3 down · BGP peers');
    expect(fleetTitle(0)).toBe('BGP peers');
  });
});

describe('the sort in the URL', () => {
  it('reads and writes "column.direction", anything unknown being the default', () => {
    expect(parseFleetSort('asn.desc')).toEqual({ key: 'asn', direction: 'descending' });
    expect(parseFleetSort('messagesreceived.asc')).toEqual({ key: 'messagesReceived', direction: 'ascending' });
    expect(parseFleetSort('bogus.desc')).toEqual(DEFAULT_FLEET_SORT);
    expect(parseFleetSort(null)).toEqual(DEFAULT_FLEET_SORT);
    expect(formatFleetSort({ key: 'gateway', direction: 'descending' })).toBe('gateway.desc');
  });

  it('a new column starts largest first for counters, from the top for text; a second click reverses', () => {
    expect(toggleFleetSort(DEFAULT_FLEET_SORT, 'routesReceived')).toEqual({ key: 'routesReceived', direction: 'descending' });
    expect(toggleFleetSort(DEFAULT_FLEET_SORT, 'gateway')).toEqual({ key: 'gateway', direction: 'ascending' });
    expect(toggleFleetSort(DEFAULT_FLEET_SORT, 'state')).toEqual({ key: 'state', direction: 'descending' });
  });
});
