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
  /** Alerts from before a reload, per gateway (lower-cased ID), until its first poll confirms or clears them. */
  #restored = new Map<string, PeerAlert[]>();
  #snapshot: PeerSignalsSnapshot = { alerts: [], recentChanges: [], notTrying: new Set() };
  #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): PeerSignalsSnapshot => this.#snapshot;

  /**
   * Alerts saved before the page reloaded (a wall restarts; a desk reloads). They are not shown
   * at once: each gateway's first poll keeps those still true — a peer still down, routes still
   * withdrawn, a flap within the hour — with their first time and acknowledgement, and drops the
   * others. Without this, a peer down across a reload would be "down when first seen": no alert.
   */
  restore(alerts: readonly PeerAlert[]): void {
    const byGateway = new Map<string, PeerAlert[]>();
    for (const alert of alerts) {
      const gatewayKey = alert.gatewayId.toLowerCase();
      if (!this.#seen.has(gatewayKey)) byGateway.set(gatewayKey, [...(byGateway.get(gatewayKey) ?? []), alert]);
    }
    for (const [gatewayKey, list] of byGateway) this.#restored.set(gatewayKey, list);
  }

  /** The gateways polled so far (lower-cased IDs): their alerts are this page's to save. */
  observedGateways(): string[] {
    return [...this.#seen.keys()];
  }

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
    // A gateway's first poll in this page settles the alerts saved before a reload.
    const restored = previous === undefined ? (this.#restored.get(gatewayKey) ?? []) : [];
    this.#restored.delete(gatewayKey);
    const confirmed: PeerAlert[] = [];

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
        const seen: SeenPeer = { state: peer.state, sinceMs: null, routesReceived: peer.routesReceived, notTrying: peer.state === 'Stopped', changes: [] };
        next.set(key, seen);
        if (previous === undefined) {
          for (const kept of confirmRestored(restored, key, peer, nowMs)) {
            confirmed.push(kept);
            if (kept.kind === 'down') {
              seen.sinceMs = kept.sinceMs;
              seen.notTrying = false;
            } else if (kept.kind === 'flapping') seen.changes = [kept.sinceMs];
          }
        }
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
    const keptKeys = new Set(keptAlerts.map((alert) => alert.key));
    const nextAlerts = [
      ...raised,
      ...keptAlerts.filter((alert) => !raisedKeys.has(alert.key)),
      ...confirmed.filter((alert) => !raisedKeys.has(alert.key) && !keptKeys.has(alert.key)),
    ].sort((a, b) => b.sinceMs - a.sinceMs);
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
    for (const id of this.#restored.keys()) if (!keep.has(id)) this.#restored.delete(id);
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

/** The saved alerts of one peer that its first poll after a reload confirms, brought up to date. */
function confirmRestored(restored: readonly PeerAlert[], key: string, peer: BgpPeer, nowMs: number): PeerAlert[] {
  const kept: PeerAlert[] = [];
  for (const alert of restored) {
    if (alert.peerKey !== key) continue;
    const stillTrue =
      alert.kind === 'down'
        ? peer.state !== 'Connected'
        : alert.kind === 'routes-withdrawn'
          ? peer.state === 'Connected' && alert.routes !== undefined && peer.routesReceived !== null && peer.routesReceived * 2 <= alert.routes.from
          : nowMs - alert.sinceMs < FLAP_WINDOW_MS;
    if (!stillTrue) continue;
    const routes = alert.routes && peer.routesReceived !== null ? { from: alert.routes.from, to: Math.min(alert.routes.to, peer.routesReceived) } : alert.routes;
    kept.push({ ...alert, state: peer.state, ...(routes ? { routes } : {}) });
  }
  return kept;
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
