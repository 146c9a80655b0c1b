import type { BgpPeer } from '../azure/bgp-peer-status';
import { compareIpAddresses } from './ip-address';

/**
 * An active-active gateway runs two instances and reports each neighbor once per instance,
 * told apart only by `localAddress`. Instances are numbered by address order within each
 * address family, which matches Azure's "Instance 0 / Instance 1" for the default BGP
 * addresses; a dual-stack gateway (ExpressRoute) has an IPv4 and an IPv6 address per instance.
 *
 * Returns localAddress → "Instance N", or an empty map when there is only one instance.
 */
export function instanceLabels(peers: readonly BgpPeer[], activeActive: boolean): Map<string, string> {
  const addresses = [...new Set(peers.map((p) => p.localAddress).filter((a): a is string => a !== null))];
  const families = [addresses.filter((a) => !a.includes(':')), addresses.filter((a) => a.includes(':'))];
  if (!activeActive && families.every((family) => family.length < 2)) return new Map();

  const labels = new Map<string, string>();
  for (const family of families) {
    family.sort(compareIpAddresses).forEach((address, index) => labels.set(address, `Instance ${index}`));
  }
  return labels;
}
