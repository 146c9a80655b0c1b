import { buildFleet, type Fleet, type FleetPeer, type FleetSize, type Gateway } from './fleet';
import { advertisedRoutesAt, learnedRoutesAt, type GatewayRoute } from './gateway-routes';
import { peerStatusAt, type BgpPeerStatus, type ForcedState } from './peer-life';

/** Forced states are an overlay owned by the control API; the simulation only reads them. */
export type ForcedStateLookup = (peer: FleetPeer) => ForcedState | undefined;

export interface Simulation {
  readonly fleet: Fleet;
  /** Case-insensitive, like ARM. */
  findGateway(gatewayId: string): Gateway | undefined;
  /** The getBgpPeerStatus answer at simulated time t: one row per (instance, neighbor). */
  peerStatusAt(gatewayId: string, t: number, options?: { peer?: string; forced?: ForcedStateLookup }): BgpPeerStatus[];
  learnedRoutesAt(gatewayId: string, t: number, forced?: ForcedStateLookup): GatewayRoute[];
  advertisedRoutesAt(gatewayId: string, peer: string, t: number, forced?: ForcedStateLookup): GatewayRoute[];
}

export function createSimulation(options: { seed: number; fleet: FleetSize; tenantId: string }): Simulation {
  const fleet = buildFleet(options.seed, options.fleet, options.tenantId);
  // Every tenant's gateways: ARM's tenant check decides who may read which.
  const byId = new Map(fleet.tenants.flatMap((tenant) => tenant.gateways).map((gateway) => [gateway.id.toLowerCase(), gateway]));
  const gatewayOrThrow = (gatewayId: string): Gateway => {
    const gateway = byId.get(gatewayId.toLowerCase());
    if (!gateway) throw new Error(`unknown gateway ${gatewayId}`);
    return gateway;
  };
  const none: ForcedStateLookup = () => undefined;
  return {
    fleet,
    findGateway: (gatewayId) => byId.get(gatewayId.toLowerCase()),
    peerStatusAt(gatewayId, t, { peer, forced = none } = {}) {
      const rows = gatewayOrThrow(gatewayId).peers.filter(
        (row) => peer === undefined || row.neighbor.toLowerCase() === peer.toLowerCase(),
      );
      return rows.map((row) => peerStatusAt(row, t, forced(row)));
    },
    learnedRoutesAt: (gatewayId, t, forced = none) => learnedRoutesAt(gatewayOrThrow(gatewayId), t, forced),
    advertisedRoutesAt: (gatewayId, peer, t, forced = none) =>
      advertisedRoutesAt(gatewayOrThrow(gatewayId), peer, t, forced),
  };
}
