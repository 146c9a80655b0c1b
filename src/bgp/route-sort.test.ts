import { describe, expect, it } from 'vitest';
import type { GatewayRoute } from '../azure/gateway-routes';
import { compareNetworks, sortRoutes } from './route-sort';

function route(network: string, extra: Partial<GatewayRoute> = {}): GatewayRoute {
  return { network, localAddress: '10.0.0.4', nextHop: '', sourcePeer: '', origin: 'EBgp', asPath: '', weight: 0, ...extra };
}

describe('sortRoutes', () => {
  it('orders networks numerically, IPv4 before IPv6, shorter prefix first', () => {
    const sorted = sortRoutes([route('fd00::/8'), route('10.0.0.10/32'), route('10.0.0.9/32'), route('10.0.0.0/24'), route('10.0.0.0/16')], {
      key: 'network',
      direction: 'ascending',
    });
    expect(sorted.map((r) => r.network)).toEqual(['10.0.0.0/16', '10.0.0.0/24', '10.0.0.9/32', '10.0.0.10/32', 'fd00::/8']);
  });
  it('sorts any column both ways, ties by network', () => {
    const routes = [route('10.0.2.0/24', { weight: 5 }), route('10.0.1.0/24', { weight: 32768 }), route('10.0.3.0/24', { weight: 5 })];
    expect(sortRoutes(routes, { key: 'weight', direction: 'descending' }).map((r) => r.network)).toEqual(['10.0.1.0/24', '10.0.2.0/24', '10.0.3.0/24']);
    expect(sortRoutes(routes, { key: 'weight', direction: 'ascending' }).map((r) => r.network)).toEqual(['10.0.2.0/24', '10.0.3.0/24', '10.0.1.0/24']);
  });
  it('orders AS paths by hop count, then numerically', () => {
    const routes = [route('a', { asPath: '65515-12076' }), route('b', { asPath: '9' }), route('c', { asPath: '65001' })];
    expect(sortRoutes(routes, { key: 'asPath', direction: 'ascending' }).map((r) => r.asPath)).toEqual(['9', '65001', '65515-12076']);
  });
  it('orders next hops as addresses', () => {
    const routes = [route('x', { nextHop: '10.0.0.10' }), route('y', { nextHop: '10.0.0.9' })];
    expect(sortRoutes(routes, { key: 'nextHop', direction: 'ascending' }).map((r) => r.nextHop)).toEqual(['10.0.0.9', '10.0.0.10']);
  });
});

describe('compareNetworks', () => {
  it('puts unreadable networks after readable ones', () => {
    expect(compareNetworks('junk', '10.0.0.0/8')).toBeGreaterThan(0);
  });
});
