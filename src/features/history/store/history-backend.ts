import type { HistoryEvent, PeerSample, PollOutcome } from '../model/peer-sample';

/** What one poll (or several, batched) adds to the history. */
export interface HistoryBatch {
  samples: PeerSample[];
  polls: PollOutcome[];
  events: HistoryEvent[];
}

export interface HistoryRead {
  samples: PeerSample[];
  polls: PollOutcome[];
  events: HistoryEvent[];
  /** Stored records that could not be read (damaged) and were left out. */
  skipped: number;
}

/** Where history is kept: IndexedDB, or memory when the browser refuses IndexedDB. */
export interface HistoryBackend {
  write(batch: HistoryBatch): Promise<void>;
  read(gatewayId: string, fromMs: number, toMs: number): Promise<HistoryRead>;
  /** Events of every gateway since `fromMs`, newest first, at most `limit`. */
  recentEvents(fromMs: number, limit: number): Promise<{ events: HistoryEvent[]; skipped: number }>;
  /** Drops everything older than `cutoffMs` (retention). */
  deleteBefore(cutoffMs: number): Promise<void>;
  close(): void;
}

export function emptyBatch(): HistoryBatch {
  return { samples: [], polls: [], events: [] };
}

export interface MemoryLimits {
  /** Samples kept per peer row; the oldest go first. */
  samplesPerPeer: number;
  pollsPerGateway: number;
  events: number;
}

export const DEFAULT_MEMORY_LIMITS: MemoryLimits = {
  // A day of 15-second polls per peer row; with 5-second polls, 8 hours.
  samplesPerPeer: 5_760,
  pollsPerGateway: 5_760,
  events: 5_000,
};

/** Drops the oldest entries once the array is a quarter over its cap, so trimming is amortised. */
function trim<T>(items: T[], cap: number): void {
  if (items.length > cap + Math.ceil(cap / 4)) items.splice(0, items.length - cap);
}

function insertByTime<T extends { time: number }>(items: T[], item: T): void {
  // Polls arrive in time order; a late one is placed where it belongs.
  let index = items.length;
  while (index > 0 && (items[index - 1]?.time ?? 0) > item.time) index--;
  items.splice(index, 0, item);
}

/**
 * Like IndexedDB's `put` on a key that ends with the time: the same poll written twice (by two
 * tabs, or by the tab taking over from a closing one) is stored once.
 */
function putByTime<T extends { time: number }>(items: T[], item: T): void {
  let index = items.length;
  while (index > 0 && (items[index - 1]?.time ?? 0) > item.time) index--;
  if (index > 0 && items[index - 1]?.time === item.time) items[index - 1] = item;
  else items.splice(index, 0, item);
}

/**
 * History in memory, bounded whatever the uptime: per-peer and per-gateway caps plus retention.
 * Used when IndexedDB is unavailable or fails, and as the fallback behind it.
 */
export function createMemoryBackend(limits: MemoryLimits = DEFAULT_MEMORY_LIMITS): HistoryBackend {
  const samples = new Map<string, Map<string, PeerSample[]>>();
  const polls = new Map<string, PollOutcome[]>();
  let events: HistoryEvent[] = [];
  const eventIds = new Set<string>();

  return {
    write(batch) {
      for (const sample of batch.samples) {
        let peers = samples.get(sample.gatewayId);
        if (!peers) samples.set(sample.gatewayId, (peers = new Map()));
        let list = peers.get(sample.peerKey);
        if (!list) peers.set(sample.peerKey, (list = []));
        putByTime(list, sample);
        trim(list, limits.samplesPerPeer);
      }
      for (const poll of batch.polls) {
        let list = polls.get(poll.gatewayId);
        if (!list) polls.set(poll.gatewayId, (list = []));
        putByTime(list, poll);
        trim(list, limits.pollsPerGateway);
      }
      for (const event of batch.events) {
        if (eventIds.has(event.id)) continue;
        eventIds.add(event.id);
        insertByTime(events, event);
      }
      if (events.length > limits.events + Math.ceil(limits.events / 4)) {
        const dropped = events.splice(0, events.length - limits.events);
        for (const event of dropped) eventIds.delete(event.id);
      }
      return Promise.resolve();
    },
    read(gatewayId, fromMs, toMs) {
      const inRange = <T extends { time: number }>(list: readonly T[]) => list.filter((item) => item.time >= fromMs && item.time <= toMs);
      const peerLists = [...(samples.get(gatewayId)?.values() ?? [])];
      return Promise.resolve({
        samples: peerLists.flatMap(inRange),
        polls: inRange(polls.get(gatewayId) ?? []),
        events: inRange(events.filter((e) => e.gatewayId === gatewayId)),
        skipped: 0,
      });
    },
    recentEvents(fromMs, limit) {
      return Promise.resolve({ events: events.filter((e) => e.time >= fromMs).slice(-limit).reverse(), skipped: 0 });
    },
    deleteBefore(cutoffMs) {
      for (const peers of samples.values()) {
        for (const [key, list] of peers) {
          const kept = list.filter((s) => s.time >= cutoffMs);
          if (kept.length > 0) peers.set(key, kept);
          else peers.delete(key);
        }
      }
      for (const [key, list] of polls) polls.set(key, list.filter((p) => p.time >= cutoffMs));
      const dropped = events.filter((e) => e.time < cutoffMs);
      for (const event of dropped) eventIds.delete(event.id);
      events = events.filter((e) => e.time >= cutoffMs);
      return Promise.resolve();
    },
    close() {},
  };
}
