import { isCancelledError, type QueryClient } from '@tanstack/react-query';
import { isAbortError } from '../azure/arm-error';
import type { BgpPeer } from '../azure/bgp-peer-status';
import { peersKeyGatewayId } from './query-keys';

/** One completed whole-gateway getBgpPeerStatus poll, as the cache saw it. */
export type PeersPoll =
  | { ok: true; gatewayId: string; peers: readonly BgpPeer[]; /** When the answer arrived (ms). */ time: number }
  | { ok: false; gatewayId: string; error: unknown; time: number };

/**
 * Calls `listener` once for every completed poll of any gateway's peers, straight from the query
 * cache, so whoever listens (history recorder, wall alerts) sees each answer exactly once however
 * many components render it, and never causes a second getBgpPeerStatus. Data written by hand
 * (`setQueryData`) and cancelled or aborted polls (navigation, unmount) are not polls and are left
 * out. Returns the unsubscribe function.
 */
export function onPeersPoll(queryClient: QueryClient, listener: (poll: PeersPoll) => void): () => void {
  return queryClient.getQueryCache().subscribe((event) => {
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
}
