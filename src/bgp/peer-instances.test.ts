import { describe, expect, it } from 'vitest';
import { isPrivateAsn } from './asn';
import { compareIpAddresses } from './ip-address';
import { makePeer } from '../testing/peer-fixtures';
import { instanceLabels } from './peer-instances';

describe('instanceLabels', () => {
  it('numbers the instances of an active-active gateway by local address', () => {
    const peers = [
      makePeer({ localAddress: '10.0.0.10' }),
      makePeer({ localAddress: '10.0.0.9' }),
      makePeer({ localAddress: '10.0.0.10', neighbor: '10.1.0.5' }),
    ];
    expect(Object.fromEntries(instanceLabels(peers, true))).toEqual({
      '10.0.0.9': 'Instance 0',
      '10.0.0.10': 'Instance 1',
    });
  });

  it('numbers IPv4 and IPv6 local addresses of a dual-stack gateway each from Instance 0', () => {
    const peers = ['10.3.255.13', 'fd00:3:ffff::d', '10.3.255.12', 'fd00:3:ffff::c'].map((localAddress) =>
      makePeer({ localAddress }),
    );
    expect(Object.fromEntries(instanceLabels(peers, true))).toEqual({
      '10.3.255.12': 'Instance 0',
      '10.3.255.13': 'Instance 1',
      'fd00:3:ffff::c': 'Instance 0',
      'fd00:3:ffff::d': 'Instance 1',
    });
  });

  it('labels nothing on a single-instance gateway', () => {
    expect(instanceLabels([makePeer(), makePeer({ neighbor: '10.1.0.9' })], false).size).toBe(0);
  });

  it('tells instances apart even when the gateway details are not known yet', () => {
    const peers = [makePeer({ localAddress: '10.0.0.4' }), makePeer({ localAddress: '10.0.0.5' })];
    expect(instanceLabels(peers, false).get('10.0.0.5')).toBe('Instance 1');
  });
});

describe('isPrivateAsn', () => {
  it.each([
    [64_511, false],
    [64_512, true],
    [65_515, true],
    [65_534, true],
    [65_535, false],
    [12_076, false],
    [4_199_999_999, false],
    [4_200_000_000, true],
    [4_294_967_294, true],
    [4_294_967_295, false],
  ])('%i → %s', (asn, expected) => {
    expect(isPrivateAsn(asn)).toBe(expected);
  });
});

describe('compareIpAddresses', () => {
  it('compares IPv6 groups numerically, with :: expanded', () => {
    expect(compareIpAddresses('fd00::a', 'fd00::9')).toBeGreaterThan(0);
    expect(compareIpAddresses('fd00:0:0:0:0:0:0:9', 'fd00::9')).toBe(0);
  });

  it('sorts text that is not an address after every address', () => {
    expect(compareIpAddresses('not-an-ip', '255.255.255.255')).toBeGreaterThan(0);
    expect(compareIpAddresses('10.0.0.256', '10.0.0.1')).toBeGreaterThan(0);
  });
});
