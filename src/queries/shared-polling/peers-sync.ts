import { QueryObserver, type Query, type QueryClient } from '@tanstack/react-query';
import type { SubscriptionBudget } from '../../azure/arm-client';
import type { BgpPeer } from '../../azure/bgp-peer-status';
import { nextPollDelayMs, type peersQueryOptions } from '../get-bgp-peer-status';
import { reportSharedPoll } from '../peers-poll';
import { bgpKeys, peersKeyGatewayId } from '../query-keys';
import { peersQueryStateFrom, readSharedPeersState, sharePeersState, type SharedPeersState } from './peers-state-message';
import { readSharedBudget } from './shared-budget';
import type { TabLeadership } from './tab-leadership';

/** The part of BroadcastChannel the sync uses (tests pass a fake). */
export interface ChannelLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  removeEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

/** What tabs say to each other. `from` is the sending tab's random id. */
export type SyncMessage =
  /**
   * A tab's gateways (peers queries it shows) and whether it is visible; with `snapshot`, it asks
   * the leader for every state now.
   */
  | { type: 'wants'; from: string; gateways: string[]; snapshot: boolean; visible: boolean }
  | { type: 'bye'; from: string }
  /** A tab just became the leader: followers tell it what they show. */
  | { type: 'leader'; from: string }
  /** Peers query states from the leader; `to` only for a snapshot one tab asked for. */
  | { type: 'states'; from: string; to?: string; states: SharedPeersState[] }
  /** The leader's ARM budget (429s, writes left, requests spent), for followers' notices. */
  | { type: 'budget'; from: string; budget: readonly SubscriptionBudget[] };

export interface PeersSyncOptions {
  queryClient: QueryClient;
  leadership: TabLeadership;
  channel: ChannelLike;
  /** The peers query options, for gateways only other tabs show (the leader polls them for them). */
  peersOptions: (gatewayId: string) => ReturnType<typeof peersQueryOptions>;
  intervalMs: number;
  tabId?: string;
  now?: () => number;
  /** A follower repeats what it shows this often; the leader forgets a tab silent for four (a crashed tab says no goodbye). */
  heartbeatMs?: number;
  /** Whether this tab is visible (`document.visibilityState`); tests pass their own. */
  isVisible?: () => boolean;
  /** A leader hidden this long hands over to a visible tab (see `yieldWhenHidden`). */
  hiddenHandOverMs?: number;
  /** This tab's own ARM budget (its scheduler's), sent to followers while this tab leads. */
  budget?: { read(): readonly SubscriptionBudget[]; subscribe(listener: () => void): () => void };
  /** A follower hears the leader's budget here; null when this tab leads (its own budget counts). */
  onLeaderBudget?: (budget: readonly SubscriptionBudget[] | null) => void;
}

export interface PeersSync {
  /** The gateways other tabs show, as the leader knows them (empty in a follower). */
  otherTabsGateways(): string[];
  /** A follower asks the leader for every state again (after sleep, a frozen tab, offline). */
  resync(): void;
  /** The tab became visible or hidden (call on `visibilitychange`). */
  visibilityChanged(): void;
  stop(): void;
}

const DEFAULT_HEARTBEAT_MS = 30_000;
const BUDGET_SEND_MS = 250;
/**
 * Chrome throttles the timers of a tab hidden for 5 minutes to one wake-up a minute: a hidden
 * leader would poll every gateway once a minute at best, for every tab. Well before that, it
 * hands over to a visible tab; not sooner, so switching between two tabs does not move polling
 * (and restart operations) on every switch.
 */
const DEFAULT_HIDDEN_HAND_OVER_MS = 2 * 60_000;

function randomId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

/**
 * One ARM poller for every tab of the browser profile. The leader (see tab-leadership.ts) polls
 * what every tab shows, the union, and broadcasts each peers query state change; followers keep
 * their peers queries disabled and store the leader's states with the leader's timestamps, so
 * "updated N s ago" and STALE say the same in every tab. When the leader goes, the next tab
 * takes each gateway's next poll when it was due, so history has no gap.
 */
export function startPeersSync(options: PeersSyncOptions): PeersSync {
  const { queryClient, leadership, channel, intervalMs } = options;
  const tabId = options.tabId ?? randomId();
  const now = options.now ?? Date.now;
  const heartbeatMs = options.heartbeatMs ?? DEFAULT_HEARTBEAT_MS;
  const isVisible = options.isVisible ?? (() => true);
  const hiddenHandOverMs = options.hiddenHandOverMs ?? DEFAULT_HIDDEN_HAND_OVER_MS;
  let hiddenSince: number | null = isVisible() ? null : now();
  const cache = queryClient.getQueryCache();
  const post = (message: SyncMessage) => channel.postMessage(message);

  /** Observers the leader keeps for gateways only other tabs show; never counted as "this tab shows". */
  const helpers = new Map<string, { stop: () => void }>();
  const helperObservers = new WeakSet<object>();
  const othersWant = new Map<string, { gateways: Set<string>; seenAt: number; visible: boolean }>();
  const dueTimers = new Map<string, ReturnType<typeof setTimeout>>();
  let lastSentWants = '';
  let wasLeader = false;

  const peersQueries = () =>
    cache.getAll().flatMap((query) => {
      const gatewayId = peersKeyGatewayId(query.queryKey);
      return gatewayId === null ? [] : [{ gatewayId, query }];
    });
  const shownHere = (query: Query) => query.observers.some((observer) => !helperObservers.has(observer));
  const wantedHere = () => peersQueries().filter(({ query }) => shownHere(query)).map(({ gatewayId }) => gatewayId).sort();

  // ---- follower side ----
  const sendWants = (snapshot: boolean) => {
    const gateways = wantedHere();
    lastSentWants = gateways.join('\n');
    post({ type: 'wants', from: tabId, gateways, snapshot, visible: isVisible() });
  };

  const apply = (shared: SharedPeersState) => {
    const queryKey = bgpKeys.peers(shared.gatewayId);
    const query = cache.find({ queryKey, exact: true }) ?? cache.build(queryClient, { queryKey });
    const before = query.state;
    // Messages of one channel arrive in order, but a snapshot may cross a newer state.
    if (shared.dataUpdatedAt < before.dataUpdatedAt || shared.errorUpdatedAt < before.errorUpdatedAt) return;
    const next = peersQueryStateFrom(shared);
    // Most messages only change fetchStatus: the same answer keeps its object, so nothing that
    // memoises on it (tables, the wall's model) recomputes.
    if (shared.dataUpdatedAt === before.dataUpdatedAt) next.data = before.data as BgpPeer[] | undefined;
    if (shared.errorUpdatedAt === before.errorUpdatedAt) {
      next.error = before.error as Error | null;
      next.fetchFailureReason = before.fetchFailureReason as Error | null;
    }
    query.setState(next);
    const state = query.state;
    if (shared.dataUpdatedAt > before.dataUpdatedAt && Array.isArray(state.data)) {
      reportSharedPoll(queryClient, { ok: true, gatewayId: shared.gatewayId, peers: state.data as BgpPeer[], time: state.dataUpdatedAt });
    } else if (shared.errorUpdatedAt > before.errorUpdatedAt && state.error) {
      reportSharedPoll(queryClient, { ok: false, gatewayId: shared.gatewayId, error: state.error, time: state.errorUpdatedAt });
    }
  };

  // ---- leader side ----
  // The budget changes with every answer: sent at most every BUDGET_SEND_MS, and with heartbeats
  // and snapshots (its hour window moves on its own).
  let budgetTimer: ReturnType<typeof setTimeout> | null = null;
  const sendBudget = () => {
    if (budgetTimer !== null) clearTimeout(budgetTimer);
    budgetTimer = null;
    if (options.budget && leadership.role() === 'leader') post({ type: 'budget', from: tabId, budget: options.budget.read() });
  };
  const unsubscribeBudget =
    options.budget?.subscribe(() => {
      if (budgetTimer === null && leadership.role() === 'leader') budgetTimer = setTimeout(sendBudget, BUDGET_SEND_MS);
    }) ?? (() => {});

  // Changed queries by gateway, kept from the cache's event: a lookup by key hashes every query's
  // key, and 200 gateways answering in one batch made that a long task.
  const pending = new Map<string, Query>();
  const flushStates = () => {
    const states = [...pending].map(([gatewayId, query]) => sharePeersState(gatewayId, query.state));
    pending.clear();
    if (states.length > 0) post({ type: 'states', from: tabId, states });
  };
  const snapshotFor = (to: string) => {
    const states = peersQueries()
      .filter(({ query }) => query.state.dataUpdatedAt > 0 || query.state.errorUpdatedAt > 0)
      .map(({ gatewayId, query }) => sharePeersState(gatewayId, query.state));
    post({ type: 'states', from: tabId, to, states });
  };

  /** Polls a gateway when its next poll is due by the last answer, not a whole interval from now. */
  const pollWhenDue = (gatewayId: string) => {
    const query = cache.find({ queryKey: bgpKeys.peers(gatewayId), exact: true });
    if (!query || dueTimers.has(gatewayId)) return;
    const last = Math.max(query.state.dataUpdatedAt, query.state.errorUpdatedAt);
    // As the old leader would have: one interval after the last answer, or what a 429 asked for.
    const dueAt = last + nextPollDelayMs(query.state.errorUpdatedAt > query.state.dataUpdatedAt ? query.state.error : null, intervalMs);
    // A stale query is fetched by its observers as soon as they are enabled.
    if (last === 0 || dueAt <= now()) return;
    const attempt = (triesLeft: number) => {
      dueTimers.delete(gatewayId);
      if (leadership.role() !== 'leader') return;
      const current = cache.find({ queryKey: bgpKeys.peers(gatewayId), exact: true });
      if (!current || current.state.fetchStatus !== 'idle' || Math.max(current.state.dataUpdatedAt, current.state.errorUpdatedAt) > last) return;
      if (!current.isActive()) {
        // The page has not re-rendered its queries as enabled yet.
        if (triesLeft > 0) dueTimers.set(gatewayId, setTimeout(() => attempt(triesLeft - 1), 100));
        return;
      }
      void queryClient.refetchQueries({ queryKey: bgpKeys.peers(gatewayId), exact: true, type: 'active' }, { cancelRefetch: false });
    };
    dueTimers.set(gatewayId, setTimeout(() => attempt(20), dueAt - now()));
  };

  const reconcileHelpers = () => {
    const wanted = new Set<string>();
    if (leadership.role() === 'leader') {
      // Four, not two: a hidden tab's timers may run only once a minute.
      const cutoff = now() - 4 * heartbeatMs;
      for (const [tab, entry] of othersWant) {
        if (entry.seenAt < cutoff) othersWant.delete(tab);
        else for (const gatewayId of entry.gateways) wanted.add(gatewayId);
      }
    }
    for (const [gatewayId, helper] of helpers) {
      if (!wanted.has(gatewayId)) {
        helper.stop();
        helpers.delete(gatewayId);
      }
    }
    for (const gatewayId of wanted) {
      if (helpers.has(gatewayId)) continue;
      const observer = new QueryObserver(queryClient, { ...options.peersOptions(gatewayId), enabled: true });
      helperObservers.add(observer);
      pollWhenDue(gatewayId);
      helpers.set(gatewayId, { stop: observer.subscribe(() => {}) });
    }
  };

  /** A leader hidden for long, while another tab is visible, lets that tab poll (see DEFAULT_HIDDEN_HAND_OVER_MS). */
  const yieldWhenHidden = () => {
    if (leadership.role() !== 'leader' || hiddenSince === null || now() - hiddenSince < hiddenHandOverMs) return;
    if (![...othersWant.values()].some((entry) => entry.visible)) return;
    // Operations under way here would be answered to nobody: the next leader polls these gateways
    // at once (their answers are due), so they are cancelled rather than made twice.
    void queryClient.cancelQueries({ predicate: (query) => peersKeyGatewayId(query.queryKey) !== null });
    leadership.yieldToNext();
  };

  const takeOver = () => {
    options.onLeaderBudget?.(null);
    // Fetches the old leader had running are nobody's now.
    for (const { query } of peersQueries()) {
      if (query.state.fetchStatus !== 'idle') query.setState({ fetchStatus: 'idle' });
    }
    post({ type: 'leader', from: tabId });
    for (const { gatewayId, query } of peersQueries()) {
      if (!shownHere(query)) continue;
      const { data, dataUpdatedAt, error, errorUpdatedAt } = query.state;
      // The old leader's last answer may not have reached the history before its tab closed.
      if (Array.isArray(data) && dataUpdatedAt >= errorUpdatedAt) {
        reportSharedPoll(queryClient, { ok: true, gatewayId, peers: data as BgpPeer[], time: dataUpdatedAt }, { handedOver: true });
      } else if (error && errorUpdatedAt > 0) {
        reportSharedPoll(queryClient, { ok: false, gatewayId, error, time: errorUpdatedAt }, { handedOver: true });
      }
      pollWhenDue(gatewayId);
    }
    reconcileHelpers();
  };

  const onRole = () => {
    const role = leadership.role();
    if (role === 'leader' && !wasLeader) {
      wasLeader = true;
      takeOver();
    } else if (role === 'follower') {
      if (wasLeader) {
        // Handed over to a visible tab: what this tab polled for the others is the new leader's now.
        wasLeader = false;
        for (const timer of dueTimers.values()) clearTimeout(timer);
        dueTimers.clear();
        othersWant.clear();
        reconcileHelpers();
      }
      sendWants(true);
    }
  };

  const onMessage = (event: { data: unknown }) => {
    const message = event.data as SyncMessage | null;
    if (!message || typeof message !== 'object' || typeof message.from !== 'string' || message.from === tabId) return;
    const role = leadership.role();
    switch (message.type) {
      case 'wants': {
        if (role !== 'leader' || !Array.isArray(message.gateways)) return;
        // States go out only while other tabs are known: a tab forgotten meanwhile (silent four
        // heartbeats, e.g. frozen in the background) missed some, so it gets a snapshot too.
        const forgotten = !othersWant.has(message.from);
        othersWant.set(message.from, {
          gateways: new Set(message.gateways.filter((g): g is string => typeof g === 'string')),
          seenAt: now(),
          visible: message.visible === true,
        });
        reconcileHelpers();
        if (message.snapshot || forgotten) {
          snapshotFor(message.from);
          sendBudget();
        }
        yieldWhenHidden();
        return;
      }
      case 'bye':
        if (othersWant.delete(message.from)) reconcileHelpers();
        return;
      case 'leader':
        if (role === 'follower') sendWants(true);
        return;
      case 'states':
        if (role !== 'follower' || (message.to !== undefined && message.to !== tabId) || !Array.isArray(message.states)) return;
        for (const value of message.states) {
          const shared = readSharedPeersState(value);
          if (shared) apply(shared);
        }
        return;
      case 'budget': {
        if (role !== 'follower') return;
        const budget = readSharedBudget(message.budget);
        if (budget) options.onLeaderBudget?.(budget);
        return;
      }
    }
  };

  let wantsCheck = false;
  const unsubscribeCache = cache.subscribe((event) => {
    const gatewayId = peersKeyGatewayId(event.query.queryKey);
    if (gatewayId === null) return;
    if (event.type === 'observerAdded' || event.type === 'observerRemoved') {
      if (helperObservers.has(event.observer) || leadership.role() !== 'follower' || wantsCheck) return;
      // One message for a page that mounts many panels at once.
      wantsCheck = true;
      queueMicrotask(() => {
        wantsCheck = false;
        if (leadership.role() === 'follower' && wantedHere().join('\n') !== lastSentWants) sendWants(false);
      });
    } else if (event.type === 'updated' && leadership.role() === 'leader' && event.action.type !== 'failed' && othersWant.size > 0) {
      // Only while another tab is known: a tab that opens asks for a snapshot of every state first.
      if (pending.size === 0) queueMicrotask(flushStates);
      pending.set(gatewayId, event.query);
    }
  });

  channel.addEventListener('message', onMessage);
  const unsubscribeRole = leadership.subscribe(onRole);
  const heartbeat = setInterval(() => {
    if (leadership.role() === 'follower') sendWants(false);
    else if (leadership.role() === 'leader') {
      reconcileHelpers();
      sendBudget();
      yieldWhenHidden();
    }
  }, heartbeatMs);
  onRole();

  return {
    otherTabsGateways: () => [...helpers.keys()].sort(),
    resync: () => {
      if (leadership.role() === 'follower') sendWants(true);
    },
    visibilityChanged: () => {
      const visible = isVisible();
      hiddenSince = visible ? null : (hiddenSince ?? now());
      // A follower coming back asks for every state (it may have been frozen meanwhile); the
      // leader learns of each follower's visibility, to hand over if it is itself hidden.
      if (leadership.role() === 'follower') sendWants(visible);
    },
    stop() {
      post({ type: 'bye', from: tabId });
      clearInterval(heartbeat);
      if (budgetTimer !== null) clearTimeout(budgetTimer);
      unsubscribeBudget();
      for (const timer of dueTimers.values()) clearTimeout(timer);
      dueTimers.clear();
      unsubscribeRole();
      unsubscribeCache();
      channel.removeEventListener('message', onMessage);
      for (const helper of helpers.values()) helper.stop();
      helpers.clear();
    },
  };
}
