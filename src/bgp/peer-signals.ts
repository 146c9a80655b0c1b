import type { BgpPeer, BgpPeerState } from '../azure/bgp-peer-status';
import { peerId } from './peer-identity';
import { instanceLabels } from './peer-instances';

/** The recent-changes list keeps this many; a wall runs for days, so nothing may grow without end. */
export const MAX_RECENT_CHANGES = 30;

/** Flapping: this many state changes within FLAP_WINDOW_MS; cleared after as long without one. */
export const FLAP_CHANGES = 3;
export const FLAP_WINDOW_MS = 60 * 60_000;

export interface PeerRef {
  gatewayId: string;
  gatewayName: string;
  neighbor: string | null;
  localAddress: string | null;
  /** "Instance 0" / "Instance 1" on an active-active gateway; null on a single instance. */
  instance: string | null;
}

/**
 * - `down`: the peer left Connected (pinned until it reconnects);
 * - `routes-withdrawn`: still Connected, but routesReceived fell to 0 or by at least half between
 *   two polls — the failure BGP state alone never shows (cleared when routes are back above half);
 * - `flapping`: FLAP_CHANGES state changes within an hour (cleared after an hour without one).
 */
export type PeerAlertKind = 'down' | 'routes-withdrawn' | 'flapping';

export interface PeerAlert extends PeerRef {
  /** Unique per peer and kind. */
  key: string;
  /** peerId of the peer (one peer can have several alerts). */
  peerKey: string;
  kind: PeerAlertKind;
  /** The peer's state now. */
  state: BgpPeerState;
  /** When the poll that raised it answered. */
  sinceMs: number;
  /** Someone pressed acknowledge: still listed (dimmed) until it recovers, no longer flashing. */
  acknowledged: boolean;
  /** routes-withdrawn: the count before the drop and the lowest since. */
  routes?: { from: number; to: number };
}

export interface StateChange extends PeerRef {
  key: string;
  atMs: number;
  from: BgpPeerState;
  to: BgpPeerState;
}

interface SeenPeer {
  state: BgpPeerState;
  /** When this state was first seen, or null when the peer was already in it on the first poll. */
  sinceMs: number | null;
  routesReceived: number | null;
  /** Stopped when first seen and never seen otherwise: administratively down, not an outage. */
  notTrying: boolean;
  /** Times it entered or left Connected within the last FLAP_WINDOW_MS. */
  changes: number[];
}

export interface PeerSignalsSnapshot {
  /** Newest first; acknowledged ones included. */
  alerts: readonly PeerAlert[];
  /** Newest first, at most MAX_RECENT_CHANGES. */
  recentChanges: readonly StateChange[];
  /** peerIds of the peers that are "Stopped (not trying)". */
  notTrying: ReadonlySet<string>;
}

export interface ObserveOptions {
  /** From the gateway's properties; two local addresses also mean two instances. */
  activeActive?: boolean;
}

/**
 * Watches successive polls of each gateway and derives what a NOC acts on: drops, withdrawn
 * routes, flapping, and which Stopped peers were never trying. Whether a peer is expected down
 * (maintenance) is not its business: that filter applies when alerts are shown, so an alert that
 * outlives its maintenance window appears once the window ends. Memory is bounded by the peers
 * currently reported (peers that vanish are forgotten) plus a fixed-size change list.
 */
export class PeerSignals {
  #seen = new Map<string, Map<string, SeenPeer>>();
  #snapshot: PeerSignalsSnapshot = { alerts: [], recentChanges: [], notTrying: new Set() };
  #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): PeerSignalsSnapshot => this.#snapshot;

  /** When the peer entered its current state, if that was seen happen. */
  stateSince(gatewayId: string, peer: Pick<BgpPeer, 'neighbor' | 'localAddress'>): number | null {
    return this.#seen.get(gatewayId.toLowerCase())?.get(peerId(gatewayId, peer))?.sinceMs ?? null;
  }

  /** Feeds one successful poll; returns the alerts it raised. */
  observe(gatewayId: string, gatewayName: string, peers: readonly BgpPeer[], nowMs: number, options: ObserveOptions = {}): PeerAlert[] {
    const gatewayKey = gatewayId.toLowerCase();
    const previous = this.#seen.get(gatewayKey);
    const next = new Map<string, SeenPeer>();
    const instances = instanceLabels(peers, options.activeActive ?? false);
    const raised: PeerAlert[] = [];
    const changes: StateChange[] = [];
    /** Alert keys that recovered in this poll. */
    const cleared = new Set<string>();
    const current = new Map<string, BgpPeerState>();
    /** routes-withdrawn alerts whose lowest count went further down. */
    const lower = new Map<string, number>();

    for (const peer of peers) {
      const key = peerId(gatewayId, peer);
      current.set(key, peer.state);
      const ref: PeerRef = {
        gatewayId,
        gatewayName,
        neighbor: peer.neighbor,
        localAddress: peer.localAddress,
        instance: peer.localAddress === null ? null : (instances.get(peer.localAddress) ?? null),
      };
      const alert = (kind: PeerAlertKind, extra: Partial<PeerAlert> = {}): PeerAlert => ({
        ...ref,
        key: `${kind}|${key}`,
        peerKey: key,
        kind,
        state: peer.state,
        sinceMs: nowMs,
        acknowledged: false,
        ...extra,
      });
      const before = previous?.get(key);
      if (!before) {
        next.set(key, { state: peer.state, sinceMs: null, routesReceived: peer.routesReceived, notTrying: peer.state === 'Stopped', changes: [] });
        continue;
      }
      const recent = before.changes.filter((at) => nowMs - at < FLAP_WINDOW_MS);
      const seen: SeenPeer = { ...before, routesReceived: peer.routesReceived, changes: recent };
      next.set(key, seen);

      if (before.state !== peer.state) {
        seen.state = peer.state;
        seen.sinceMs = nowMs;
        seen.notTrying = false;
        changes.push({ ...ref, key, atMs: nowMs, from: before.state, to: peer.state });
        if (before.state === 'Connected') {
          raised.push(alert('down'));
          // The drop says more than the routes that went with it.
          cleared.add(`routes-withdrawn|${key}`);
        }
        if (peer.state === 'Connected') cleared.add(`down|${key}`);
        // Only entering or leaving Connected counts: Idle ↔ Connecting while down is one outage.
        if (before.state === 'Connected' || peer.state === 'Connected') {
          seen.changes = [...recent, nowMs].slice(-FLAP_CHANGES * 4);
          if (seen.changes.length >= FLAP_CHANGES && !this.#has(`flapping|${key}`)) {
            raised.push(alert('flapping'));
          }
        }
      } else if (peer.state === 'Connected' && before.state === 'Connected') {
        const was = before.routesReceived;
        const now = peer.routesReceived;
        const existing = this.#find(`routes-withdrawn|${key}`);
        if (existing?.routes && now !== null) {
          if (now * 2 > existing.routes.from) cleared.add(existing.key);
          else if (now < existing.routes.to) lower.set(existing.key, now);
        } else if (was !== null && now !== null && was > 0 && now * 2 <= was) {
          raised.push(alert('routes-withdrawn', { routes: { from: was, to: now } }));
        }
      }
      const lastChange = seen.changes.at(-1);
      if (lastChange === undefined || nowMs - lastChange >= FLAP_WINDOW_MS) cleared.add(`flapping|${key}`);
    }
    this.#seen.set(gatewayKey, next);

    const { alerts, recentChanges, notTrying } = this.#snapshot;
    const keptAlerts = alerts
      .filter((alert) => !cleared.has(alert.key) && !(alert.gatewayId.toLowerCase() === gatewayKey && !current.has(alert.peerKey)))
      .map((alert) => {
        const state = current.get(alert.peerKey);
        const to = lower.get(alert.key);
        if ((state === undefined || state === alert.state) && to === undefined) return alert;
        return { ...alert, ...(state !== undefined ? { state } : {}), ...(to !== undefined && alert.routes ? { routes: { ...alert.routes, to } } : {}) };
      });
    const raisedKeys = new Set(raised.map((alert) => alert.key));
    const nextAlerts = [...raised, ...keptAlerts.filter((alert) => !raisedKeys.has(alert.key))];
    const nextNotTrying = notTryingAfter(notTrying, gatewayKey, next);

    if (changes.length > 0 || !sameAlerts(alerts, nextAlerts) || nextNotTrying !== notTrying) {
      this.#snapshot = {
        alerts: nextAlerts,
        recentChanges: changes.length > 0 ? [...changes.reverse(), ...recentChanges].slice(0, MAX_RECENT_CHANGES) : recentChanges,
        notTrying: nextNotTrying,
      };
      this.#emit();
    }
    return raised;
  }

  /** Someone has seen the alerts: they stay listed, dimmed, until each recovers. */
  acknowledge(): void {
    if (this.#snapshot.alerts.every((alert) => alert.acknowledged)) return;
    this.#snapshot = { ...this.#snapshot, alerts: this.#snapshot.alerts.map((alert) => (alert.acknowledged ? alert : { ...alert, acknowledged: true })) };
    this.#emit();
  }

  /** Forgets gateways no longer on the screen (the URL's filter or the gateway list changed). */
  retainGateways(gatewayIds: readonly string[]): void {
    const keep = new Set(gatewayIds.map((id) => id.toLowerCase()));
    for (const id of this.#seen.keys()) if (!keep.has(id)) this.#seen.delete(id);
    const alerts = this.#snapshot.alerts.filter((alert) => keep.has(alert.gatewayId.toLowerCase()));
    const notTrying = new Set([...this.#snapshot.notTrying].filter((key) => keep.has(key.slice(0, key.indexOf('|')))));
    if (alerts.length !== this.#snapshot.alerts.length || notTrying.size !== this.#snapshot.notTrying.size) {
      this.#snapshot = { ...this.#snapshot, alerts, notTrying };
      this.#emit();
    }
  }

  #find(key: string): PeerAlert | undefined {
    return this.#snapshot.alerts.find((alert) => alert.key === key);
  }

  #has(key: string): boolean {
    return this.#find(key) !== undefined;
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

/** The not-trying set with this gateway's part replaced; the same object when nothing changed. */
function notTryingAfter(previous: ReadonlySet<string>, gatewayKey: string, seen: Map<string, SeenPeer>): ReadonlySet<string> {
  const prefix = `${gatewayKey}|`;
  const mine = [...seen].filter(([, peer]) => peer.notTrying).map(([key]) => key);
  const before = [...previous].filter((key) => key.startsWith(prefix));
  if (mine.length === before.length && mine.every((key) => previous.has(key))) return previous;
  return new Set([...[...previous].filter((key) => !key.startsWith(prefix)), ...mine]);
}

function sameAlerts(a: readonly PeerAlert[], b: readonly PeerAlert[]): boolean {
  return a.length === b.length && a.every((alert, i) => alert === b[i]);
}
