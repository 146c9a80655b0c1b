import type { WatchedGateway } from '../../queries/get-gateways';

/** "VPN · active-active": what kind of gateway a tile stands for. */
export function gatewayFacts(gateway: WatchedGateway): string {
  const summary = gateway.summary;
  if (!summary) return '';
  const type = summary.gatewayType === 'Vpn' ? 'VPN' : summary.gatewayType === 'ExpressRoute' ? 'ExpressRoute' : (summary.gatewayType ?? '');
  return [type, summary.activeActive ? 'active-active' : null].filter(Boolean).join(' · ');
}
