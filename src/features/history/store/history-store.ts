import { createMemoryBackend, emptyBatch, type HistoryBackend, type HistoryBatch, type HistoryRead, type MemoryLimits } from './history-backend';
import { openIndexedDbBackend, type OpenHistoryDbOptions } from './history-db';
import type { HistoryEvent } from '../model/peer-sample';

export interface HistoryStatus {
  /** Where new history goes. */
  persistence: 'indexeddb' | 'memory';
  /** Why history is in memory only (shown to the user), or null. */
  memoryReason: string | null;
  /** Damaged stored records skipped so far. */
  skippedRecords: number;
}

export interface HistoryStore {
  /** Queues a poll's samples, outcome and events; written within `flushEveryMs`. */
  record(batch: HistoryBatch): void;
  /** Writes what is queued now (before the page goes away). */
  flush(): Promise<void>;
  /** A gateway's history in [fromMs, toMs], queued records included. */
  read(gatewayId: string, fromMs: number, toMs: number): Promise<HistoryRead>;
  /** Every gateway's events since `fromMs`, newest first. */
  recentEvents(fromMs: number, limit: number): Promise<HistoryEvent[]>;
  /** Drops what is older than the retention (also done periodically by the provider). */
  enforceRetention(nowMs: number): Promise<void>;
  /** New records as they are recorded (before they are written), here or in another tab. */
  subscribe(listener: (batch: HistoryBatch) => void): () => void;
  /** Records another tab of this browser recorded and writes itself: told to subscribers, not written again. */
  showFromOtherTab(batch: HistoryBatch): void;
  status(): HistoryStatus;
  subscribeStatus(listener: () => void): () => void;
  close(): Promise<void>;
}

export interface HistoryStoreOptions {
  retentionMs: number;
  flushEveryMs?: number;
  /** Queued samples that trigger a write before the timer does. */
  flushAtSamples?: number;
  memoryLimits?: MemoryLimits;
  /** The persistent backend; defaults to IndexedDB. Tests pass a failing one. */
  openBackend?: () => Promise<HistoryBackend>;
  db?: OpenHistoryDbOptions;
}

function describeFailure(error: unknown): string {
  if (error instanceof DOMException || error instanceof Error) {
    return error.name === 'QuotaExceededError'
      ? 'the browser storage quota is full'
      : `${error.name === 'Error' ? '' : `${error.name}: `}${error.message || 'IndexedDB failed'}`;
  }
  return String(error);
}

/**
 * The sample store: batched writes to IndexedDB with a memory fallback. When IndexedDB cannot be
 * opened (private mode) or a write fails (quota, a broken database), new history goes to memory
 * from then on, the failed batch included, and `status()` says why; nothing is lost from what is
 * on screen and nothing throws at the caller.
 */
export async function openHistoryStore(options: HistoryStoreOptions): Promise<HistoryStore> {
  const flushEveryMs = options.flushEveryMs ?? 2_000;
  const flushAtSamples = options.flushAtSamples ?? 500;
  const memory = createMemoryBackend(options.memoryLimits);
  let persistent: HistoryBackend | null = null;
  let memoryReason: string | null = null;
  try {
    persistent = await (options.openBackend ?? (() => openIndexedDbBackend(options.db)))();
  } catch (error) {
    memoryReason = `the browser refused to keep it (${describeFailure(error)})`;
  }
  /** Once a write failed, persistent storage is only read from. */
  let writable = persistent !== null;
  let skippedRecords = 0;
  let queue = emptyBatch();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  const listeners = new Set<(batch: HistoryBatch) => void>();
  const statusListeners = new Set<() => void>();
  let status: HistoryStatus = { persistence: writable ? 'indexeddb' : 'memory', memoryReason, skippedRecords };
  const updateStatus = () => {
    status = { persistence: writable ? 'indexeddb' : 'memory', memoryReason, skippedRecords };
    for (const listener of statusListeners) listener();
  };
  const addSkipped = (count: number) => {
    if (count === 0) return;
    skippedRecords += count;
    console.warn(`History: ${count} damaged stored record(s) skipped.`);
    updateStatus();
  };

  const writeBatch = async (batch: HistoryBatch) => {
    if (writable && persistent) {
      try {
        await persistent.write(batch);
        return;
      } catch (error) {
        writable = false;
        memoryReason = `saving it failed (${describeFailure(error)})`;
        updateStatus();
      }
    }
    await memory.write(batch);
  };

  const flush = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const batch = queue;
    queue = emptyBatch();
    if (batch.samples.length + batch.polls.length + batch.events.length === 0) return writing;
    // One write at a time, in order: a later poll never lands before an earlier one.
    writing = writing.then(() => writeBatch(batch));
    return writing;
  };

  const readAll = async (gatewayId: string, fromMs: number, toMs: number): Promise<HistoryRead> => {
    const parts = [await memory.read(gatewayId, fromMs, toMs)];
    if (persistent) {
      try {
        const stored = await persistent.read(gatewayId, fromMs, toMs);
        addSkipped(stored.skipped);
        parts.unshift(stored);
      } catch (error) {
        console.warn('History: reading IndexedDB failed', error);
      }
    }
    const inRange = <T extends { gatewayId: string; time: number }>(items: readonly T[]) =>
      items.filter((item) => item.gatewayId === gatewayId && item.time >= fromMs && item.time <= toMs);
    return {
      samples: dedupeByKey([...parts.flatMap((p) => p.samples), ...inRange(queue.samples)], (s) => `${s.peerKey}|${s.time}`),
      polls: dedupeByKey([...parts.flatMap((p) => p.polls), ...inRange(queue.polls)], (p) => String(p.time)),
      events: dedupeEvents([...parts.flatMap((p) => p.events), ...inRange(queue.events)]),
      skipped: parts.reduce((sum, p) => sum + p.skipped, 0),
    };
  };

  return {
    record(batch) {
      queue.samples.push(...batch.samples);
      queue.polls.push(...batch.polls);
      queue.events.push(...batch.events);
      for (const listener of listeners) listener(batch);
      if (queue.samples.length >= flushAtSamples) void flush();
      else timer ??= setTimeout(() => void flush(), flushEveryMs);
    },
    flush,
    read: async (gatewayId, fromMs, toMs) => {
      // Written records first, so nothing queued is missed between the two reads.
      await writing;
      return readAll(gatewayId, fromMs, toMs);
    },
    async recentEvents(fromMs, limit) {
      const parts = [(await memory.recentEvents(fromMs, limit)).events, queue.events.filter((e) => e.time >= fromMs)];
      if (persistent) {
        try {
          const stored = await persistent.recentEvents(fromMs, limit);
          addSkipped(stored.skipped);
          parts.push(stored.events);
        } catch (error) {
          console.warn('History: reading IndexedDB failed', error);
        }
      }
      return dedupeEvents(parts.flat()).sort((a, b) => b.time - a.time).slice(0, limit);
    },
    async enforceRetention(nowMs) {
      const cutoff = nowMs - options.retentionMs;
      await memory.deleteBefore(cutoff);
      if (persistent && writable) {
        try {
          await persistent.deleteBefore(cutoff);
        } catch (error) {
          console.warn('History: retention clean-up failed; trying again later', error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    showFromOtherTab(batch) {
      for (const listener of listeners) listener(batch);
    },
    status: () => status,
    subscribeStatus(listener) {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    async close() {
      await flush();
      persistent?.close();
    },
  };
}

/**
 * One record per storage key, the last one read winning (queued after stored), as IndexedDB
 * keeps them: a poll recorded twice (two tabs, a handed-over poll) is one sample per peer.
 */
function dedupeByKey<T>(records: readonly T[], key: (record: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const record of records) byKey.set(key(record), record);
  return [...byKey.values()];
}

function dedupeEvents(events: readonly HistoryEvent[]): HistoryEvent[] {
  const byId = new Map<string, HistoryEvent>();
  for (const event of events) byId.set(event.id, event);
  return [...byId.values()];
}
