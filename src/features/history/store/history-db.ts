import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import { parseTimeSpan } from '../../../azure/timespan';
import type { HistoryBackend, HistoryBatch } from './history-backend';
import { keepReadable, readEvent, readPoll, readSample } from './history-records';
import type { HistoryEvent, PeerSample, PollOutcome } from '../model/peer-sample';

export const HISTORY_DB_NAME = 'bgp-peer-history';
/**
 * Schema versions. v1: samples only, with ARM's `connectedDuration` text as received.
 * v2: samples carry `connectedSeconds` (parsed once, not on every chart draw), a time index for
 * retention, and the polls (gaps) and events stores. Each step of `upgrade` moves the data on;
 * nothing collected under an older version is dropped.
 */
export const HISTORY_DB_VERSION = 2;

interface HistorySchema extends DBSchema {
  samples: {
    key: [string, string, number];
    value: PeerSample;
    indexes: { 'by-gateway-time': [string, number]; 'by-time': number };
  };
  polls: {
    key: [string, number];
    value: PollOutcome;
    indexes: { 'by-time': number };
  };
  events: {
    key: string;
    value: HistoryEvent;
    indexes: { 'by-gateway-time': [string, number]; 'by-time': number };
  };
}

type UpgradeTransaction = IDBPTransaction<HistorySchema, StoreNames<HistorySchema>[], 'versionchange'>;

function upgrade(db: IDBPDatabase<HistorySchema>, oldVersion: number, transaction: UpgradeTransaction): void {
  if (oldVersion < 1) {
    const samples = db.createObjectStore('samples', { keyPath: ['gatewayId', 'peerKey', 'time'] });
    samples.createIndex('by-gateway-time', ['gatewayId', 'time']);
  }
  if (oldVersion < 2) {
    const samples = transaction.objectStore('samples');
    samples.createIndex('by-time', 'time');
    const polls = db.createObjectStore('polls', { keyPath: ['gatewayId', 'time'] });
    polls.createIndex('by-time', 'time');
    const events = db.createObjectStore('events', { keyPath: 'id' });
    events.createIndex('by-gateway-time', ['gatewayId', 'time']);
    events.createIndex('by-time', 'time');
    if (oldVersion >= 1) void migrateV1Samples(transaction);
  }
}

/** v1 → v2: `connectedDuration` text becomes `connectedSeconds`. The version change waits for it. */
async function migrateV1Samples(transaction: UpgradeTransaction): Promise<void> {
  let cursor = await transaction.objectStore('samples').openCursor();
  while (cursor) {
    const record = cursor.value as unknown as Record<string, unknown>;
    if ('connectedDuration' in record && !('connectedSeconds' in record)) {
      const { connectedDuration, ...rest } = record;
      const seconds = parseTimeSpan(typeof connectedDuration === 'string' ? connectedDuration : null);
      // Not awaited: awaiting each put would let the transaction idle between requests.
      void cursor.update({ ...rest, connectedSeconds: seconds !== null && seconds >= 0 ? seconds : null } as unknown as PeerSample);
    }
    cursor = await cursor.continue();
  }
}

export interface OpenHistoryDbOptions {
  name?: string;
  /** Called when another tab needs a newer schema: this connection closes so it can upgrade. */
  onVersionChange?: () => void;
  /** Opening waits at most this long (an older tab can block an upgrade indefinitely). */
  timeoutMs?: number;
}

const RETENTION_CHUNK = 2_000;
/** Records per write transaction: about 5 ms of puts on the 2-core bench machine. */
const WRITE_CHUNK = 100;

type WriteRecord = { store: 'samples'; value: PeerSample } | { store: 'polls'; value: PollOutcome } | { store: 'events'; value: HistoryEvent };

/** A batch's records in order (samples, polls, events), cut into chunks of at most `size`. */
export function writeChunks(batch: HistoryBatch, size: number): WriteRecord[][] {
  const records: WriteRecord[] = [
    ...batch.samples.map((value) => ({ store: 'samples' as const, value })),
    ...batch.polls.map((value) => ({ store: 'polls' as const, value })),
    ...batch.events.map((value) => ({ store: 'events' as const, value })),
  ];
  const chunks: WriteRecord[][] = [];
  for (let i = 0; i < records.length; i += size) chunks.push(records.slice(i, i + size));
  return chunks;
}

/** The history in IndexedDB. Rejects when the browser refuses IndexedDB (private mode, policy). */
export async function openIndexedDbBackend(options: OpenHistoryDbOptions = {}): Promise<HistoryBackend> {
  if (typeof indexedDB === 'undefined') throw new Error('this browser offers no IndexedDB');
  let db: IDBPDatabase<HistorySchema> | undefined;
  const opening = openDB<HistorySchema>(options.name ?? HISTORY_DB_NAME, HISTORY_DB_VERSION, {
    upgrade: (db, oldVersion, _newVersion, transaction) => upgrade(db, oldVersion, transaction),
    blocking: () => {
      db?.close();
      options.onVersionChange?.();
    },
  });
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('opening IndexedDB took too long (another tab may be blocking it)')), options.timeoutMs ?? 5_000);
  });
  try {
    db = await Promise.race([opening, timeout]);
  } finally {
    clearTimeout(timer);
  }
  const database = db;

  return {
    async write(batch) {
      // A few hundred records per transaction, one transaction after the other: each one's puts
      // run in a task of their own, so a large fleet's poll round is not one long task. Records
      // already written stay written if a later chunk fails (the caller keeps the whole batch).
      for (const chunk of writeChunks(batch, WRITE_CHUNK)) {
        const tx = database.transaction(['samples', 'polls', 'events'], 'readwrite');
        const requests = chunk.map((record) =>
          record.store === 'samples'
            ? tx.objectStore('samples').put(record.value)
            : record.store === 'polls'
              ? tx.objectStore('polls').put(record.value)
              : tx.objectStore('events').put(record.value),
        );
        // tx.done rejects (QuotaExceededError, AbortError) when any request fails.
        await Promise.all([...requests.map((r) => r.catch(() => undefined)), tx.done]);
      }
    },
    async read(gatewayId, fromMs, toMs) {
      const tx = database.transaction(['samples', 'polls', 'events'], 'readonly');
      const range = IDBKeyRange.bound([gatewayId, fromMs], [gatewayId, toMs]);
      const [rawSamples, rawPolls, rawEvents] = await Promise.all([
        tx.objectStore('samples').index('by-gateway-time').getAll(range),
        tx.objectStore('polls').getAll(range),
        tx.objectStore('events').index('by-gateway-time').getAll(range),
      ]);
      const samples = keepReadable(rawSamples, readSample);
      const polls = keepReadable(rawPolls, readPoll);
      const events = keepReadable(rawEvents, readEvent);
      return { samples: samples.records, polls: polls.records, events: events.records, skipped: samples.skipped + polls.skipped + events.skipped };
    },
    async recentEvents(fromMs, limit) {
      const events: unknown[] = [];
      let cursor = await database.transaction('events').store.index('by-time').openCursor(IDBKeyRange.lowerBound(fromMs), 'prev');
      while (cursor && events.length < limit) {
        events.push(cursor.value);
        cursor = await cursor.continue();
      }
      const readable = keepReadable(events, readEvent);
      return { events: readable.records, skipped: readable.skipped };
    },
    async deleteBefore(cutoffMs) {
      const range = IDBKeyRange.upperBound(cutoffMs, true);
      for (const name of ['samples', 'polls', 'events'] as const) {
        // In chunks, so a long-closed tab's first retention pass does not hold one huge transaction.
        for (;;) {
          const tx = database.transaction(name, 'readwrite');
          const keys = await tx.store.index('by-time').getAllKeys(range, RETENTION_CHUNK);
          for (const key of keys) void tx.store.delete(key);
          await tx.done;
          if (keys.length < RETENTION_CHUNK) break;
        }
      }
    },
    close() {
      database.close();
    },
  };
}
