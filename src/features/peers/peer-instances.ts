import type { BgpPeer } from '../../azure/bgp-peer-status';
import { compareIpAddresses } from './ip-address';

/**
 * An active-active gateway runs two instances and reports each neighbor once per instance,
 * told apart only by `localAddress`. Instances are numbered by address order, which matches
 * Azure's "Instance 0 / Instance 1" for the default BGP addresses.
 *
 * Returns localAddress → "Instance N", or an empty map when there is only one instance.
 */
export function instanceLabels(peers: readonly BgpPeer[], activeActive: boolean): Map<string, string> {
  const addresses = [...new Set(peers.map((p) => p.localAddress).filter((a): a is string => a !== null))];
  if (!activeActive && addresses.length < 2) return new Map();
  addresses.sort(compareIpAddresses);
  return new Map(addresses.map((address, index) => [address, `Instance ${index}`]));
}
