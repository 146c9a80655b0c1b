import { isArmError } from '../../azure/arm-error';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { SignInRequiredError } from '../../auth/sign-in-required-error';
import { summarizeError } from '../../bgp/error-summary';
import { peerFreshness } from '../../bgp/peer-freshness';
import type { WatchedGateway } from '../../queries/get-gateways';
import type { WallParams } from './wall-params';

export type GatewayHealth = 'healthy' | 'degraded' | 'down' | 'not-answering' | 'waiting';

export type StaleKind = 'throttled' | 'offline' | 'sign-in-expired' | 'error' | 'no-answer';

export interface StaleWhy {
  kind: StaleKind;
  /** Short enough for one line of a tile: "throttled (TooManyRequests)", "error AuthorizationFailed". */
  text: string;
}

export interface GatewayPeersState {
  data: readonly BgpPeer[] | undefined;
  error: unknown;
  dataUpdatedAt: number;
}

export interface ScreenConditions {
  nowMs: number;
  intervalMs: number;
  online: boolean;
  /** Silent token renewal failed: nothing refreshes until someone signs in again. */
  needsInteraction: boolean;
}

/**
 * What a tile shows about its gateway apart from the peers. It holds no age: ages tick on screen
 * from the clock (wall-clock-text), while a status changes only when the data or its staleness does.
 */
export interface GatewayStatus {
  health: GatewayHealth;
  stale: boolean;
  /** Why the data is stale or missing; null when it is fresh. */
  why: StaleWhy | null;
  connected: number;
  total: number;
}

function signInExpired(error: unknown): boolean {
  if (error instanceof SignInRequiredError) return true;
  if (!isArmError(error)) return false;
  if (error.code === 'TokenUnavailable') return error.cause instanceof SignInRequiredError;
  return error.status === 401 || error.code === 'ExpiredAuthenticationToken';
}

/** The cause a NOC engineer acts on: wait (throttled), fix the network, sign in again, or read the code. */
export function staleWhy(error: unknown, conditions: Pick<ScreenConditions, 'online' | 'needsInteraction'>): StaleWhy | null {
  if (!conditions.online) return { kind: 'offline', text: 'offline (no network)' };
  if (conditions.needsInteraction || signInExpired(error)) return { kind: 'sign-in-expired', text: 'sign-in expired' };
  if (!error) return null;
  const { code } = summarizeError(error);
  if (isArmError(error) && (error.status === 429 || code === 'TooManyRequests' || code === 'RetryableErrorDueToAnotherOperation')) {
    return { kind: 'throttled', text: `throttled (${code})` };
  }
  return { kind: 'error', text: `error ${code}` };
}

/**
 * `excused`: peers not Connected that are no outage (Stopped, not trying; expected down): they
 * neither make the gateway degraded nor down.
 */
export function gatewayStatus(peers: GatewayPeersState, conditions: ScreenConditions, excused = 0): GatewayStatus {
  const { stale } = peerFreshness({
    dataUpdatedAt: peers.dataUpdatedAt,
    lastRefreshFailed: Boolean(peers.error),
    nowMs: conditions.nowMs,
    intervalMs: conditions.intervalMs,
  });
  const total = peers.data?.length ?? 0;
  const connected = peers.data?.filter((peer) => peer.state === 'Connected').length ?? 0;
  if (peers.data === undefined) {
    const why = peers.error ? staleWhy(peers.error, conditions) : null;
    return { health: why ? 'not-answering' : 'waiting', stale: false, why, connected, total };
  }
  if (stale) {
    // A poll that never comes back (laptop asleep, hung connection) fails nothing but is just as stale.
    const why = staleWhy(peers.error, conditions) ?? {
      kind: 'no-answer' as const,
      text: 'no answer',
    };
    return { health: 'not-answering', stale, why, connected, total };
  }
  const expectedUp = total - excused;
  const health: GatewayHealth = connected >= expectedUp ? 'healthy' : connected === 0 ? 'down' : 'degraded';
  return { health, stale, why: null, connected, total };
}

/** Equal by value: a status rebuilt from unchanged data must not redraw its tile. */
export function sameStatus(a: GatewayStatus, b: GatewayStatus): boolean {
  return (
    a.health === b.health &&
    a.stale === b.stale &&
    a.connected === b.connected &&
    a.total === b.total &&
    a.why?.kind === b.why?.kind &&
    a.why?.text === b.why?.text
  );
}

/** Problems first, so the first page of a rotation is the one that matters. */
const HEALTH_RANK: Record<GatewayHealth, number> = { down: 0, 'not-answering': 1, degraded: 2, waiting: 3, healthy: 4 };

export function orderTiles<T extends { gateway: WatchedGateway; status: GatewayStatus; alerting: boolean }>(tiles: readonly T[]): T[] {
  return [...tiles].sort(
    (a, b) =>
      Number(b.alerting) - Number(a.alerting) ||
      HEALTH_RANK[a.status.health] - HEALTH_RANK[b.status.health] ||
      a.gateway.name.localeCompare(b.gateway.name) ||
      a.gateway.id.localeCompare(b.gateway.id),
  );
}

/**
 * The URL's filters. A gateway whose details are not known yet passes a type filter only once
 * they are: showing it under the wrong heading would be worse than showing it a moment later.
 */
export function filterWallGateways(gateways: readonly WatchedGateway[], params: WallParams): WatchedGateway[] {
  const name = params.name?.toLowerCase();
  return gateways.filter((gateway) => {
    if (params.subscription.length > 0) {
      const subscription = gateway.id.split('/')[2]?.toLowerCase() ?? '';
      if (!params.subscription.includes(subscription)) return false;
    }
    if (name && !gateway.name.toLowerCase().includes(name)) return false;
    if (params.type) {
      const type = gateway.summary?.gatewayType?.toLowerCase();
      if (type !== params.type) return false;
    }
    return true;
  });
}

export interface FleetHealth {
  gateways: Record<GatewayHealth, number>;
  /** When the oldest data on screen was fetched (ms); null when no gateway has answered yet. */
  oldestUpdatedAt: number | null;
}

export function summarizeHealth(tiles: readonly { status: GatewayStatus; dataUpdatedAt: number }[]): FleetHealth {
  const gateways: Record<GatewayHealth, number> = { healthy: 0, degraded: 0, down: 0, 'not-answering': 0, waiting: 0 };
  let oldestUpdatedAt: number | null = null;
  for (const { status, dataUpdatedAt } of tiles) {
    gateways[status.health] += 1;
    if (dataUpdatedAt > 0) oldestUpdatedAt = Math.min(oldestUpdatedAt ?? dataUpdatedAt, dataUpdatedAt);
  }
  return { gateways, oldestUpdatedAt };
}
