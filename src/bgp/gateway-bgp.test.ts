import { describe, expect, it } from 'vitest';
import { gatewayHasBgp } from './gateway-bgp';

describe('gatewayHasBgp', () => {
  it('is off only for a VPN gateway without enableBgp', () => {
    expect(gatewayHasBgp({ gatewayType: 'Vpn', enableBgp: false })).toBe(false);
    expect(gatewayHasBgp({ gatewayType: 'Vpn', enableBgp: true })).toBe(true);
    expect(gatewayHasBgp({ gatewayType: 'ExpressRoute', enableBgp: false })).toBe(true);
    expect(gatewayHasBgp(null)).toBe(true);
  });
});
