import { formatDuration } from '../../azure/timespan';
import type { WatchedGateway } from '../peers/peer-queries';

/** The largest unit only ("9d", "4h", "12m"): a badge is read from across the room, not studied. */
export function shortDuration(seconds: number | null): string | null {
  if (seconds === null) return null;
  return formatDuration(seconds).split(' ')[0] ?? null;
}

export function clockTime(ms: number): string {
  return new Date(ms).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

/** "VPN · active-active": what kind of gateway a tile stands for. */
export function gatewayFacts(gateway: WatchedGateway): string {
  const summary = gateway.summary;
  if (!summary) return '';
  const type = summary.gatewayType === 'Vpn' ? 'VPN' : summary.gatewayType === 'ExpressRoute' ? 'ExpressRoute' : (summary.gatewayType ?? '');
  return [type, summary.activeActive ? 'active-active' : null].filter(Boolean).join(' · ');
}
