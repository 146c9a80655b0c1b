import { isCancelledError, type QueryClient } from '@tanstack/react-query';
import { isAbortError } from '../azure/arm-error';
import type { BgpPeer } from '../azure/bgp-peer-status';
import { peersKeyGatewayId } from './query-keys';

/** One completed whole-gateway getBgpPeerStatus poll, as the cache saw it. */
export type PeersPoll =
  | { ok: true; gatewayId: string; peers: readonly BgpPeer[]; /** When the answer arrived (ms). */ time: number }
  | { ok: false; gatewayId: string; error: unknown; time: number };

type PollListener = (poll: PeersPoll) => void;

interface SharedPollListener {
  listener: PollListener;
  includeOtherTabs: boolean;
}

/** Polls made by another tab of this browser and applied to this tab's cache (see shared-polling/). */
const sharedPollListeners = new WeakMap<QueryClient, Set<SharedPollListener>>();

export interface PeersPollOptions {
  /**
   * Also the polls another tab (the one that polls ARM for the whole browser) made and shared
   * with this one. What shows them on screen wants them; what records them must not, or every
   * tab would write the same history.
   */
  includeOtherTabs?: boolean;
}

/**
 * Calls `listener` once for every completed poll of any gateway's peers, straight from the query
 * cache, so whoever listens (history recorder, wall alerts) sees each answer exactly once however
 * many components render it, and never causes a second getBgpPeerStatus. Data written by hand
 * (`setQueryData`) and cancelled or aborted polls (navigation, unmount) are not polls and are left
 * out. Returns the unsubscribe function.
 */
export function onPeersPoll(queryClient: QueryClient, listener: PollListener, options: PeersPollOptions = {}): () => void {
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated') return;
    const gatewayId = peersKeyGatewayId(event.query.queryKey);
    if (gatewayId === null) return;
    const { action } = event;
    const state = event.query.state;
    if (action.type === 'success' && !action.manual && Array.isArray(state.data)) {
      // Only peersQueryOptions writes this key, and its queryFn returns validated BgpPeer[].
      listener({ ok: true, gatewayId, peers: state.data as readonly BgpPeer[], time: state.dataUpdatedAt });
    } else if (action.type === 'error' && !isCancelledError(state.error) && !isAbortError(state.error)) {
      listener({ ok: false, gatewayId, error: state.error, time: state.errorUpdatedAt });
    }
  });
  let listeners = sharedPollListeners.get(queryClient);
  if (!listeners) sharedPollListeners.set(queryClient, (listeners = new Set()));
  const entry = { listener, includeOtherTabs: options.includeOtherTabs ?? false };
  const all = listeners;
  all.add(entry);
  return () => {
    unsubscribe();
    all.delete(entry);
  };
}

/**
 * Says that another tab's poll was just applied to this tab's cache (the shared-polling module
 * calls this): listeners that asked for `includeOtherTabs` hear it. With `handedOver`, the tab
 * that made it has closed and this one polls now: the poll is this tab's to record as well, in
 * case the closing tab could not write it (recording is idempotent: same gateway, peer and time).
 */
export function reportSharedPoll(queryClient: QueryClient, poll: PeersPoll, { handedOver = false } = {}): void {
  for (const entry of [...(sharedPollListeners.get(queryClient) ?? [])]) {
    if (handedOver || entry.includeOtherTabs) entry.listener(poll);
  }
}
