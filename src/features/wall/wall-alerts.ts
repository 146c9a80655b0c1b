import type { BgpPeer, BgpPeerState } from '../../azure/bgp-peer-status';
import { peerId } from '../../bgp/peer-identity';

/** The recent-changes strip keeps this many; a wall runs for days, so nothing may grow without end. */
export const MAX_RECENT_CHANGES = 30;

export interface PeerRef {
  gatewayId: string;
  gatewayName: string;
  neighbor: string | null;
  localAddress: string | null;
}

/** A peer that left Connected: pinned to the top until it reconnects or someone presses the acknowledge key. */
export interface PeerAlert extends PeerRef {
  key: string;
  state: BgpPeerState;
  /** When the poll that saw it leave Connected answered. */
  sinceMs: number;
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
}

export interface WallAlertsSnapshot {
  /** Newest first. */
  alerts: readonly PeerAlert[];
  /** Newest first, at most MAX_RECENT_CHANGES. */
  recentChanges: readonly StateChange[];
}

/**
 * Watches successive polls of each gateway for peers changing state. Its memory is bounded by
 * the peers currently reported (peers that vanish are forgotten) plus a fixed-size change list.
 */
export class WallAlerts {
  #seen = new Map<string, Map<string, SeenPeer>>();
  #snapshot: WallAlertsSnapshot = { alerts: [], recentChanges: [] };
  #listeners = new Set<() => void>();

  subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  getSnapshot = (): WallAlertsSnapshot => this.#snapshot;

  /** When the peer entered its current state, if that was seen happen. */
  stateSince(gatewayId: string, peer: Pick<BgpPeer, 'neighbor' | 'localAddress'>): number | null {
    return this.#seen.get(gatewayId.toLowerCase())?.get(peerId(gatewayId, peer))?.sinceMs ?? null;
  }

  /** Feeds one successful poll; returns the alerts it raised (peers that just left Connected). */
  observe(gatewayId: string, gatewayName: string, peers: readonly BgpPeer[], nowMs: number): PeerAlert[] {
    const gatewayKey = gatewayId.toLowerCase();
    const previous = this.#seen.get(gatewayKey);
    const next = new Map<string, SeenPeer>();
    const raised: PeerAlert[] = [];
    const changes: StateChange[] = [];
    const recovered = new Set<string>();
    const current = new Map<string, BgpPeerState>();

    for (const peer of peers) {
      const key = peerId(gatewayId, peer);
      current.set(key, peer.state);
      const before = previous?.get(key);
      if (!before || before.state === peer.state) {
        next.set(key, before ?? { state: peer.state, sinceMs: null });
        continue;
      }
      next.set(key, { state: peer.state, sinceMs: nowMs });
      const ref = { gatewayId, gatewayName, neighbor: peer.neighbor, localAddress: peer.localAddress };
      changes.push({ ...ref, key, atMs: nowMs, from: before.state, to: peer.state });
      if (before.state === 'Connected') raised.push({ ...ref, key, state: peer.state, sinceMs: nowMs });
      if (peer.state === 'Connected') recovered.add(key);
    }
    this.#seen.set(gatewayKey, next);

    const { alerts, recentChanges } = this.#snapshot;
    const keptAlerts = alerts
      .filter((alert) => !recovered.has(alert.key) && !(alert.gatewayId.toLowerCase() === gatewayKey && !current.has(alert.key)))
      .map((alert) => {
        const state = current.get(alert.key);
        return state !== undefined && state !== alert.state ? { ...alert, state } : alert;
      });
    const raisedKeys = new Set(raised.map((alert) => alert.key));
    const nextAlerts = [...raised, ...keptAlerts.filter((alert) => !raisedKeys.has(alert.key))];

    if (changes.length > 0 || !sameAlerts(alerts, nextAlerts)) {
      this.#snapshot = {
        alerts: nextAlerts,
        recentChanges: changes.length > 0 ? [...changes.reverse(), ...recentChanges].slice(0, MAX_RECENT_CHANGES) : recentChanges,
      };
      this.#emit();
    }
    return raised;
  }

  /** The acknowledge key: someone has seen the alerts; the peers stay first in their tiles while down. */
  acknowledge(): void {
    if (this.#snapshot.alerts.length === 0) return;
    this.#snapshot = { ...this.#snapshot, alerts: [] };
    this.#emit();
  }

  /** Forgets gateways no longer on the screen (the URL's filter or the gateway list changed). */
  retainGateways(gatewayIds: readonly string[]): void {
    const keep = new Set(gatewayIds.map((id) => id.toLowerCase()));
    for (const id of this.#seen.keys()) if (!keep.has(id)) this.#seen.delete(id);
    const alerts = this.#snapshot.alerts.filter((alert) => keep.has(alert.gatewayId.toLowerCase()));
    if (alerts.length !== this.#snapshot.alerts.length) {
      this.#snapshot = { ...this.#snapshot, alerts };
      this.#emit();
    }
  }

  #emit(): void {
    for (const listener of this.#listeners) listener();
  }
}

function sameAlerts(a: readonly PeerAlert[], b: readonly PeerAlert[]): boolean {
  return a.length === b.length && a.every((alert, i) => alert === b[i]);
}
