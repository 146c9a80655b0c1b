import { describe, expect, it } from 'vitest';
import type { GatewayRoute } from '../../azure/gateway-routes';
import { routesCsvFileName, routesToCsv } from './route-columns';

const routes: GatewayRoute[] = [
  { network: '172.16.4.0/24', nextHop: '10.1.0.4', origin: 'EBgp', asPath: '65001-65002', weight: 32768, localAddress: '10.0.0.4', sourcePeer: '10.1.0.4' },
  { network: 'fd00::/64', nextHop: '', origin: 'Network', asPath: '', weight: null, localAddress: '10.0.0.5', sourcePeer: '=cmd' },
];

describe('routesToCsv', () => {
  it('writes the rows given, in order, with the source peer for learned routes', () => {
    expect(routesToCsv(routes, 'learned')).toBe(
      'network,nextHop,origin,asPath,weight,localAddress,sourcePeer\r\n' +
        '172.16.4.0/24,10.1.0.4,EBgp,65001-65002,32768,10.0.0.4,10.1.0.4\r\n' +
        "fd00::/64,,Network,,,10.0.0.5,'=cmd\r\n",
    );
  });
  it('leaves the source peer out of advertised routes and writes a header even with no rows', () => {
    expect(routesToCsv([], 'advertised')).toBe('network,nextHop,origin,asPath,weight,localAddress\r\n');
    expect(routesToCsv(routes.slice(0, 1), 'advertised').split('\r\n')[1]).toBe('172.16.4.0/24,10.1.0.4,EBgp,65001-65002,32768,10.0.0.4');
  });
});

describe('routesCsvFileName', () => {
  it('names the kind, gateway, peer and time, with only safe characters', () => {
    expect(routesCsvFileName('learned', 'vpngw 1', 'fd00::1', Date.UTC(2026, 11, 2, 16, 40))).toBe(
      'bgp-learned-routes-vpngw_1-fd00_1-2026-12-02T1640Z.csv',
    );
  });
});
