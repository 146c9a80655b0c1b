import { formatCount } from '../lib/format';
import type { PeerAlert } from './peer-signals';
import { FLAP_CHANGES } from './peer-signals';

/** The alert's kind in a word or two, for bands, lists and notifications: "Idle", "Routes withdrawn", "Flapping". */
export function alertHeadline(alert: Pick<PeerAlert, 'kind' | 'state'>): string {
  if (alert.kind === 'routes-withdrawn') return 'Routes withdrawn';
  if (alert.kind === 'flapping') return 'Flapping';
  return alert.state;
}

/** What happened, with the numbers: "left Connected", "routes 933 → 0", "3+ state changes within an hour". */
export function alertDetail(alert: Pick<PeerAlert, 'kind' | 'routes'>): string {
  if (alert.kind === 'routes-withdrawn' && alert.routes) return `routes ${formatCount(alert.routes.from)} → ${formatCount(alert.routes.to)}`;
  if (alert.kind === 'flapping') return `${FLAP_CHANGES}+ state changes within an hour`;
  return 'left Connected';
}

/** "i0" / "i1" for "Instance 0" / "Instance 1"; null on a single-instance gateway. */
export function shortInstance(instance: string | null): string | null {
  return instance === null ? null : `i${instance.replace(/\D+/g, '')}`;
}
