import type { FleetPeer } from '../simulation/fleet';
import type { ForcedState } from '../simulation/peer-life';

/**
 * Peer states forced through the control API; an overlay the ARM routes pass to the simulation.
 * A released state leaves a marker (state null) saying from when the peer's own life resumes in a
 * fresh session: held down and let go, it must not come back with its old counters.
 */
export class ForcedStates {
  private readonly forced = new Map<string, ForcedState>();

  /** Without a localAddress, the state applies to the neighbor on every instance. */
  set(gatewayId: string, neighbor: string, localAddress: string | undefined, state: string, sinceMs: number): void {
    // A neighbor-wide state replaces any per-instance ones.
    if (localAddress === undefined) this.remove(gatewayId, neighbor, undefined);
    this.forced.set(key(gatewayId, neighbor, localAddress), { state, sinceMs });
  }

  /** Releases a forced state at simulated time `nowMs`. */
  clear(gatewayId: string, neighbor: string, localAddress: string | undefined, nowMs: number): void {
    const prefix = key(gatewayId, neighbor, '');
    for (const [k, value] of [...this.forced]) {
      const matches = localAddress === undefined ? k.startsWith(prefix) : k === key(gatewayId, neighbor, localAddress);
      if (matches && value.state !== null) this.forced.set(k, released(value, nowMs));
    }
  }

  clearAll(nowMs: number): void {
    for (const [k, value] of [...this.forced]) if (value.state !== null) this.forced.set(k, released(value, nowMs));
  }

  lookup = (peer: FleetPeer): ForcedState | undefined =>
    this.forced.get(key(peer.gatewayId, peer.neighbor, peer.localAddress)) ??
    this.forced.get(key(peer.gatewayId, peer.neighbor, undefined));

  /** The states in force (released ones are not listed). */
  list(): { key: string; state: string; sinceMs: number }[] {
    return [...this.forced].flatMap(([k, v]) => (v.state === null ? [] : [{ key: k, state: v.state, sinceMs: v.sinceMs }]));
  }

  private remove(gatewayId: string, neighbor: string, localAddress: string | undefined): void {
    this.forced.delete(key(gatewayId, neighbor, localAddress));
    if (localAddress === undefined) {
      const prefix = key(gatewayId, neighbor, '');
      for (const k of this.forced.keys()) if (k.startsWith(prefix)) this.forced.delete(k);
    }
  }
}

/** A forced Connected session carries on once released; any other forced state ends with a new session. */
function released(value: ForcedState, nowMs: number): ForcedState {
  return { state: null, sinceMs: value.state === 'Connected' ? value.sinceMs : nowMs };
}

function key(gatewayId: string, neighbor: string, localAddress: string | undefined): string {
  return `${gatewayId.toLowerCase()}|${neighbor.toLowerCase()}|${localAddress === undefined ? '*' : localAddress.toLowerCase()}`;
}
