import type { GatewaySummary } from '../azure/gateways';

/**
 * Whether a gateway speaks BGP, so its peers are worth polling. ExpressRoute gateways always peer
 * with Microsoft's edge over BGP, whatever their `enableBgp` says (ARM often reports false for
 * them); a VPN gateway peers only with `enableBgp` on (policy-based VPN gateways never do). An
 * unknown gateway (not read yet) counts as BGP on: better one poll too many than a hidden gateway.
 */
export function gatewayHasBgp(summary: Pick<GatewaySummary, 'gatewayType' | 'enableBgp'> | null): boolean {
  if (summary === null) return true;
  return summary.gatewayType?.toLowerCase() === 'expressroute' || summary.enableBgp;
}
