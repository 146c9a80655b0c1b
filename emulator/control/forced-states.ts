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
 * leaves the other. A released state leaves a marker saying from when the peer's own life resumes
 * in a fresh session: held down and let go, it must not come back with its old counters.
 */
export class ForcedStates {
  private readonly forced = new Map<string, { state: string; sinceMs: number }>();
  private readonly released = new Map<string, number>();
  private readonly routes = new Map<string, ForcedRoutes>();

  /** Without a localAddress, the state applies to the neighbor on every instance. */
  set(gatewayId: string, neighbor: string, localAddress: string | undefined, state: string, sinceMs: number): void {
    // A neighbor-wide state replaces any per-instance ones.
    if (localAddress === undefined) clearIn(this.forced, gatewayId, neighbor, undefined);
    this.forced.set(key(gatewayId, neighbor, localAddress), { state, sinceMs });
  }

  /** Releases a forced state at simulated time `nowMs`. */
  clear(gatewayId: string, neighbor: string, localAddress: string | undefined, nowMs: number): void {
    const prefix = key(gatewayId, neighbor, '');
    for (const [k, value] of [...this.forced]) {
      const matches = localAddress === undefined ? k.startsWith(prefix) : k === key(gatewayId, neighbor, localAddress);
      if (matches) this.release(k, value, nowMs);
    }
  }

  clearAll(nowMs: number): void {
    for (const [k, value] of [...this.forced]) this.release(k, value, nowMs);
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
    const resumedAtMs = lookupIn(this.released, peer);
    if (!state && !routes && resumedAtMs === undefined) return undefined;
    return {
      ...(state ? { state: state.state } : {}),
      // A forced Connected session starts at its own sinceMs (peer-life reads it as the session start).
      sinceMs: state?.sinceMs ?? routes?.sinceMs ?? 0,
      ...(routes ? { routesReceived: routes.routesReceived } : {}),
      ...(!state && resumedAtMs !== undefined ? { resumedAtMs } : {}),
    };
  };

  /** The states in force (released ones are not listed). */
  list(): { key: string; state: string; sinceMs: number }[] {
    return [...this.forced].map(([k, v]) => ({ key: k, ...v }));
  }

  listRoutes(): { key: string; routesReceived: number; sinceMs: number }[] {
    return [...this.routes].map(([k, v]) => ({ key: k, ...v }));
  }

  /** A forced Connected session carries on once released; any other forced state ends with a new session. */
  private release(k: string, value: { state: string; sinceMs: number }, nowMs: number): void {
    this.forced.delete(k);
    this.released.set(k, value.state === 'Connected' ? value.sinceMs : nowMs);
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
