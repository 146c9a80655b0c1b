import { useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { AppConfig } from '../../../config/app-config';
import type { HistoryBatch } from './history-backend';
import { keepReadable, readEvent, readPoll, readSample } from './history-records';
import { openHistoryStore, type HistoryStatus, type HistoryStore } from './history-store';
import { startSampleRecorder } from './sample-recorder';

const HistoryStoreContext = createContext<HistoryStore | null>(null);
const RETENTION_EVERY_MS = 10 * 60_000;
/** Same name in every tab of the origin, like the IndexedDB database the records go to. */
const HISTORY_CHANNEL = 'bgp-dashboard.history';

function readBatch(value: unknown): HistoryBatch | null {
  if (typeof value !== 'object' || value === null) return null;
  const { samples, polls, events } = value as Record<string, unknown>;
  if (!Array.isArray(samples) || !Array.isArray(polls) || !Array.isArray(events)) return null;
  return { samples: keepReadable(samples, readSample).records, polls: keepReadable(polls, readPoll).records, events: keepReadable(events, readEvent).records };
}

/**
 * Only the tab polling ARM records (see queries/shared-polling); the others' history views learn
 * of each new record from it at once, rather than at their next read of IndexedDB.
 */
function shareRecordsWithOtherTabs(store: HistoryStore): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(HISTORY_CHANNEL);
  const fromOtherTabs = new WeakSet<HistoryBatch>();
  channel.onmessage = (event: MessageEvent<unknown>) => {
    const batch = readBatch(event.data);
    if (!batch) return;
    fromOtherTabs.add(batch);
    store.showFromOtherTab(batch);
  };
  const unsubscribe = store.subscribe((batch) => {
    if (!fromOtherTabs.has(batch)) channel.postMessage(batch);
  });
  return () => {
    unsubscribe();
    channel.close();
  };
}

/**
 * Opens the history store once per signed-in app and records every peers poll into it. Children
 * render at once; history features wait for the store (`useHistoryStore()` is null until then).
 */
export function HistoryProvider({ config, children }: { config: AppConfig; children: ReactNode }) {
  const queryClient = useQueryClient();
  const [store, setStore] = useState<HistoryStore | null>(null);
  const retentionMs = config.historyRetentionHours * 3_600_000;

  useEffect(() => {
    let cancelled = false;
    let opened: HistoryStore | null = null;
    let stopRecorder = () => {};
    let stopSharing = () => {};
    let retentionTimer: ReturnType<typeof setInterval> | undefined;
    // A tab that is closed or hidden (a wall screen about to sleep) writes what it has queued.
    const flushNow = () => void opened?.flush();
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flushNow();
    };
    void openHistoryStore({ retentionMs }).then((ready) => {
      if (cancelled) {
        void ready.close();
        return;
      }
      opened = ready;
      stopRecorder = startSampleRecorder(queryClient, ready);
      stopSharing = shareRecordsWithOtherTabs(ready);
      void ready.enforceRetention(Date.now());
      retentionTimer = setInterval(() => void ready.enforceRetention(Date.now()), RETENTION_EVERY_MS);
      window.addEventListener('pagehide', flushNow);
      document.addEventListener('visibilitychange', onVisibility);
      setStore(ready);
    });
    return () => {
      cancelled = true;
      stopRecorder();
      stopSharing();
      clearInterval(retentionTimer);
      window.removeEventListener('pagehide', flushNow);
      document.removeEventListener('visibilitychange', onVisibility);
      void opened?.close();
    };
  }, [queryClient, retentionMs]);

  return <HistoryStoreContext value={store}>{children}</HistoryStoreContext>;
}

/** The page's history store; null while it opens (or outside a HistoryProvider). */
export function useHistoryStore(): HistoryStore | null {
  return useContext(HistoryStoreContext);
}

const NO_STATUS: HistoryStatus = { persistence: 'indexeddb', memoryReason: null, skippedRecords: 0 };

export function useHistoryStatus(store: HistoryStore | null): HistoryStatus {
  return useSyncExternalStore(
    (listener) => store?.subscribeStatus(listener) ?? (() => {}),
    () => store?.status() ?? NO_STATUS,
  );
}

/** Says when history is not being kept for good, or when damaged records were skipped. */
export function HistoryStatusNote({ store }: { store: HistoryStore | null }) {
  const status = useHistoryStatus(store);
  return (
    <>
      {status.persistence === 'memory' && (
        <p role="status" data-testid="history-memory-note" className="rounded border border-amber-400 bg-amber-950/60 px-3 py-2 text-amber-100">
          History is kept in this tab&apos;s memory only, because {status.memoryReason ?? 'the browser storage is unavailable'}. It
          will not survive a reload.
        </p>
      )}
      {status.skippedRecords > 0 && (
        <p role="status" className="rounded border border-amber-400 bg-amber-950/60 px-3 py-2 text-amber-100">
          {status.skippedRecords} stored history record{status.skippedRecords === 1 ? ' was' : 's were'} damaged and
          skipped; the rest of the history is shown.
        </p>
      )}
    </>
  );
}
