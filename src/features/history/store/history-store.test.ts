import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMemoryBackend, type HistoryBackend, type HistoryBatch } from './history-backend';
import { HISTORY_DB_VERSION, openIndexedDbBackend, writeChunks } from './history-db';
import { openHistoryStore, type HistoryStore } from './history-store';
import type { PeerSample } from '../model/peer-sample';

const T0 = Date.UTC(2025, 0, 15, 12, 0, 0);
const HOUR = 3_600_000;
let dbCount = 0;
const stores: HistoryStore[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

function freshName(): string {
  dbCount++;
  return `history-test-${dbCount}-${Math.random().toString(36).slice(2)}`;
}

async function open(name: string, extra: Partial<Parameters<typeof openHistoryStore>[0]> = {}): Promise<HistoryStore> {
  const store = await openHistoryStore({ retentionMs: 24 * HOUR, flushEveryMs: 60_000, db: { name }, ...extra });
  stores.push(store);
  return store;
}

function sample(time: number, overrides: Partial<PeerSample> = {}): PeerSample {
  return {
    gatewayId: 'gw-a',
    peerKey: '10.0.0.4|10.1.0.4',
    time,
    state: 'Connected',
    routesReceived: 12,
    messagesSent: 100,
    messagesReceived: 200,
    connectedSeconds: 3600,
    ...overrides,
  };
}
const batch = (samples: PeerSample[], extra: Partial<HistoryBatch> = {}): HistoryBatch => ({ samples, polls: [], events: [], ...extra });

async function countStored(name: string): Promise<number> {
  const db = await openDB(name);
  const count = await db.count('samples');
  db.close();
  return count;
}

describe('history in IndexedDB', () => {
  it('writes a large fleet\'s batch in chunks of a few hundred records, every record kept and in order', async () => {
    const samples = Array.from({ length: 250 }, (_, i) => sample(T0 + i * 15_000));
    const polls = samples.map((s) => ({ gatewayId: s.gatewayId, time: s.time, ok: true }));
    const chunks = writeChunks(batch(samples, { polls }), 100);
    expect(chunks.map((c) => c.length)).toEqual([100, 100, 100, 100, 100]);
    expect(chunks.flat().map((r) => r.store)).toEqual([...samples.map(() => 'samples'), ...polls.map(() => 'polls')]);

    const name = freshName();
    const backend = await openIndexedDbBackend({ name });
    await backend.write(batch(samples, { polls }));
    const read = await backend.read('gw-a', 0, Infinity);
    expect(read.samples.map((s) => s.time)).toEqual(samples.map((s) => s.time));
    expect(read.polls).toHaveLength(250);
  });

  it('keeps samples across closing and reopening (a reload), read by gateway and time range', async () => {
    const name = freshName();
    const first = await open(name);
    first.record(batch([sample(T0), sample(T0 + 15_000), sample(T0, { gatewayId: 'gw-b' })], { polls: [{ gatewayId: 'gw-a', time: T0, ok: true }] }));
    await first.close();
    stores.splice(stores.indexOf(first), 1);

    const second = await open(name);
    const read = await second.read('gw-a', T0, T0 + 60_000);
    expect(read.samples.map((s) => s.time)).toEqual([T0, T0 + 15_000]);
    expect(read.polls).toEqual([{ gatewayId: 'gw-a', time: T0, ok: true }]);
    expect((await second.read('gw-a', T0 + 1, T0 + 60_000)).samples).toHaveLength(1);
    expect(second.status()).toMatchObject({ persistence: 'indexeddb', memoryReason: null });
  });

  it('batches writes, and reads include what is still queued', async () => {
    const name = freshName();
    const store = await open(name, { flushAtSamples: 5 });
    store.record(batch([sample(T0), sample(T0 + 1)]));
    expect(await countStored(name)).toBe(0);
    expect((await store.read('gw-a', 0, Infinity)).samples).toHaveLength(2);
    store.record(batch([sample(T0 + 2), sample(T0 + 3), sample(T0 + 4)]));
    await store.flush();
    expect(await countStored(name)).toBe(5);
  });

  it('writes on a timer when polls are few', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const name = freshName();
      const store = await open(name, { flushEveryMs: 2_000 });
      store.record(batch([sample(T0)]));
      await vi.advanceTimersByTimeAsync(2_100);
      vi.useRealTimers();
      await store.read('gw-a', 0, Infinity);
      expect(await countStored(name)).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('enforces retention on samples, polls and events', async () => {
    const store = await open(freshName(), { retentionMs: 2 * HOUR });
    store.record(
      batch([sample(T0 - 3 * HOUR), sample(T0 - HOUR), sample(T0)], {
        polls: [{ gatewayId: 'gw-a', time: T0 - 3 * HOUR, ok: false }, { gatewayId: 'gw-a', time: T0, ok: true }],
        events: [{ id: 'old', gatewayId: 'gw-a', peerKey: null, time: T0 - 3 * HOUR, kind: 'gateway-stopped-answering', detail: 'x' }],
      }),
    );
    await store.flush();
    await store.enforceRetention(T0);
    const read = await store.read('gw-a', 0, Infinity);
    expect(read.samples.map((s) => s.time)).toEqual([T0 - HOUR, T0]);
    expect(read.polls.map((p) => p.time)).toEqual([T0]);
    expect(read.events).toEqual([]);
  });

  it('skips a damaged stored record and reports it, keeping the others', async () => {
    const name = freshName();
    const store = await open(name);
    store.record(batch([sample(T0), sample(T0 + 1)]));
    await store.flush();
    const db = await openDB(name, HISTORY_DB_VERSION);
    await db.put('samples', { gatewayId: 'gw-a', peerKey: '10.0.0.4|10.1.0.4', time: T0 + 2, state: 'Exploded', messagesSent: 'lots' });
    db.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const read = await store.read('gw-a', 0, Infinity);
    expect(read.samples.map((s) => s.time)).toEqual([T0, T0 + 1]);
    expect(read.skipped).toBe(1);
    expect(store.status().skippedRecords).toBe(1);
    expect(warn).toHaveBeenCalled();
  });

  it('lists recent events of every gateway, newest first, once each', async () => {
    const store = await open(freshName());
    const event = (id: string, gatewayId: string, time: number) => ({ id, gatewayId, peerKey: null, time, kind: 'gateway-answering-again' as const, detail: id });
    store.record(batch([], { events: [event('a', 'gw-a', T0), event('b', 'gw-b', T0 + 1)] }));
    await store.flush();
    store.record(batch([], { events: [event('c', 'gw-a', T0 + 2), event('a', 'gw-a', T0)] }));
    expect((await store.recentEvents(0, 10)).map((e) => e.id)).toEqual(['c', 'b', 'a']);
    expect((await store.recentEvents(T0 + 1, 10)).map((e) => e.id)).toEqual(['c', 'b']);
  });
});

describe('the same poll recorded twice (two tabs, or a tab taking over from one that closed)', () => {
  const poll = { gatewayId: 'gw-a', time: T0, ok: true };
  const twoPeers = () => batch([sample(T0), sample(T0, { peerKey: '10.0.0.5|10.1.0.4' })], { polls: [poll] });

  it('is stored once in IndexedDB: one sample per peer and one poll, whoever wrote it and when', async () => {
    const name = freshName();
    const first = await open(name);
    first.record(twoPeers());
    await first.flush();
    // Another tab writes the same poll, with the same key (gateway, peer row, poll time).
    const second = await open(name);
    second.record(twoPeers());
    // Still queued in the second tab, already stored by the first: read once.
    const read = await second.read('gw-a', 0, Infinity);
    expect(read.samples).toHaveLength(2);
    expect(read.polls).toEqual([poll]);
    await second.flush();
    expect(await countStored(name)).toBe(2);
    expect((await first.read('gw-a', 0, Infinity)).polls).toHaveLength(1);
  });

  it('is stored once in memory too, even after a later poll was recorded', async () => {
    const memory = createMemoryBackend();
    await memory.write(twoPeers());
    await memory.write(batch([sample(T0 + 15_000)], { polls: [{ ...poll, time: T0 + 15_000 }] }));
    await memory.write(twoPeers());
    const read = await memory.read('gw-a', 0, Infinity);
    expect(read.samples.map((s) => s.time - T0).sort((a, b) => a - b)).toEqual([0, 0, 15_000]);
    expect(read.polls.map((p) => p.time - T0)).toEqual([0, 15_000]);
  });
});

describe('schema migration', () => {
  it('moves v1 samples (connectedDuration text) to v2 (connectedSeconds) without losing any', async () => {
    const name = freshName();
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const samples = db.createObjectStore('samples', { keyPath: ['gatewayId', 'peerKey', 'time'] });
        samples.createIndex('by-gateway-time', ['gatewayId', 'time']);
      },
    });
    const { connectedSeconds: _dropped, ...v1Shape } = sample(T0);
    await v1.put('samples', { ...v1Shape, connectedDuration: '1.02:03:04.5000000' });
    await v1.put('samples', { ...v1Shape, time: T0 + 1, state: 'Idle', connectedDuration: null });
    v1.close();

    const store = await open(name);
    const read = await store.read('gw-a', 0, Infinity);
    expect(read.skipped).toBe(0);
    expect(read.samples.map((s) => s.connectedSeconds)).toEqual([93_784.5, null]);
    expect(read.samples[0]).not.toHaveProperty('connectedDuration');
    // The new stores exist and work.
    store.record(batch([], { polls: [{ gatewayId: 'gw-a', time: T0 + 2, ok: false }] }));
    expect((await store.read('gw-a', 0, Infinity)).polls).toHaveLength(1);
  });
});

describe('when IndexedDB fails', () => {
  it('keeps history in memory with a reason when IndexedDB cannot be opened (private mode)', async () => {
    const store = await open(freshName(), { openBackend: () => Promise.reject(new DOMException('The user denied permission', 'InvalidStateError')) });
    expect(store.status()).toMatchObject({ persistence: 'memory' });
    expect(store.status().memoryReason).toContain('denied permission');
    store.record(batch([sample(T0)]));
    await store.flush();
    expect((await store.read('gw-a', 0, Infinity)).samples).toHaveLength(1);
  });

  it('switches to memory when a write fails (quota full), keeping the failed batch and what was stored', async () => {
    const name = freshName();
    const real = await openIndexedDbBackend({ name });
    let full = false;
    const flaky: HistoryBackend = {
      ...real,
      write: (b) => (full ? Promise.reject(new DOMException('Quota exceeded', 'QuotaExceededError')) : real.write(b)),
    };
    const store = await open(name, { openBackend: () => Promise.resolve(flaky) });
    const changes = vi.fn();
    store.subscribeStatus(changes);
    store.record(batch([sample(T0)]));
    await store.flush();
    full = true;
    store.record(batch([sample(T0 + 15_000)]));
    await expect(store.flush()).resolves.toBeUndefined();
    expect(store.status()).toMatchObject({ persistence: 'memory' });
    expect(store.status().memoryReason).toContain('quota is full');
    expect(changes).toHaveBeenCalled();
    expect((await store.read('gw-a', 0, Infinity)).samples.map((s) => s.time)).toEqual([T0, T0 + 15_000]);
  });
});

describe('history in memory', () => {
  it('stays bounded whatever the uptime: a cap per peer row, the oldest dropped first', async () => {
    const memory = createMemoryBackend({ samplesPerPeer: 100, pollsPerGateway: 100, events: 10 });
    for (let i = 0; i < 1_000; i++) {
      await memory.write(batch([sample(T0 + i * 15_000)], { polls: [{ gatewayId: 'gw-a', time: T0 + i * 15_000, ok: true }] }));
    }
    const read = await memory.read('gw-a', 0, Infinity);
    expect(read.samples.length).toBeLessThanOrEqual(125);
    expect(read.polls.length).toBeLessThanOrEqual(125);
    expect(read.samples.at(-1)?.time).toBe(T0 + 999 * 15_000);
  });

  it('places a late sample in time order', async () => {
    const memory = createMemoryBackend();
    await memory.write(batch([sample(T0), sample(T0 + 30_000), sample(T0 + 15_000)]));
    expect((await memory.read('gw-a', 0, Infinity)).samples.map((s) => s.time - T0)).toEqual([0, 15_000, 30_000]);
  });
});
