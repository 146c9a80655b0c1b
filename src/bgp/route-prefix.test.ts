import { describe, expect, it } from 'vitest';
import type { GatewayRoute } from '../azure/gateway-routes';
import { filterRoutesByNetwork, longestMatch, parseIpAddress, parsePrefix, prefixCovers, routesFromPeer } from './route-prefix';

function route(network: string, localAddress = '10.0.0.4'): GatewayRoute {
  return { network, localAddress, nextHop: '', sourcePeer: '', origin: 'EBgp', asPath: '', weight: 0 };
}

describe('parseIpAddress', () => {
  it('reads IPv4, IPv6 with ::, and IPv6 with an IPv4 tail', () => {
    expect(parseIpAddress('10.1.2.3')).toEqual([10, 1, 2, 3]);
    expect(parseIpAddress('fd00::1')).toEqual([0xfd, 0, ...Array(13).fill(0), 1]);
    expect(parseIpAddress('::ffff:10.0.0.1')).toEqual([...Array(10).fill(0), 0xff, 0xff, 10, 0, 0, 1]);
  });
  it('refuses what is not an address', () => {
    for (const text of ['10.1.2', '10.1.2.256', 'fd00::1::2', '1:2:3:4:5:6:7:8:9', 'hello', '', '10.0.0.0/8']) {
      expect(parseIpAddress(text)).toBeNull();
    }
  });
});

describe('parsePrefix and prefixCovers', () => {
  it('covers addresses inside the prefix only, bit by bit', () => {
    const p = parsePrefix('172.16.4.0/22');
    expect(p).toEqual({ bytes: [172, 16, 4, 0], length: 22 });
    expect(prefixCovers(p!, parseIpAddress('172.16.7.255')!)).toBe(true);
    expect(prefixCovers(p!, parseIpAddress('172.16.8.0')!)).toBe(false);
    expect(prefixCovers(parsePrefix('0.0.0.0/0')!, parseIpAddress('8.8.8.8')!)).toBe(true);
  });
  it('never matches across families and refuses bad lengths', () => {
    expect(prefixCovers(parsePrefix('::/0')!, parseIpAddress('10.0.0.1')!)).toBe(false);
    expect(parsePrefix('10.0.0.0/33')).toBeNull();
    expect(parsePrefix('fd00::/129')).toBeNull();
    expect(parsePrefix('10.0.0.0/8/9')).toBeNull();
  });
});

describe('longestMatch', () => {
  const routes = [route('10.0.0.0/8'), route('10.1.0.0/16'), route('10.1.2.0/24', '10.0.0.4'), route('10.1.2.0/24', '10.0.0.5'), route('fd00::/8'), route('fd12:3::/64')];

  it('returns every route with the longest covering prefix (one per instance)', () => {
    expect(longestMatch(routes, '10.1.2.77')?.map((r) => [r.network, r.localAddress])).toEqual([
      ['10.1.2.0/24', '10.0.0.4'],
      ['10.1.2.0/24', '10.0.0.5'],
    ]);
    expect(longestMatch(routes, '10.1.9.1')?.map((r) => r.network)).toEqual(['10.1.0.0/16']);
    expect(longestMatch(routes, '10.200.0.1')?.map((r) => r.network)).toEqual(['10.0.0.0/8']);
  });
  it('works for IPv6', () => {
    expect(longestMatch(routes, 'fd12:3::abcd')?.map((r) => r.network)).toEqual(['fd12:3::/64']);
    expect(longestMatch(routes, 'fd12:4::1')?.map((r) => r.network)).toEqual(['fd00::/8']);
  });
  it('is empty when nothing covers the address, null when the text is not an address', () => {
    expect(longestMatch(routes, '192.168.0.1')).toEqual([]);
    expect(longestMatch(routes, '10.1')).toBeNull();
  });
});

describe('filterRoutesByNetwork', () => {
  it('keeps networks containing the text', () => {
    expect(filterRoutesByNetwork([route('172.16.4.0/24'), route('172.17.4.0/24')], '16.4').map((r) => r.network)).toEqual(['172.16.4.0/24']);
    expect(filterRoutesByNetwork([route('FD00::/8')], 'fd00')).toHaveLength(1);
  });
});

describe('routesFromPeer', () => {
  it('keeps the routes whose source peer is the neighbor, however the address is spelled', () => {
    const routes = [
      { ...route('172.16.0.0/24'), sourcePeer: '10.1.0.4' },
      { ...route('172.16.1.0/24'), sourcePeer: '10.1.0.40' },
      { ...route('fd01::/64'), sourcePeer: 'FD00:0::1' },
    ];
    expect(routesFromPeer(routes, '10.1.0.4').map((r) => r.network)).toEqual(['172.16.0.0/24']);
    expect(routesFromPeer(routes, 'fd00::1').map((r) => r.network)).toEqual(['fd01::/64']);
  });
});
