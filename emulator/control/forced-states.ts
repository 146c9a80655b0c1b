import type { FleetPeer } from '../simulation/fleet';
import type { ForcedState } from '../simulation/peer-life';

/** Peer states forced through the control API; an overlay the ARM routes pass to the simulation. */
export class ForcedStates {
  private readonly forced = new Map<string, ForcedState>();

  /** Without a localAddress, the state applies to the neighbor on every instance. */
  set(gatewayId: string, neighbor: string, localAddress: string | undefined, state: string, sinceMs: number): void {
    // A neighbor-wide state replaces any per-instance ones.
    if (localAddress === undefined) this.clear(gatewayId, neighbor, undefined);
    this.forced.set(key(gatewayId, neighbor, localAddress), { state, sinceMs });
  }

  clear(gatewayId: string, neighbor: string, localAddress: string | undefined): void {
    this.forced.delete(key(gatewayId, neighbor, localAddress));
    if (localAddress === undefined) {
      const prefix = key(gatewayId, neighbor, '');
      for (const k of this.forced.keys()) if (k.startsWith(prefix)) this.forced.delete(k);
    }
  }

  clearAll(): void {
    this.forced.clear();
  }

  lookup = (peer: FleetPeer): ForcedState | undefined =>
    this.forced.get(key(peer.gatewayId, peer.neighbor, peer.localAddress)) ??
    this.forced.get(key(peer.gatewayId, peer.neighbor, undefined));

  list(): { key: string; state: string; sinceMs: number }[] {
    return [...this.forced].map(([k, v]) => ({ key: k, ...v }));
  }
}

function key(gatewayId: string, neighbor: string, localAddress: string | undefined): string {
  return `${gatewayId.toLowerCase()}|${neighbor.toLowerCase()}|${localAddress === undefined ? '*' : localAddress.toLowerCase()}`;
}
