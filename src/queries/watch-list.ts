import { useCallback, useMemo, useSyncExternalStore } from 'react';
import { useSearchParams } from 'wouter';
import { isArmError } from '../azure/arm-error';
import { parseGatewayId } from '../azure/resource-id';
import { useTenantId } from './use-tenant';
import { parseSubscriptionsParam, parseWatchParam, SUBSCRIPTIONS_PARAM, WATCH_PARAM, type WatchEntryProblem } from './watch-list-url';

/** Where the watch list came from, in the order they win: the link, this browser, config, none (every gateway). */
export type WatchListSource = 'url' | 'saved' | 'config' | 'all';

export interface WatchList {
  /** The gateways to watch; empty when `source` is `all` (discover every gateway). */
  ids: string[];
  source: WatchListSource;
  /** `subs=`: the subscriptions to discover in when every gateway is shown; empty: all. */
  subscriptionIds: string[];
  /** Entries of the link's `watch=` / `subs=` that were skipped, each with why. */
  problems: WatchEntryProblem[];
}

const STORAGE_PREFIX = 'bgp-dashboard.watch-list.';
/** Told within this tab when the saved list changes (the storage event reaches only other tabs). */
const CHANGE_EVENT = 'bgp-dashboard.watch-list-changed';

/** One saved list per tenant: a guest's customer tenants each have their own gateways. */
export function watchListStorageKey(tenantId: string | null): string {
  return `${STORAGE_PREFIX}${tenantId ?? 'home'}`;
}

/** The saved IDs (valid ones only: storage is input too), or null when none is saved. */
export function readSavedWatchList(storageKey: string): string[] | null {
  let text: string | null;
  try {
    text = globalThis.localStorage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
  if (text === null) return null;
  try {
    const parsed: unknown = JSON.parse(text);
    if (!Array.isArray(parsed)) return null;
    return parsed.flatMap((value) => {
      try {
        return typeof value === 'string' ? [parseGatewayId(value).id] : [];
      } catch (error) {
        if (!isArmError(error)) throw error;
        return [];
      }
    });
  } catch {
    return null;
  }
}

/** Saves the list for the tenant; an empty list forgets it (then config, or every gateway, applies). */
export function saveWatchList(storageKey: string, gatewayIds: readonly string[]): void {
  try {
    if (gatewayIds.length === 0) globalThis.localStorage?.removeItem(storageKey);
    else globalThis.localStorage?.setItem(storageKey, JSON.stringify(gatewayIds));
  } catch {
    // Private mode or a full quota: the list still lives in the URL.
  }
  globalThis.dispatchEvent?.(new Event(CHANGE_EVENT));
}

function subscribeToSaved(onChange: () => void): () => void {
  globalThis.addEventListener?.('storage', onChange);
  globalThis.addEventListener?.(CHANGE_EVENT, onChange);
  return () => {
    globalThis.removeEventListener?.('storage', onChange);
    globalThis.removeEventListener?.(CHANGE_EVENT, onChange);
  };
}

/** Precedence, pure: the link's `watch=` > the saved list > config > every gateway. */
export function resolveWatchList(input: {
  watchParam: string | null;
  subsParam: string | null;
  saved: readonly string[] | null;
  configured: readonly string[];
}): WatchList {
  const fromUrl = parseWatchParam(input.watchParam);
  const subs = parseSubscriptionsParam(input.subsParam);
  const problems = [...fromUrl.problems, ...subs.problems];
  const base = { subscriptionIds: subs.subscriptionIds, problems };
  // A link whose every entry is malformed still wins: showing some other list would hide the mistake.
  if (input.watchParam !== null && input.watchParam.trim() !== '') return { ...base, ids: fromUrl.ids, source: 'url' };
  if (input.saved && input.saved.length > 0) return { ...base, ids: [...input.saved], source: 'saved' };
  if (input.configured.length > 0) return { ...base, ids: [...input.configured], source: 'config' };
  return { ...base, ids: [], source: 'all' };
}

/** The tenant's saved watch list (null when none), kept current across tabs. */
export function useSavedWatchList(): { ids: string[] | null; storageKey: string; save: (ids: readonly string[]) => void } {
  const storageKey = watchListStorageKey(useTenantId());
  // The raw text is the snapshot (a stable string); it is parsed once per change below.
  const text = useSyncExternalStore(subscribeToSaved, () => readRaw(storageKey), () => null);
  const ids = useMemo(() => (text === null ? null : readSavedWatchList(storageKey)), [text, storageKey]);
  const save = useCallback((list: readonly string[]) => saveWatchList(storageKey, list), [storageKey]);
  return { ids, storageKey, save };
}

function readRaw(storageKey: string): string | null {
  try {
    return globalThis.localStorage?.getItem(storageKey) ?? null;
  } catch {
    return null;
  }
}

/** The gateways to watch, from the URL, this browser, or config (see resolveWatchList). */
export function useWatchList(configuredIds: readonly string[]): WatchList {
  const [params] = useSearchParams();
  const saved = useSavedWatchList().ids;
  const watchParam = params.get(WATCH_PARAM);
  const subsParam = params.get(SUBSCRIPTIONS_PARAM);
  return useMemo(
    () => resolveWatchList({ watchParam, subsParam, saved, configured: configuredIds }),
    [watchParam, subsParam, saved, configuredIds],
  );
}
