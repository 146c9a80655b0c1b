import { useState } from 'react';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { buildFleetRows, reuseUnchangedRows, type FleetGatewayPeers, type FleetPeerRow } from '../../bgp/fleet-peers';
import type { ConditionContext } from '../../bgp/peer-condition';
import type { PeerAlert } from '../../bgp/peer-signals';
import { useGatewaysPeers } from '../../queries/get-bgp-peer-status';
import type { WatchedGateway } from '../../queries/get-gateways';

interface Derived {
  gateways: readonly WatchedGateway[];
  data: readonly (readonly BgpPeer[] | undefined)[];
  conditions: ConditionContext | null;
  alerts: readonly PeerAlert[];
  rows: readonly FleetPeerRow[];
  byKey: ReadonlyMap<string, FleetPeerRow>;
  gatewaysWithData: number;
}

const NOTHING: Derived = { gateways: [], data: [], conditions: null, alerts: [], rows: [], byKey: new Map(), gatewaysWithData: 0 };

function sameList<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, index) => item === b[index]);
}

/**
 * Every peer of the watched gateways as fleet rows, derived once per change of any gateway's
 * data (fetch-status changes alone derive nothing), the rows of unchanged peers kept as they were.
 * It polls too, so the fleet view stays live when every panel is collapsed; React Query shares
 * one operation per gateway with the panels.
 */
export function useFleetRows(
  gateways: readonly WatchedGateway[],
  intervalMs: number,
  conditions: ConditionContext,
  alerts: readonly PeerAlert[],
): { rows: readonly FleetPeerRow[]; gatewaysWithData: number } {
  const results = useGatewaysPeers(
    gateways.map((gateway) => gateway.id),
    intervalMs,
  );
  const data = results.map((result) => result.data as readonly BgpPeer[] | undefined);
  const [derived, setDerived] = useState<Derived>(NOTHING);
  if (derived.gateways === gateways && derived.conditions === conditions && derived.alerts === alerts && sameList(derived.data, data)) {
    return derived;
  }
  const input: FleetGatewayPeers[] = gateways.map((gateway, index) => ({
    id: gateway.id,
    name: gateway.name,
    activeActive: gateway.summary?.activeActive ?? false,
    peers: data[index],
  }));
  const rows = reuseUnchangedRows(derived.byKey, buildFleetRows(input, conditions, alerts));
  const next: Derived = {
    gateways,
    data,
    conditions,
    alerts,
    rows,
    byKey: new Map(rows.map((row) => [row.key, row])),
    gatewaysWithData: data.filter((peers) => peers !== undefined).length,
  };
  // Derived state kept during render (React's documented pattern): no effect, no second pass.
  setDerived(next);
  return next;
}
