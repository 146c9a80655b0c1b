import type { PeerAlert, PeerAlertKind } from '../bgp/peer-signals';
import { isObject } from '../azure/json';

/** Where alerts outlive a reload: per browser profile, per gateway (lower-cased ID). */
export const SAVED_ALERTS_KEY = 'bgp-dashboard.alerts';

type Storage = Pick<globalThis.Storage, 'getItem' | 'setItem'>;
type SavedAlerts = Record<string, PeerAlert[]>;

const KINDS: readonly PeerAlertKind[] = ['down', 'routes-withdrawn', 'flapping'];
const STATES = ['Connected', 'Connecting', 'Idle', 'Stopped', 'Unknown'];

function readAll(storage: Storage | undefined): SavedAlerts {
  try {
    const raw = storage?.getItem(SAVED_ALERTS_KEY);
    const value: unknown = raw ? JSON.parse(raw) : {};
    return isObject(value) ? (value as SavedAlerts) : {};
  } catch {
    return {};
  }
}

const text = (value: unknown): value is string => typeof value === 'string';
const textOrNull = (value: unknown): value is string | null => value === null || typeof value === 'string';

/** One saved alert, checked field by field (storage is shared with other versions of the app). */
function readAlert(value: unknown): PeerAlert | null {
  if (!isObject(value)) return null;
  const { gatewayId, gatewayName, neighbor, localAddress, instance, key, peerKey, kind, state, sinceMs, acknowledged, routes } = value;
  if (!text(gatewayId) || !text(gatewayName) || !textOrNull(neighbor) || !textOrNull(localAddress) || !textOrNull(instance)) return null;
  if (!text(key) || !text(peerKey) || !KINDS.includes(kind as PeerAlertKind) || !STATES.includes(state as string)) return null;
  if (typeof sinceMs !== 'number' || !Number.isFinite(sinceMs) || typeof acknowledged !== 'boolean') return null;
  const alert: PeerAlert = { gatewayId, gatewayName, neighbor, localAddress, instance, key, peerKey, kind: kind as PeerAlertKind, state: state as PeerAlert['state'], sinceMs, acknowledged };
  if (isObject(routes) && typeof routes.from === 'number' && typeof routes.to === 'number') alert.routes = { from: routes.from, to: routes.to };
  return alert;
}

/** The alerts saved for these gateways, for `PeerSignals.restore`. */
export function loadSavedAlerts(gatewayIds: readonly string[], storage: Storage | undefined = globalThis.localStorage): PeerAlert[] {
  const saved = readAll(storage);
  return gatewayIds.flatMap((id) => {
    const list = saved[id.toLowerCase()];
    return Array.isArray(list) ? list.map(readAlert).filter((alert): alert is PeerAlert => alert !== null) : [];
  });
}

/**
 * Saves the alerts of the gateways this page has polled, replacing only theirs: a wall that
 * shows a few gateways must not erase the alerts the dashboard saved for the others.
 */
export function saveAlerts(polledGatewayIds: readonly string[], alerts: readonly PeerAlert[], storage: Storage | undefined = globalThis.localStorage): void {
  const saved = readAll(storage);
  for (const id of polledGatewayIds) delete saved[id.toLowerCase()];
  for (const alert of alerts) (saved[alert.gatewayId.toLowerCase()] ??= []).push(alert);
  try {
    storage?.setItem(SAVED_ALERTS_KEY, JSON.stringify(saved));
  } catch {
    // Storage full or refused: alerts simply do not outlive a reload.
  }
}
