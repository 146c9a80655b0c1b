import type { Gateway, FleetPeer } from './fleet';
import { peerStateAt, routesReceivedAt, type ForcedState } from './peer-life';

/** ARM's `GatewayRoute`. */
export interface GatewayRoute {
  localAddress: string;
  network: string;
  nextHop: string;
  sourcePeer: string;
  origin: string;
  asPath: string;
  weight: number;
}

type ForcedLookup = (peer: FleetPeer) => ForcedState | undefined;

/** The prefixes a peer announces: as many as its routesReceived says, stable per peer. */
export function prefixesOf(peer: FleetPeer, count: number): string[] {
  const prefixes: string[] = [];
  const isV6 = peer.neighbor.includes(':');
  for (let i = 0; i < count; i++) {
    // On-premises /24s out of 172.16.0.0/12 (4,096 of them), IPv6 /64s out of fd00::/8.
    const n = (peer.life.key + i) % 4096;
    prefixes.push(
      isV6
        ? `fd${(peer.life.key % 255).toString(16).padStart(2, '0')}:${n.toString(16)}::/64`
        : `172.${16 + ((n >> 8) & 15)}.${n & 255}.0/24`,
    );
  }
  return [...new Set(prefixes)];
}

/** What the gateway learned: its own VNet (origin Network) plus routes from every Connected peer. */
export function learnedRoutesAt(gateway: Gateway, t: number, forced: ForcedLookup = () => undefined): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  for (const instance of gateway.instances) {
    for (const network of gateway.addressSpace) {
      routes.push({
        localAddress: instance.bgpAddress,
        network,
        nextHop: '',
        sourcePeer: instance.bgpAddress,
        origin: 'Network',
        asPath: '',
        weight: 32768,
      });
    }
  }
  for (const peer of gateway.peers) {
    const overlay = forced(peer);
    if (peerStateAt(peer.life, t, overlay).state !== 'Connected') continue;
    for (const network of prefixesOf(peer, overlay?.routesReceived ?? routesReceivedAt(peer.life, t))) {
      routes.push({
        localAddress: peer.localAddress,
        network,
        nextHop: peer.neighbor,
        sourcePeer: peer.neighbor,
        origin: 'EBgp',
        asPath: String(peer.asn),
        weight: 32768,
      });
    }
  }
  return routes;
}

/** What the gateway advertises to one neighbor (on each instance with a Connected session to it). */
export function advertisedRoutesAt(
  gateway: Gateway,
  neighbor: string,
  t: number,
  forced: ForcedLookup = () => undefined,
): GatewayRoute[] {
  const routes: GatewayRoute[] = [];
  for (const peer of gateway.peers) {
    if (peer.neighbor.toLowerCase() !== neighbor.toLowerCase()) continue;
    if (peerStateAt(peer.life, t, forced(peer)).state !== 'Connected') continue;
    for (const network of gateway.addressSpace) {
      if (network.includes(':') !== peer.neighbor.includes(':')) continue;
      routes.push({
        localAddress: peer.localAddress,
        network,
        nextHop: peer.localAddress,
        sourcePeer: '',
        origin: 'Igp',
        asPath: String(gateway.asn),
        weight: 0,
      });
    }
  }
  return routes;
}
