import type { FleetPeer } from '../simulation/fleet';
import type { ForcedState } from '../simulation/peer-life';

interface ForcedRoutes {
  routesReceived: number;
  sinceMs: number;
}

/**
 * Peer states and route counts forced through the control API; an overlay the ARM routes pass to
 * the simulation. The two are independent: a route count can be forced on a peer that keeps its
 * simulated life (a session that stays Connected while its routes vanish), and releasing one
 * leaves the other.
 */
export class ForcedStates {
  private readonly forced = new Map<string, { state: string; sinceMs: number }>();
  private readonly routes = new Map<string, ForcedRoutes>();

  /** Without a localAddress, the state applies to the neighbor on every instance. */
  set(gatewayId: string, neighbor: string, localAddress: string | undefined, state: string, sinceMs: number): void {
    // A neighbor-wide state replaces any per-instance ones.
    if (localAddress === undefined) clearIn(this.forced, gatewayId, neighbor, undefined);
    this.forced.set(key(gatewayId, neighbor, localAddress), { state, sinceMs });
  }

  clear(gatewayId: string, neighbor: string, localAddress: string | undefined): void {
    clearIn(this.forced, gatewayId, neighbor, localAddress);
  }

  clearAll(): void {
    this.forced.clear();
  }

  /** Without a localAddress, the count applies to the neighbor on every instance. */
  setRoutes(gatewayId: string, neighbor: string, localAddress: string | undefined, routesReceived: number, sinceMs: number): void {
    if (localAddress === undefined) clearIn(this.routes, gatewayId, neighbor, undefined);
    this.routes.set(key(gatewayId, neighbor, localAddress), { routesReceived, sinceMs });
  }

  clearRoutes(gatewayId: string, neighbor: string, localAddress: string | undefined): void {
    clearIn(this.routes, gatewayId, neighbor, localAddress);
  }

  clearAllRoutes(): void {
    this.routes.clear();
  }

  lookup = (peer: FleetPeer): ForcedState | undefined => {
    const state = lookupIn(this.forced, peer);
    const routes = lookupIn(this.routes, peer);
    if (!state && !routes) return undefined;
    return {
      ...(state ? { state: state.state } : {}),
      // A forced Connected session starts at its own sinceMs (peer-life reads it as the session start).
      sinceMs: state?.sinceMs ?? routes?.sinceMs ?? 0,
      ...(routes ? { routesReceived: routes.routesReceived } : {}),
    };
  };

  list(): { key: string; state: string; sinceMs: number }[] {
    return [...this.forced].map(([k, v]) => ({ key: k, ...v }));
  }

  listRoutes(): { key: string; routesReceived: number; sinceMs: number }[] {
    return [...this.routes].map(([k, v]) => ({ key: k, ...v }));
  }
}

function lookupIn<T>(map: Map<string, T>, peer: FleetPeer): T | undefined {
  return map.get(key(peer.gatewayId, peer.neighbor, peer.localAddress)) ?? map.get(key(peer.gatewayId, peer.neighbor, undefined));
}

function clearIn(map: Map<string, unknown>, gatewayId: string, neighbor: string, localAddress: string | undefined): void {
  map.delete(key(gatewayId, neighbor, localAddress));
  if (localAddress === undefined) {
    const prefix = key(gatewayId, neighbor, '');
    for (const k of map.keys()) if (k.startsWith(prefix)) map.delete(k);
  }
}

function key(gatewayId: string, neighbor: string, localAddress: string | undefined): string {
  return `${gatewayId.toLowerCase()}|${neighbor.toLowerCase()}|${localAddress === undefined ? '*' : localAddress.toLowerCase()}`;
}
